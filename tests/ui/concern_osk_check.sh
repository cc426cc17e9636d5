#!/usr/bin/env bash
# Typing on the on-screen keyboard, end to end: concern_osk.script taps every character
# of a sentence with accents, symbols and an international phone number, and an email
# address on the email keyboard, key by key (`osk`); the PALS export with the secret
# key must give back exactly that, and none of it may be readable in the outbox files.
# usage: concern_osk_check.sh SIGNPOST SIGNPOSTCTL EXPORT_CHECK CONFIG STORE SCRIPT OUTDIR SECRET SIZE
set -euo pipefail
signpost=$1 ctl=$2 check=$3 config=$4 store=$5 script=$6 out=$7 secret=$8 size=$9
ob="$out/outbox-concern-osk-$size.db"
log="$out/concern-osk-$size.log"
exp="$out/concern-osk-$size-export.json"
rm -f "$ob" "$ob-wal" "$ob-shm" "$ob-journal" "$exp"
(cd "$out" && "$signpost" --headless --date 2026-11-22 --size "$size" --config "$config" \
  --store "$store" --outbox "$ob" --script "$script" 2> "$log") || { cat "$log"; exit 1; }
for f in "$ob" "$ob-wal" "$ob-shm" "$ob-journal"; do
  [ -e "$f" ] || continue
  for marker in "Łódź" "sam_o'neil" "Sam O'Neil"; do
    if grep -a -q -F "$marker" "$f"; then
      echo "FAIL: '$marker' (typed into the concern) was found in $f"
      exit 1
    fi
  done
done
ref=$(grep -o "concern stored ref=[A-Z0-9-]*" "$log" | head -1 | cut -d= -f2)
[ -n "$ref" ] || { echo "FAIL: no 'concern stored ref=' line in the log"; exit 1; }
"$ctl" concerns export --outbox "$ob" --secret-key "$secret" --format json -o "$exp"
"$check" "$exp" "reference=$ref" \
  "what=Siân, Łódź: +44 (0)1632 960000? #1 & 50% _ok_ £5!" \
  "outcome=CAPS LOCK and Shift: ÀÉÎÔ ŴŶ ŁÓDŹ ¿Qué? ¡Sí! Ça va, où? Straße, cœur" \
  "name=Sam O'Neil" "email=sam_o'neil@example.org" "contact=email"
echo "concern osk check ($size): passed (reference $ref)"
