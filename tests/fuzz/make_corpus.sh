#!/usr/bin/env bash
# make_corpus.sh OUT [SIGNPOSTCTL]: writes seed corpora for the fuzz targets into
# OUT/<name> for fuzz_<name>, from the sample content and the test data.
#   content:  one seed per content file: a first byte naming the file (its place in
#             fuzz_site.h's `base` list, which this list must follow) and its bytes.
#   oruk:     the ORUK JSON fixture, a few small documents and, when SIGNPOSTCTL is
#             given, the sample content exported as ORUK JSON.
#   oruk_csv: the ORUK CSV fixtures (3.0 and 1.0), whole and a table at a time: each
#             table a byte naming it (its place in fuzz_oruk_csv.c's `tables`, which
#             this list must follow), its bytes, and a NUL.
#   config:   the sample kiosk.conf, its examples and the test configs.
#   script:   the UI test scripts.
#   hours:    opening hours (a 0 byte first) and schedules (a 1 byte first, then the
#             fields one a line) from the sample content, the test data and by hand.
#   outbox, store: edits to the target's own valid file (the empty input is that file
#             unchanged), and whole SQLite files: the damaged test store and, with
#             SIGNPOSTCTL, the smallest site built.
#   po:       the interface catalogues (app/i18n/po) and the test catalogues.
#   escpos:   printer jobs the slip tests received (tests/data/escpos: a first byte for
#             the paper, even 58 mm, odd 80 mm, then the bytes), and pieces of them.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$1"
ctl="${2:-}"
rm -rf "$out"
mkdir -p "$out/content" "$out/oruk" "$out/oruk_csv" "$out/config" "$out/script" \
         "$out/hours" "$out/outbox" "$out/store" "$out/po" "$out/text" "$out/receipt" "$out/escpos" \
         "$out/sync_status" \
         "$out/plansvg"
