#!/usr/bin/env bash
# systemd-analyze verify on a unit of the package (and, for a timer, the service it
# starts), then the service's security exposure score (systemd-analyze security
# --offline=yes), which must stay "OK" (below 2.0), and the settings it must keep.
# usage: systemd_check.sh UNIT [SIGNPOSTCTL [TIMER]] -- KEY...
#   SIGNPOSTCTL: the built program, put in place of /usr/bin/signpostctl for verify
#   (which checks that ExecStart is executable) when the package is not installed.
set -euo pipefail
unit=$1; shift
ctl=; timer=
[ "${1:-}" != -- ] && { ctl=$1; shift; }
[ "${1:-}" != -- ] && { timer=$1; shift; }
[ "${1:-}" = -- ] && shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$unit" $timer; do
  if [ -n "$ctl" ] && [ ! -x /usr/bin/signpostctl ]; then
    sed "s|/usr/bin/signpostctl|$ctl|" "$f" >"$tmp/$(basename "$f")"
  else
    cp "$f" "$tmp/"
  fi
done
units=("$tmp/$(basename "$unit")")
[ -n "$timer" ] && units+=("$tmp/$(basename "$timer")")
if ! verify=$(systemd-analyze verify "${units[@]}" 2>&1); then
  echo "$verify"
  echo "FAIL: systemd-analyze verify"
  exit 1
fi
if [ -n "$verify" ]; then
  echo "$verify"
  echo "FAIL: systemd-analyze verify printed warnings"
  exit 1
fi
echo "systemd-analyze verify: ok ($(basename -a "${units[@]}" | tr '\n' ' '))"
sec=$(systemd-analyze security --offline=yes --no-pager "${units[0]}" 2>&1)
score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' <<<"$sec")
echo "$sec" | grep '✗' || true
echo "exposure score of $(basename "$unit"): ${score:-?}"
[ -n "$score" ] || { echo "$sec"; echo "FAIL: no exposure score"; exit 1; }
awk -v s="$score" 'BEGIN { exit !(s < 2.0) }' || { echo "FAIL: exposure $score is 2.0 or more"; exit 1; }
# The settings this unit must keep.
for key in "$@"; do
  grep -q "^$key" "$unit" || { echo "FAIL: $unit lacks $key"; exit 1; }
done
# cage must not allow virtual-console switching (-s).
grep '^ExecStart=' "$unit" | grep -q 'cage .*-s\b' && { echo "FAIL: cage -s allows VT switching"; exit 1; }
echo "unit settings: ok"
