#!/usr/bin/env bash
# The last known good content (issue 12 part 3): a damaged live store with LIVE.good
# beside it starts on LIVE.good and says so in staff mode; without LIVE.good the kiosk
# is out of order, never blank.
# usage: content_fallback_check.sh SIGNPOST CONFIG GOOD_STORE DAMAGED_STORE SCRIPTS_DIR OUTDIR
set -euo pipefail
signpost=$1 config=$2 good=$3 damaged=$4 scripts=$5 out=$6
work="$out/content-fallback"
rm -rf "$work"
mkdir -p "$work"
cp "$damaged" "$work/live.db"
cp "$good" "$work/live.db.good"
(cd "$out" && "$signpost" --headless --date 2026-11-22 --config "$config" --store "$work/live.db" \
   --outbox "$work/outbox.db" --script "$scripts/content_fallback.script") 2> "$work/kiosk.log" \
  || { cat "$work/kiosk.log"; echo "FAIL: content_fallback.script"; exit 1; }
grep -q "showing the last known good content" "$work/kiosk.log" \
  || { echo "FAIL: the log does not say the last known good content is shown"; exit 1; }
echo "content fallback check: passed"