# plansvg: the sample drawing, and drawings that must be refused (outside references,
# not SVG, no viewBox, a huge viewBox).
cp "$root"/content/plans/*.svg "$out/plansvg/"
printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><rect width="10" height="10"/><text x="5" y="20">Ward</text></svg>' > "$out/plansvg/small.svg"
printf '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><image href="file:///etc/passwd" width="10" height="10"/></svg>' > "$out/plansvg/file-href.svg"
printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image xlink:href="http://example.invalid/x.png"/></svg>' > "$out/plansvg/http-href.svg"
printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect style="fill:url(http://x/y#z)" width="5" height="5"/><use href="#a"/></svg>' > "$out/plansvg/url.svg"
printf '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY e SYSTEM "file:///etc/passwd">]><svg viewBox="0 0 10 10">&e;</svg>' > "$out/plansvg/entity.svg"
printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>' > "$out/plansvg/no-viewbox.svg"
printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1e9 1"></svg>' > "$out/plansvg/huge.svg"
printf '\211PNG\r\n\032\n not svg' > "$out/plansvg/png.svg"
cp "$root"/app/i18n/po/*.po "$out/po/"
for f in "$root"/tests/data/escpos/*.bin; do
  cp "$f" "$out/escpos/$(basename "$f")"
  head -c 600 "$f" > "$out/escpos/head-$(basename "$f")"
done
for f in "$root"/tests/data/i18n/*.po; do cp "$f" "$out/po/test-$(basename "$f")"; done

names=(site.ini buildings.csv floors.csv waypoints.csv paths.csv destination_types.csv
       destinations.csv kiosks.csv plans.csv categories.csv organizations.csv services.csv
       schedules.csv pages synonyms.csv pages-lang)
n=0
seed() { # seed INDEX FILE
  local f="$out/content/seed-$n"
  printf "\\$(printf '%03o' "$1")" > "$f"
  cat "$2" >> "$f"
  n=$((n + 1))
}
for i in "${!names[@]}"; do
  name="${names[$i]}"
  if [ "$name" = pages-lang ]; then # pages/about.cy.md: the pages in other languages
    for page in "$root"/content/pages/*.*.md; do
      [ -f "$page" ] && seed "$i" "$page"
    done
    continue
  fi
  if [ "$name" = pages ]; then
    for page in "$root"/content/pages/*.md "$root"/tests/data/pages/*/*.md; do
      [ -f "$page" ] && seed "$i" "$page"
    done
    continue
  fi
  for src in "$root/content" "$root"/tests/data/content-bad/* "$root"/tests/data/directory/*; do
    [ -f "$src/$name" ] && seed "$i" "$src/$name"
  done
done

cp "$root/tests/data/oruk/v3-json/services.json" "$out/oruk/v3.json"
printf '[]' > "$out/oruk/empty-list.json"
printf '{"contents": [{"id": "a", "name": "A", "status": "active"}]}' > "$out/oruk/page.json"
printf '[{"id": "a", "name": "A", "organization_id": "missing"}, 7]' > "$out/oruk/broken.json"
if [ -n "$ctl" ] && [ -x "$ctl" ]; then
  "$ctl" content export-oruk "$root/content" -o "$out/oruk/sample.json" >/dev/null 2>&1 ||
    echo "note: $ctl could not export the sample content (an older build?); seeds without it"
fi

# oruk_csv
tables=(organizations.csv services.csv locations.csv addresses.csv service_at_locations.csv
        contacts.csv phones.csv schedules.csv taxonomy_terms.csv attributes.csv
        service_taxonomy.csv link_taxonomy.csv languages.csv cost_options.csv eligibility.csv
        organization.csv service.csv location.csv address.csv physical_address.csv
        service_at_location.csv contact.csv phone.csv schedule.csv regular_schedule.csv
        taxonomy.csv taxonomy_term.csv attribute.csv service_taxonomies.csv
        link_taxonomies.csv language.csv cost_option.csv eligibilities.csv
        physical_addresses.csv regular_schedules.csv)
table() { # table FOLDER INDEX >> seed
  printf "\\$(printf '%03o' "$2")"
  cat "$1/${tables[$2]}"
  printf '\0'
}
for v in v3-csv v1-csv; do
  src="$root/tests/data/oruk/$v"
  for i in "${!tables[@]}"; do
    [ -f "$src/${tables[$i]}" ] || continue
    table "$src" "$i" >> "$out/oruk_csv/$v-all"
    table "$src" "$i" > "$out/oruk_csv/$v-$i"
  done
done

# config
for f in "$root"/kiosk-config/*.conf "$root"/kiosk-config/examples/*.conf \
         "$root"/tests/data/config/*.conf; do
  [ -f "$f" ] && cp "$f" "$out/config/$(basename "$(dirname "$f")")-$(basename "$f")"
done

# script
for f in "$root"/tests/ui/*.script; do
  cp "$f" "$out/script/"
done
printf 'tap "a \\"quoted\\" word" 1 2\nwait -5\ndrag 1 2 3 99999999999999999999\n# end\n' \
  > "$out/script/hand"

# hours
h=0
hours() { printf '\000%s' "$1" > "$out/hours/hours-$h"; h=$((h + 1)); }
sched() { printf '\001%s' "$1" > "$out/hours/schedule-$h"; h=$((h + 1)); }
hours "Mon-Fri 08:00-18:00; Sat 09:00-12:30"
hours "Mon to Fri 8:00 to 17.30, 18:00-24:00; weekends closed"
hours "24/7"
hours "daily 07:00-21:00 and 22:00-23:00"
hours "Tusday 9-5"
sched $'WEEKLY\n\nMO,TU,WE,TH,FR\n\n09:00\n16:30\n\n'
sched $'MONTHLY\n\n-1FR\n\n10:00\n12:00\n\nLast Friday'
sched $'WEEKLY\n2\nWE\n\n14:00\n15:30\n2026-01-07\nTerm time'
sched $'MONTHLY\n3\n\n31\n18:00\n\n2026-02-28\n'
sched $'MONTHLY\n\n1MO,3TH\n\n10:00\n09:00\n\n'
if command -v python3 >/dev/null; then
  python3 - "$root" "$out/hours" <<'PY'
import csv, sys, os
root, out = sys.argv[1], sys.argv[2]
n = 0
for d in ["content", "tests/data/content-bad/bad-hours", "tests/data/check/warnings"]:
    p = os.path.join(root, d, "destinations.csv")
    if os.path.exists(p):
        for row in csv.DictReader(open(p, encoding="utf-8", errors="replace")):
            if row.get("hours"):
                open(os.path.join(out, "csv-hours-%d" % n), "wb").write(b"\0" + row["hours"].encode())
                n += 1
for d in ["content", "tests/data/directory/base", "tests/data/directory/impossible-schedule"]:
    p = os.path.join(root, d, "schedules.csv")
    if os.path.exists(p):
        for row in csv.DictReader(open(p, encoding="utf-8", errors="replace")):
            f = [row.get(k) or "" for k in ("freq", "interval", "byday", "bymonthday",
                                              "opens_at", "closes_at", "dtstart", "description")]
            open(os.path.join(out, "csv-schedule-%d" % n), "wb").write(b"\1" + "\n".join(f).encode())
            n += 1
PY
fi

# outbox and store: the model file unchanged, a few edits, whole files
for t in outbox store; do
  : > "$out/$t/model"
  printf '\000\000\022\377\000\000\034\000' > "$out/$t/header-edits"  # page size, counter
  printf '\000\020\000\015\000\030\000\377' > "$out/$t/page-edits"    # a b-tree page
  cp "$root/tests/data/stores/damaged.db" "$out/$t/damaged.db"
done
if [ -n "$ctl" ] && [ -x "$ctl" ]; then
  site="$out/.site"
  mkdir -p "$site"
  cp "$root"/tests/data/content-bad/base/* "$root"/tests/data/directory/base/* "$site/"
  "$ctl" content build "$site" -o "$out/store/small.db" >/dev/null 2>&1 || true
  rm -rf "$site"
fi

# text: first byte odd = right to left
t=0
text() { printf "$1%s" "$2" > "$out/text/text-$t"; t=$((t + 1)); }
text '\001' 'اپنی ملاقات کے لیے 01632 960123 پر فون کریں'
text '\377' 'اتصل Main reception الآن (A&E) 🙂'
text '\000' 'ডায়াবেটিস ক্লিনিক 01632, ਸ਼ੂਗਰ ਕਲੀਨਿਕ। Café Łódź'
text '\002' $'a\xd8 \xff\xfe\xe2\x80\x8f\xe2\x80\xae b \xd9\x84'

# receipt: a good one, one cut short, one with a bad token, one from an outbox file
good=$'signpost-receipt 1\nkiosk main-entrance\ncollection signpost-collection-main-entrance-20261205-091500.db\nopened 2026-12-05T10:00:00Z\n'
printf '%sconcern K7QM-4TX4 00112233445566778899aabbccddeeff\nend 1\n' "$good" > "$out/receipt/good"
printf '%sconcern K7QM-4TX4 00112233445566778899aabbccddeeff\n' "$good" > "$out/receipt/cut"
printf '%sconcern K7QM-4TX4 00112233445566778899AABBCCDDEEFF\nend 1\n' "$good" > "$out/receipt/upper"
printf 'signpost-receipt 1\nkiosk -\ncollection -\nopened 2026-12-05T10:00:00Z\nend 0\n\n' \
  > "$out/receipt/empty"
# (a kiosk line of two words once got through: found by fuzz_receipt)
printf 'signpost-receipt 1\nkiosk main entrance\ncollection -\nopened 2026-12-05T10:00:00Z\nend 0\n' \
  > "$out/receipt/two-words"
# sync_status: ok, an error, cut short, a field twice, a bad number
printf 'signpost-sync-status 1\ntime 1764927000\nresult ok\nlast-ok 1764927000\nsent 3\nwaiting 0\nmessage \n' \
  > "$out/sync_status/ok"
printf 'signpost-sync-status 1\ntime 1764927000\nresult error\nlast-ok 0\nsent 0\nwaiting 2\nmessage cannot connect to the central database\n' \
  > "$out/sync_status/error"
printf 'signpost-sync-status 1\ntime 1764927000\nresult ok\n' > "$out/sync_status/cut"
printf 'signpost-sync-status 1\ntime 1\ntime 2\nresult ok\nlast-ok 0\nsent 0\nwaiting 0\nmessage x\n' \
  > "$out/sync_status/twice"
printf 'signpost-sync-status 1\ntime -5\nresult maybe\nlast-ok x\nsent 99999999999\nwaiting -2\nmessage \n' \
  > "$out/sync_status/bad"

echo "seeds: $n content, $(ls "$out/oruk" | wc -l) oruk, $(ls "$out/oruk_csv" | wc -l) oruk_csv," \
     "$(ls "$out/config" | wc -l) config, $(ls "$out/script" | wc -l) script," \
     "$(ls "$out/hours" | wc -l) hours, $(ls "$out/outbox" | wc -l) outbox," \
     "$(ls "$out/store" | wc -l) store, $(ls "$out/po" | wc -l) po, $(ls "$out/text" | wc -l) text, $(ls "$out/receipt" | wc -l) receipt, $(ls "$out/escpos" | wc -l) escpos, $(ls "$out/sync_status" | wc -l) sync_status"
