#!/usr/bin/env bash
# Runs concern_cover.script on the headless kiosk, then checks that the dump of the
# accessibility tree taken under the privacy cover holds nothing the person typed, and
# that "Show my answers" is there.
# usage: concern_cover_check.sh SIGNPOST CONFIG STORE SCRIPT OUTDIR
set -euo pipefail
signpost=$1 config=$2 store=$3 script=$4 out=$5
ob="$out/outbox-concern-cover.db"
rm -f "$ob" "$ob-wal" "$ob-shm" "$out/concern-covered.json"
(cd "$out" && "$signpost" --headless --date 2026-11-22 --config "$config" --store "$store" \
  --outbox "$ob" --script "$script")
dump="$out/concern-covered.json"
[ -s "$dump" ] || { echo "FAIL: no dump at $dump"; exit 1; }
if grep -q -F "COVERED-SECRET-91" "$dump"; then
  echo "FAIL: the typed words are in the tree under the privacy cover ($dump)"
  exit 1
fi
grep -q '"concern-uncover"' "$dump" || { echo "FAIL: no 'Show my answers' under the cover"; exit 1; }
echo "concern cover check: passed"
