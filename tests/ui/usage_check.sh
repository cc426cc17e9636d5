#!/usr/bin/env bash
# Usage figures that protect privacy (issue 11, part 6), through the kiosk: four
# sessions search for "xyzzy" and find nothing: the word is nowhere in the outbox or
# the log, only counted; a fifth session: now `signpostctl usage export` lists it.
# Every day is a date, every hour two digits: no time finer than the hour.
# usage: usage_check.sh SIGNPOST SIGNPOSTCTL CONFIG STORE SCRIPTS_DIR OUTDIR
set -euo pipefail
signpost=$1 ctl=$2 config=$3 store=$4 scripts=$5 out=$6
work="$out/usage-check"
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }
run() {
  (cd "$work" && "$signpost" --headless --date 2026-11-22 --config "$config" --store "$store" \
     --outbox "$work/outbox.db" --script "$scripts/$1.script") 2>> "$work/kiosk.log" \
    || fail "$1.script failed (see $work/kiosk.log)"
}
run usage_search4
for f in "$work"/outbox.db* "$work/kiosk.log"; do
  if grep -a -q -i "xyzzy" "$f"; then fail "the word was stored after only four sessions: $f"; fi
done
"$ctl" usage export --outbox "$work/outbox.db" --format csv > "$work/usage4.csv"
grep -q -x $'2026-11-22,search-empty,,4\r' "$work/usage4.csv" || { cat "$work/usage4.csv"; fail "four unmatched searches not counted"; }
grep -q -x $'2026-11-22,sessions,,5\r' "$work/usage4.csv" || { cat "$work/usage4.csv"; fail "five sessions not counted"; }
grep -q -x $'2026-11-22,feature,high-contrast,1\r' "$work/usage4.csv" || fail "high contrast not counted"
grep -q "xyzzy" "$work/usage4.csv" && fail "the export lists the word after four sessions"
[ "$(sqlite3 "$work/outbox.db" 'SELECT sessions FROM usage_word WHERE words IS NULL')" = 4 ] \
  || fail "the keyed hash does not count four sessions"
run usage_search1
"$ctl" usage export --outbox "$work/outbox.db" --format csv > "$work/usage5.csv"
grep -q -x $'2026-11-22,search-words,xyzzy,1\r' "$work/usage5.csv" || { cat "$work/usage5.csv"; fail "the fifth session did not store the word"; }
"$ctl" usage export --outbox "$work/outbox.db" --from 2026-11-23 --format json > "$work/later.json"
[ "$(tr -d '\n' < "$work/later.json")" = "[]" ] || fail "--from did not limit the days"
"$ctl" usage export --outbox "$work/outbox.db" --format json > "$work/usage.json"
grep -q '"metric":"search-words","item":"xyzzy"' "$work/usage.json" || fail "JSON lacks the word"
# No time finer than the hour, anywhere in the usage tables.
tail -n +2 "$work/usage5.csv" | tr -d '\r' | while IFS=, read -r day metric item count; do
  [[ $day =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || fail "a day that is not a date: $day"
  [[ $metric != hour || $item =~ ^[0-2][0-9]$ ]] || fail "an hour that is not HH: $item"
  [[ $item != *:* ]] || fail "a time in an item: $item"
done
[ "$(sqlite3 "$work/outbox.db" "SELECT count(*) FROM pragma_table_info('usage_count')")" = 4 ] \
  || fail "usage_count has a column it should not"
echo "usage check: passed"
