#!/usr/bin/env bash
# The kiosk as installed runs it: under cage (-d, as in signpost-kiosk.service), SDL's
# wayland video driver, full screen, as an unprivileged user (nobody when run as root;
# cage refuses root), with the packaged kiosk.conf pointed at a scratch folder. A
# headless output (WLR_BACKENDS=headless, WLR_RENDERER=pixman) stands in for the
# screen; grim takes a screenshot, which must match the home screen drawn headless
# (golden_compare's tolerance).
#
# The output is rotated 180 degrees (-r -r) only so that grim can see the frame: on an
# unrotated headless output cage scans the kiosk's full-screen buffer out directly, and
# wlroots 0.15's screencopy then reads black even for a plain SDL program that draws
# correctly (checked). Rotated, cage composites, as it must, and grim reads that.
#
# usage: cage_home.sh SOURCE_DIR SIGNPOST STORE GOLDEN_COMPARE OUT_DIR
set -euo pipefail
src=$1 signpost=$2 store=$3 compare=$4 out=$5
for tool in cage grim Xwayland; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (bash .ci/setup)"; exit 1; }
done
mkdir -p "$out"
d=$(mktemp -d /tmp/signpost-cage.XXXXXX)
cage_pid=
cleanup() {
  if [ -n "$cage_pid" ]; then
    kill "$cage_pid" 2>/dev/null || true
    wait "$cage_pid" 2>/dev/null || true
  fi
  rm -rf "$d"
}
trap cleanup EXIT
mkdir -p "$d/run"
chmod 0700 "$d/run"
cp "$signpost" "$d/signpost"
cp "$store" "$d/content.db"
cp -r "$src/assets" "$d/assets"
cp "$src/kiosk-config/demo-keys/pals-public.key" "$d/pals-public.key"
sed -e "s|/var/lib/signpost|$d|g; s|/usr/share/signpost|$d|g; s|/etc/signpost|$d|g" \
  "$src/kiosk-config/package/kiosk.conf" >"$d/kiosk.conf"
as=()
if [ "$(id -u)" -eq 0 ]; then
  chown -R nobody:nogroup "$d"
  as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
env -i PATH=/usr/bin:/bin HOME="$d" XDG_RUNTIME_DIR="$d/run" WLR_BACKENDS=headless \
  WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 SDL_VIDEODRIVER=wayland \
  ASAN_OPTIONS="${ASAN_OPTIONS:-}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" \
  "${as[@]}" cage -d -r -r -- "$d/signpost" --config "$d/kiosk.conf" >"$out/cage.log" 2>&1 &
cage_pid=$!
for _ in $(seq 200); do
  grep -q "signpost info: video" "$out/cage.log" && break
  kill -0 "$cage_pid" 2>/dev/null || break
  sleep 0.1
done
sleep 2
cat "$out/cage.log" | grep -v "Basic output test failed" || true
grep -q "signpost info: video wayland" "$out/cage.log" ||
  { echo "FAIL: the kiosk did not start on SDL's wayland driver under cage"; exit 1; }
sock=$(ls "$d/run" | grep -m1 '^wayland-[0-9]*$')
shoot() {
  "${as[@]}" env XDG_RUNTIME_DIR="$d/run" WAYLAND_DISPLAY="$sock" grim "$d/shot.png"
  cp "$d/shot.png" "$out/cage-home.png"
}
shoot
size=$(head -c 24 "$d/shot.png" | od -An -tu1 -j16 | awk '{print $3*256+$4 "x" $7*256+$8}')
echo "screenshot $size: $out/cage-home.png"
# The reference: the same screen at the same size, headless.
(cd "$out" && "$signpost" --headless --size "$size" --config "$d/kiosk.conf" \
   --store "$store" --outbox "$out/ref-outbox.db" --script "$src/tests/deb/cage_home.script")
# A loaded machine (a sanitizer build, other jobs) may not have drawn the first frame
# by the first shot: shoot again, a second apart, for up to 20 s, before comparing.
for _ in $(seq 20); do
  UPDATE_GOLDEN= "$compare" "$out/cage-home.png" "$out/cage-home-ref.png" \
    "$out/cage-home-diff.png" >/dev/null 2>&1 && break
  sleep 1
  shoot
done
UPDATE_GOLDEN= "$compare" "$out/cage-home.png" "$out/cage-home-ref.png" "$out/cage-home-diff.png"
echo "cage: the home screen is on the screen"
exit 0
