#!/usr/bin/env bash
# Collecting concerns with proof, end to end through the kiosk's staff screen: a
# concern is raised and collected to a drive folder (staff_collect.script); nothing
# typed is in the collection file; PALS open it with `signpostctl concerns
# open-collection` (export + receipt); a forged receipt on the drive is refused and
# deletes nothing (staff_confirm_forged.script); the real one deletes the concern
# (staff_confirm.script); the audit log records the actions by count only.
# usage: staff_collect_check.sh SIGNPOST SIGNPOSTCTL SAMPLE_CONFIG STORE SCRIPTS_DIR OUTDIR SECRET
set -euo pipefail
signpost=$1 ctl=$2 config=$3 store=$4 scripts=$5 out=$6 secret=$7
work="$out/staff-collect"
rm -rf "$work"
mkdir -p "$work/drive"
fail() { echo "FAIL: $*"; exit 1; }
keys="$(cd "$(dirname "$config")" && pwd)/demo-keys"
{
  printf '[kiosk]\nlocation = main-entrance\n[concerns]\npublic_key = %s/pals-public.key\n' "$keys"
  printf '[staff]\n%s\naudit_log = %s\nexport_dir = %s\nexport_must_be_drive = false\n' \
    "$(grep '^pin_hash' "$config")" "$work/audit.log" "$work/drive"
} > "$work/kiosk.conf"
run() {
  (cd "$out" && "$signpost" --headless --date 2026-11-22 --config "$work/kiosk.conf" \
     --store "$store" --outbox "$work/outbox.db" --script "$scripts/$1.script") \
     2>> "$work/kiosk.log" || fail "$1.script failed (see $work/kiosk.log)"
}
run staff_collect
collection=$(ls "$work/drive"/signpost-collection-main-entrance-*.db)
[ -f "$collection" ] || fail "no collection file on the drive"
for f in "$collection" "$work/kiosk.log" "$work/audit.log"; do
  if grep -a -q -F "ZEBEDEE-MARKER" "$f"; then fail "typed text found in $f"; fi
done
"$ctl" concerns open-collection "$collection" --secret-key "$secret" --format csv \
  -o "$work/concerns.csv" --receipt "$work/pals.receipt" 2> "$work/ctl.log" \
  || { cat "$work/ctl.log"; fail "open-collection failed"; }
grep -q -F "ZEBEDEE-MARKER" "$work/concerns.csv" || fail "the export lacks the concern"
grep -q -F "Cardiology Clinic" "$work/concerns.csv" || fail "the export does not name the place"
grep -q "^end 1$" "$work/pals.receipt" || fail "the receipt does not list one concern"
# A forged receipt: the token's last character changed.
sed -E 's/^(concern [A-Z0-9-]+ [0-9a-f]{31})([0-9a-f])$/\1x/; s/x$/0/' "$work/pals.receipt" \
  > "$work/drive/forged.receipt"
if cmp -s "$work/pals.receipt" "$work/drive/forged.receipt"; then
  sed -i -E 's/^(concern [A-Z0-9-]+ [0-9a-f]{31})0$/\11/' "$work/drive/forged.receipt"
fi
cmp -s "$work/pals.receipt" "$work/drive/forged.receipt" && fail "could not forge a receipt"
run staff_confirm_forged
rm "$work/drive/forged.receipt"
cp "$work/pals.receipt" "$work/drive/pals.receipt"
run staff_confirm
grep -q "action collect-1" "$work/audit.log" || fail "the audit log lacks 'collect-1'"
grep -q "action confirm-0-refused" "$work/audit.log" || fail "the audit log lacks the refusal"
grep -q "action confirm-1" "$work/audit.log" || fail "the audit log lacks 'confirm-1'"
echo "staff collect check: passed"
