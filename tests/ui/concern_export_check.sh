#!/usr/bin/env bash
# The whole path of a concern: a script fills in and submits it on the headless kiosk;
# then no trace of what was typed may be found in the outbox file, its WAL or journal,
# or the kiosk's log; the log records "concern stored ref=..."; and the PALS export
# with the secret key gives back exactly what was typed.
# usage: concern_export_check.sh SIGNPOST SIGNPOSTCTL EXPORT_CHECK CONFIG STORE SCRIPT OUTDIR SECRET
set -euo pipefail
signpost=$1 ctl=$2 check=$3 config=$4 store=$5 script=$6 out=$7 secret=$8
ob="$out/outbox-concern-e2e.db"
log="$out/concern-e2e.log"
exp="$out/concern-e2e-export.json"
rm -f "$ob" "$ob-wal" "$ob-shm" "$ob-journal" "$exp"
"$signpost" --headless --date 2026-11-22 --config "$config" --store "$store" --outbox "$ob" \
  --script "$script" 2> "$log"
for f in "$ob" "$ob-wal" "$ob-shm" "$ob-journal" "$log"; do
  [ -e "$f" ] || continue
  for marker in MARKER-7Q "Sam Example" "sam@example.org" "better signs"; do
    if grep -a -q -F "$marker" "$f"; then
      echo "FAIL: '$marker' (typed into the concern) was found in $f"
      exit 1
    fi
  done
done
grep -q "concern stored ref=" "$log" || { echo "FAIL: no 'concern stored ref=' line in the log"; exit 1; }
ref=$(grep -o "concern stored ref=[A-Z0-9-]*" "$log" | head -1 | cut -d= -f2)
"$ctl" concerns export --outbox "$ob" --secret-key "$secret" --format json -o "$exp"
"$check" "$exp" "reference=$ref" \
  'what=MARKER-7Q Nobody told us the clinic had moved. Łódź café naïve 😀 "quoted", line' \
  "outcome=An apology and better signs" "name=Sam Example" "email=sam@example.org" \
  "contact=email" "who=someone-else" "consent=yes" "category=communication" \
  "where_place=cardiology-clinic" "when=2026-11-21" "ais_needs=large-print" \
  "interpreter=true" "language=Polish" "consent_to_share=true"
echo "concern export check: passed (reference $ref)"
