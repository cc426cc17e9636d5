#!/usr/bin/env bash
# Updating a kiosk's content from a removable drive (issue 11 part 2): signpostctl
# content pack makes a signed pack; staff mode's Update content refuses no pack, an
# unsigned pack, one signed with another key, a damaged one and one not newer than the
# live content, each with a plain message and the live store untouched; a good pack is
# published, and the kiosk shows its build time once staff leave.
# usage: staff_content_check.sh SIGNPOST SIGNPOSTCTL SAMPLE_CONFIG CONTENT_DIR SCRIPTS_DIR OUTDIR
set -euo pipefail
signpost=$1 ctl=$2 config=$3 content=$4 scripts=$5 out=$6
work="$out/staff-content"
rm -rf "$work"
mkdir -p "$work/drive" "$work/other"
fail() { echo "FAIL: $*"; exit 1; }
"$ctl" keys new-signing --public "$work/sign.pub" --secret "$work/sign.key" > /dev/null
"$ctl" keys new-signing --public "$work/other.pub" --secret "$work/other.key" > /dev/null
# The live content: built, signed, published.
"$ctl" content build "$content" -o "$work/first.db" > /dev/null 2>&1
"$ctl" content sign "$work/first.db" --secret-key "$work/sign.key" > /dev/null
"$ctl" content publish "$work/first.db" --to "$work/live.db" --public-key "$work/sign.pub" > /dev/null
{
  printf '[kiosk]\nlocation = main-entrance\n[paths]\ncontent = %s\ncontent_public_key = %s\n' \
    "$work/live.db" "$work/sign.pub"
  printf '[staff]\n%s\naudit_log = %s\nexport_dir = %s\nexport_must_be_drive = false\n' \
    "$(grep '^pin_hash' "$config")" "$work/audit.log" "$work/drive"
} > "$work/kiosk.conf"
live_sum() { sha256sum "$work/live.db" | cut -d' ' -f1; }
# run NAME EXPECTED: one kiosk run; the message must contain EXPECTED.
run() {
  local name=$1 expected=$2 before
  before=$(live_sum)
  (cd "$out" && "$signpost" --headless --date 2026-11-22 --config "$work/kiosk.conf" \
     --outbox "$work/outbox.db" --script "$scripts/staff_content.script") \
     2>> "$work/kiosk-$name.log" || fail "$name: the script failed (see $work/kiosk-$name.log)"
  grep -q -F "$expected" "$out/staff-content.json" \
    || { grep -o '"staff-message"[^}]*' "$out/staff-content.json"; fail "$name: no '$expected'"; }
  cp "$out/staff-content.png" "$work/$name.png"
  if [ "$name" != good ] && [ "$(live_sum)" != "$before" ]; then
    fail "$name: the live store changed"
  fi
}
run none "No content pack found in $work/drive"
sleep 1 # a build time after the live one's
"$ctl" content build "$content" -o "$work/second.db" > /dev/null 2>&1
# Unsigned.
"$ctl" content pack "$work/second.db" --secret-key "$work/other.key" -o "$work/other" > /dev/null
pack=$(ls "$work/other"/signpost-content-*.db)
cp "$pack" "$work/drive/"
run unsigned "The content pack was refused"
grep -q -F "signature" "$out/staff-content.json" || fail "unsigned: the message does not say why"
# Signed with another key.
cp "$pack.sig" "$work/drive/"
run other-key "The content pack was refused"
rm -f "$work/drive"/*
# Damaged: signed with the right key, then a byte changed.
packed=$("$ctl" content pack "$work/second.db" --secret-key "$work/sign.key" -o "$work/drive")
second_built=$(printf '%s' "$packed" | sed -n 's/.*(content built \([^)]*\)).*/\1/p')
[ -n "$second_built" ] || fail "content pack did not say when the content was built: $packed"
good=$(ls "$work/drive"/signpost-content-*.db)
cp "$good" "$work/good.db"
printf 'X' | dd of="$good" bs=1 seek=200 conv=notrunc 2> /dev/null
run damaged "The content pack was refused"
cp "$work/good.db" "$good"
# Not newer: the live content's own pack.
mv "$good" "$good.sig" "$work/other/"
"$ctl" content pack "$work/first.db" --secret-key "$work/sign.key" -o "$work/drive" > /dev/null
run older "which is not newer than the content on this kiosk"
rm -f "$work/drive"/*
mv "$work/other/$(basename "$good")" "$work/other/$(basename "$good").sig" "$work/drive/"
# The good pack.
run good "is published. The kiosk switches to it when you leave staff mode."
cmp -s "$work/live.db" "$work/good.db" || fail "good: the live store is not the pack"
[ -f "$work/live.db.good" ] || fail "good: the previous store was not kept as live.db.good"
grep -q -F "Built $second_built" "$out/staff-content-after.json" \
  || fail "good: the kiosk does not show the new content ($second_built)"
grep -q "action content-published" "$work/audit.log" || fail "the audit log lacks content-published"
grep -q "action content-refused" "$work/audit.log" || fail "the audit log lacks content-refused"
echo "staff content check: passed"
