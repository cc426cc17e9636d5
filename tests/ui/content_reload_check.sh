#!/usr/bin/env bash
# Content switching on a running kiosk. Runs a harness script on the headless kiosk
# through a FIFO and, at the script's "#@" lines (comments to the kiosk), does things
# outside it: publishing with signpostctl, replacing the live store by hand (as a
# careless copy or an attacker would, bypassing publish), and checking the kiosk's log.
# Before each "#@" step the kiosk is made to finish every line sent so far (a `dump`
# whose file the driver waits for), so the order is deterministic. The kiosk reports a
# failing line as FIFO:LINE, LINE being the script's own line number.
#
# Stores made here, in OUTDIR/NAME: a.db (the sample content), b.db (the same with
# "X-ray and Imaging" renamed "Zephyr Imaging Suite"), both signed (.sig) with sign.key;
# b-tampered.db (b.db with one byte changed, b.db's .sig beside it); b-otherkey.db
# (signed with another key); truncated.db (the first 20000 bytes of a.db);
# a-unsigned.db (a.db without a signature).
#
# Steps:
#   #@ signed            the kiosk requires signatures (before the kiosk starts)
#   #@ publish FILE      signpostctl content publish FILE: must succeed
#   #@ publish-refused FILE   must be refused (exit 1) with the live store unchanged
#   #@ replace FILE      put FILE (and its .sig, if any) in place by hand
#   #@ damage            zeros over the whole live store, in place
#                        (the file the kiosk has open: a failing disk, not a publish)
#   #@ mend FILE         FILE's bytes written back into the live store, in place
#   #@ log TEXT          the kiosk's log so far contains TEXT
#   #@ log-not TEXT      it does not
# The kiosk starts at the script's first line for it; it must end with status 0.
# usage: content_reload_check.sh SIGNPOST SIGNPOSTCTL CONTENT_DIR CONFIG SCRIPT OUTDIR
set -euo pipefail
signpost=$1 ctl=$2 content=$3 config=$4 script=$5 out=$6
name=$(basename "$script" .script)
work="$out/$name"
live="$work/live.db" log="$work/kiosk.log" fifo="$work/script.fifo"
key="" pid="" syncs=0 kiosk_config="$config"

fail() {
  echo "FAIL: $name: $*"
  if [ -n "$pid" ]; then kill "$pid" 2> /dev/null || true; fi
  if [ -f "$log" ]; then echo "--- kiosk log:"; cat "$log"; fi
  if [ -f "$work/ctl.log" ]; then echo "--- signpostctl:"; cat "$work/ctl.log"; fi
  exit 1
}

rm -rf "$work"
mkdir -p "$work"

# ==== the stores ====
"$ctl" content build "$content" -o "$work/a.db" > "$work/build.log" 2>&1 || fail "cannot build A"
cp -r "$content" "$work/content-b"
sed -i 's/^xray,X-ray and Imaging,/xray,Zephyr Imaging Suite,/' "$work/content-b/destinations.csv"
grep -q "Zephyr Imaging Suite" "$work/content-b/destinations.csv" || fail "cannot make content B"
"$ctl" content build "$work/content-b" -o "$work/b.db" >> "$work/build.log" 2>&1 ||
  fail "cannot build B"
"$ctl" keys new-signing --public "$work/sign.pub" --secret "$work/sign.key" > /dev/null
"$ctl" keys new-signing --public "$work/other.pub" --secret "$work/other.key" > /dev/null
for s in a b; do
  "$ctl" content sign "$work/$s.db" --secret-key "$work/sign.key" > /dev/null
done
cp "$work/b.db" "$work/b-tampered.db"
cp "$work/b.db.sig" "$work/b-tampered.db.sig"
off=$(($(stat -c %s "$work/b.db") / 2))
byte=$(od -An -tu1 -j "$off" -N1 "$work/b.db" | tr -d ' ')
printf "\\$(printf %03o $(((byte + 1) % 256)))" |
  dd of="$work/b-tampered.db" bs=1 seek="$off" conv=notrunc status=none
cmp -s "$work/b.db" "$work/b-tampered.db" && fail "the tampered copy is not different"
cp "$work/b.db" "$work/b-otherkey.db"
"$ctl" content sign "$work/b-otherkey.db" --secret-key "$work/other.key" > /dev/null
head -c 20000 "$work/a.db" > "$work/truncated.db"
cp "$work/a.db" "$work/a-unsigned.db"

