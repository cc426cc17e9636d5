#!/usr/bin/env bash
# The Friends and Family Test end to end (issue 11, part 5): fft.script answers through
# the home tile (Good with a typed comment, Very good without, one walked away from);
# the answers are stored counted by day only; the comment is sealed: the distinctive
# word typed is nowhere in the outbox or the log, and the abandoned one nowhere at all;
# `feedback export --format nhs-monthly` gives the month's counts without a key, and
# with the PALS key the comment comes back as CSV and as FHIR.
# usage: fft_check.sh SIGNPOST SIGNPOSTCTL CONFIG STORE SCRIPTS_DIR OUTDIR SECRET
set -euo pipefail
signpost=$1 ctl=$2 config=$3 store=$4 scripts=$5 out=$6 secret=$7
work="$out/fft-check"
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }
(cd "$work" && "$signpost" --headless --date 2026-11-22 --config "$config" --store "$store" \
   --outbox "$work/outbox.db" --script "$scripts/fft.script") 2> "$work/kiosk.log" \
  || fail "fft.script failed (see $work/kiosk.log)"
for f in "$work"/outbox.db* "$work/kiosk.log"; do
  grep -a -q "QUOKKAPLUM" "$f" && fail "the typed comment is readable in $f"
  grep -a -q "ABANDONEDWORD" "$f" && fail "abandoned words reached $f"
done
[ "$(sqlite3 "$work/outbox.db" "SELECT group_concat(day || '|' || answer || '|' || count, ' ') FROM fft_answer")" \
  = "2026-11-22|1|1 2026-11-22|2|1" ] || fail "the answers are not counted by day"
[ "$(sqlite3 "$work/outbox.db" "SELECT count(*) FROM fft_text")" = 1 ] || fail "not one sealed comment"
"$ctl" feedback export --outbox "$work/outbox.db" --format nhs-monthly -o "$work/nhs.csv"
printf 'Period,Very good,Good,Neither good nor poor,Poor,Very poor,Don'"'"'t know,Total\r\n2026-11,1,1,0,0,0,0,2\r\n' \
  > "$work/nhs-expected.csv"
cmp "$work/nhs.csv" "$work/nhs-expected.csv" || { cat "$work/nhs.csv"; fail "nhs-monthly differs"; }
"$ctl" feedback export --outbox "$work/outbox.db" --format nhs-monthly --secret-key "$secret" \
  > /dev/null 2>&1 && fail "nhs-monthly took a key"
cp "$work/outbox.db" "$work/copy.db"
"$ctl" feedback export --outbox "$work/outbox.db" --secret-key "$secret" --format csv \
  -o "$work/comments.csv" 2> "$work/ctl.log" || { cat "$work/ctl.log"; fail "csv export failed"; }
grep -q "2026-11-22,Good,QUOKKAPLUM was kind" "$work/comments.csv" || fail "the comment is not in the CSV"
[ "$(stat -c %a "$work/comments.csv")" = 600 ] || fail "the comments file is not private"
"$ctl" feedback export --outbox "$work/copy.db" --secret-key "$secret" --format fhir > "$work/comments.json"
grep -q '"resourceType":"QuestionnaireResponse"' "$work/comments.json" || fail "no QuestionnaireResponse"
grep -q '"code":"good"' "$work/comments.json" || fail "FHIR lacks the answer"
"$ctl" feedback export --outbox "$work/outbox.db" --format csv > /dev/null 2>&1 \
  && fail "the comments were exported without a key"
echo "fft check: passed"
