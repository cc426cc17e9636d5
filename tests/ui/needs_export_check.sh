#!/usr/bin/env bash
# A communication-needs request from the home tile to PALS: the script fills it in and
# sends it on the headless kiosk; nothing typed may be found in the outbox files or the
# kiosk's log; the PALS exports with the secret key give back what was typed, marked as
# a communication-needs request: JSON field by field, CSV with its kind, and FHIR as a
# QuestionnaireResponse of the needs questionnaire with the Accessible Information
# Standard flag (the spoken-language interpreter in it).
# usage: needs_export_check.sh SIGNPOST SIGNPOSTCTL EXPORT_CHECK CONFIG STORE SCRIPT OUTDIR SECRET
set -euo pipefail
signpost=$1 ctl=$2 check=$3 config=$4 store=$5 script=$6 out=$7 secret=$8
ob="$out/outbox-needs-e2e.db"
log="$out/needs-e2e.log"
rm -f "$ob" "$ob-wal" "$ob-shm" "$ob-journal" "$out"/needs-e2e-export.*
"$signpost" --headless --date 2026-11-22 --config "$config" --store "$store" --outbox "$ob" \
  --script "$script" 2> "$log"
for f in "$ob" "$ob-wal" "$ob-shm" "$ob-journal" "$log"; do
  [ -e "$f" ] || continue
  for marker in MARKER-9N "Alex Example" "01632 960123" "face me"; do
    if grep -a -q -F "$marker" "$f"; then
      echo "FAIL: '$marker' (typed into the request) was found in $f"
      exit 1
    fi
  done
done
ref=$(grep -o "concern stored ref=[A-Z0-9-]*" "$log" | head -1 | cut -d= -f2)
[ -n "$ref" ] || { echo "FAIL: no 'concern stored ref=' line in the log"; exit 1; }
"$ctl" concerns export --outbox "$ob" --secret-key "$secret" --format json \
  -o "$out/needs-e2e-export.json"
"$check" "$out/needs-e2e-export.json" "reference=$ref" "kind=communication-needs" \
  "name=Alex Example" "phone=01632 960123" "contact=phone" "email=" "address=" \
  "ais_needs=large-print,bsl-interpreter" "interpreter=true" "language=Polish" \
  "other_need=MARKER-9N Please face me when you speak" "category=null" "what="
"$ctl" concerns export --outbox "$ob" --secret-key "$secret" --format csv --all \
  -o "$out/needs-e2e-export.csv"
grep -q ",communication-needs," "$out/needs-e2e-export.csv" ||
  { echo "FAIL: the CSV export does not say communication-needs"; exit 1; }
"$ctl" concerns export --outbox "$ob" --secret-key "$secret" --format fhir --all \
  -o "$out/needs-e2e-export.fhir.json"
fhir="$out/needs-e2e-export.fhir.json"
for want in 'Questionnaire/signpost-communication-needs|1' '"resourceType":"Flag"' \
  'Spoken-language interpreter: Polish' 'British Sign Language interpreter' \
  "communication-needs request $ref"; do
  grep -q -F "$want" "$fhir" || { echo "FAIL: the FHIR export lacks: $want"; exit 1; }
done
echo "needs export check: passed (reference $ref)"