# ==== the kiosk ====
start_kiosk() {
  mkfifo "$fifo"
  # Read-write, so opening never blocks and the kiosk sees the end only when we close.
  exec 3<> "$fifo"
  "$signpost" --headless --date 2026-11-22 --config "$kiosk_config" --store "$live" \
    --outbox "$work/outbox.db" --script "$fifo" 2> "$log" 3>&- &
  pid=$!
}

# Waits until the kiosk has run every line sent so far.
sync_kiosk() {
  [ -n "$pid" ] || return 0
  syncs=$((syncs + 1))
  local mark="$work/sync-$syncs.json"
  printf 'dump %s\n' "$mark" >&3
  for _ in $(seq 600); do
    [ -s "$mark" ] && return 0
    kill -0 "$pid" 2> /dev/null || fail "the kiosk stopped before step $syncs (a script line failed?)"
    sleep 0.1
  done
  fail "the kiosk did not reach step $syncs within 60 s"
}

# Publishes $work/$1; its output goes to $work/publish.out and is added to ctl.log.
publish() {
  local rc=0
  "$ctl" content publish "$work/$1" --to "$live" ${key:+--public-key "$key"} \
    > "$work/publish.out" 2>&1 || rc=$?
  cat "$work/publish.out" >> "$work/ctl.log"
  return "$rc"
}

step() {
  local verb=$1 arg=${2:-}
  sync_kiosk
  case "$verb" in
    signed)
      [ -z "$pid" ] || fail "'#@ signed' must come before the kiosk starts"
      key="$work/sign.pub"
      kiosk_config="$work/kiosk.conf"
      printf '[kiosk]\nlocation = main-entrance\n[paths]\ncontent_public_key = %s\n[concerns]\npublic_key = %s\n' \
        "$key" "$(cd "$(dirname "$config")" && pwd)/demo-keys/pals-public.key" > "$kiosk_config"
      ;;
    publish)
      publish "$arg" || fail "publishing $arg was refused"
      ;;
    publish-refused)
      [ -f "$live" ] && cp "$live" "$work/live.before"
      local rc=0
      publish "$arg" || rc=$?
      [ "$rc" = 1 ] || fail "publishing $arg should have been refused (exit 1), got $rc"
      grep -q "was not changed" "$work/publish.out" || fail "no 'was not changed' from publish"
      if [ -f "$work/live.before" ]; then
        cmp -s "$live" "$work/live.before" || fail "a refused publish changed the live store"
      fi
      ;;
    replace)
      cp "$work/$arg" "$live.hand"
      if [ -f "$work/$arg.sig" ]; then cp "$work/$arg.sig" "$live.sig"; else rm -f "$live.sig"; fi
      mv "$live.hand" "$live"
      ;;
    damage)
      size=$(stat -c %s "$live")
      dd if=/dev/zero of="$live" bs=4096 count=$(((size + 4095) / 4096)) \
        conv=notrunc status=none
      truncate -s "$size" "$live"
      ;;
    mend)
      dd if="$work/$arg" of="$live" conv=notrunc status=none
      ;;
    log)
      grep -q -F -- "$arg" "$log" || fail "the kiosk's log does not say '$arg'"
      ;;
    log-not)
      if grep -q -F -- "$arg" "$log"; then fail "the kiosk's log says '$arg'"; fi
      ;;
    *)
      fail "unknown step '#@ $verb'"
      ;;
  esac
}

# Every line of the script goes to the kiosk as one line (a comment as an empty line,
# a step as its `dump`), so the kiosk's "FILE:LINE:" messages give the script's lines.
before=0
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    "#@ "*)
      rest=${line#"#@ "}
      verb=${rest%% *}
      arg=""
      [ "$verb" = "$rest" ] || arg=${rest#* }
      [ -n "$pid" ] || before=$((before + 1))
      step "$verb" "$arg"
      ;;
    "" | "#"*)
      if [ -n "$pid" ]; then printf '\n' >&3; else before=$((before + 1)); fi
      ;;
    *)
      if [ -z "$pid" ]; then
        start_kiosk
        for _ in $(seq "$before"); do printf '\n' >&3; done
      fi
      printf '%s\n' "$line" >&3
      ;;
  esac
done < "$script"
[ -n "$pid" ] || fail "the script has no lines for the kiosk"
exec 3>&-
rc=0
wait "$pid" || rc=$?
pid=""
[ "$rc" = 0 ] || fail "the kiosk's script failed (exit $rc)"
rm -f "$fifo"
echo "content reload check $name: passed"
