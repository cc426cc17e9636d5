#!/usr/bin/env bash
# The staff status screen's Sync line (issue 12 part 3), from the status file
# signpostctl sync leaves beside the outbox: not part of a fleet, not run yet, the
# last pass's plain error with when it last sent and how many wait, all well, and a
# damaged status file (named, with its line). Screenshots land in OUTDIR/staff-sync.
# usage: staff_sync_check.sh SIGNPOST SAMPLE_CONFIG STORE OUTDIR
set -euo pipefail
signpost=$1 config=$2 store=$3 out=$4
work="$out/staff-sync"
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }
keys="$(cd "$(dirname "$config")" && pwd)/demo-keys"
conf() { # $1: the [fleet] section's body, or nothing
  {
    printf '[kiosk]\nlocation = main-entrance\n[concerns]\npublic_key = %s/pals-public.key\n' "$keys"
    printf '[staff]\n%s\naudit_log = %s\n' "$(grep '^pin_hash' "$config")" "$work/audit.log"
    if [ -n "$1" ]; then printf '[fleet]\n%s\n' "$1"; fi
  } > "$work/kiosk.conf"
}
# One run: a script that opens staff mode, expects each of the words given, and
# takes a screenshot NAME.png.
run() { # name words...
  local name=$1
  shift
  {
    printf 'hold 10 10 5000\ntap pin-2\ntap pin-4\ntap pin-6\ntap pin-8\ntap pin-ok\n'
    printf 'expect-screen staff\n'
    for w in "$@"; do printf 'expect "%s"\n' "$w"; done
    printf 'shot %s.png\n' "$name"
  } > "$work/$name.script"
  (cd "$work" && "$signpost" --headless --date 2026-11-22 --config "$work/kiosk.conf" \
     --store "$store" --outbox "$work/outbox.db" --script "$work/$name.script") \
     >> "$work/kiosk.log" 2>&1 || { tail -3 "$work/kiosk.log"; fail "$name failed"; }
  echo "ok   $name"
}
status() { # result last-ok waiting message
  printf 'signpost-sync-status 1\ntime %s\nresult %s\nlast-ok %s\nsent 0\nwaiting %s\nmessage %s\n' \
    "$(date +%s)" "$1" "$2" "$3" "$4" > "$work/outbox.db.sync-status"
}
conf ""
run sync-off "Not set up: this kiosk is not part of a fleet"
touch "$work/ca.crt"
conf "url = postgresql://kiosk_ward7@central.example.org/signpost
sslrootcert = $work/ca.crt
password_file = $work/fleet.password"
run sync-never "Not run yet"
now=$(date +%s)
status error "$((now - 600))" 2 "cannot connect to the central database: connection to server at \"central.example.org\" (192.0.2.7), port 5432 failed: Connection refused"
hhmm=$(date -u -d "@$((now - 600))" +%H:%M)
run sync-error "Not working: cannot connect to the central database" "central.example.org" \
  "Last sent $hhmm UTC, 2 waiting"
status ok "$now" 0 ""
run sync-ok "Last sent $(date -u -d "@$now" +%H:%M) UTC, 0 waiting"
status error 0 -1 "the outbox is not working"
run sync-never-sent "Not working: the outbox is not working. Last sent Never, ? waiting"
printf 'signpost-sync-status 1\ntime 12\nresult perhaps\n' > "$work/outbox.db.sync-status"
run sync-damaged "outbox.db.sync-status:3: 'result' has a value that cannot be used"
echo "PASS: the staff screen's Sync line in all six states"
