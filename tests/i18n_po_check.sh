#!/bin/sh
# i18n_po_check.sh: every interface catalogue passes `msgfmt --check`, and every
# translation keeps every placeholder ({1}, {2}, {3}) of its English text, named by
# file, line and id. Usage: i18n_po_check.sh MSGFMT PO_DIR
set -u
msgfmt=$1 dir=$2
fail=0 n=0
for po in "$dir"/*.po; do
  n=$((n + 1))
  "$msgfmt" --check -o /dev/null "$po" || { echo "$po: msgfmt --check failed"; fail=1; }
  awk -v file="$po" '
    function flush(   i, p, s) {
      if (ctxt != "" && en != "") {
        for (i = 0; i < ns; i++) {
          if (str[i] == "") continue
          s = en
          while (match(s, /\{[0-9]\}/)) {
            p = substr(s, RSTART, RLENGTH)
            if (index(str[i], p) == 0) {
              printf "%s:%d: %s: the translation lacks the placeholder %s of the English\n", file, line[i], ctxt, p
              bad = 1
            }
            s = substr(s, RSTART + RLENGTH)
          }
        }
      }
      ctxt = ""; en = ""; ns = 0; cur = ""
    }
    function unq(s) { sub(/^[^"]*"/, "", s); sub(/"[ \t]*$/, "", s); return s }
    /^msgctxt / { flush(); ctxt = unq($0); cur = "c"; next }
    /^msgid_plural / { en = en unq($0); cur = "p"; next }
    /^msgid / { en = unq($0); cur = "i"; next }
    /^msgstr/ { str[ns] = unq($0); line[ns] = NR; ns++; cur = "s"; next }
    /^"/ { if (cur == "i" || cur == "p") en = en unq($0); else if (cur == "s") str[ns - 1] = str[ns - 1] unq($0); next }
    /^$/ { flush() }
    END { flush(); exit bad }
  ' "$po" || fail=1
done
[ "$n" -gt 0 ] || { echo "no catalogues in $dir"; exit 1; }
[ "$fail" -eq 0 ] && echo "$n catalogues: msgfmt --check and placeholders fine"
exit "$fail"
