#!/usr/bin/env bash
# systemd-analyze verify on the kiosk's unit, then its security exposure score
# (systemd-analyze security --offline=yes), which must stay "OK" (below 2.0).
# usage: systemd_check.sh UNIT
set -euo pipefail
unit=$1
if ! verify=$(systemd-analyze verify "$unit" 2>&1); then
  echo "$verify"
  echo "FAIL: systemd-analyze verify"
  exit 1
fi
if [ -n "$verify" ]; then
  echo "$verify"
  echo "FAIL: systemd-analyze verify printed warnings"
  exit 1
fi
echo "systemd-analyze verify: ok"
sec=$(systemd-analyze security --offline=yes --no-pager "$unit" 2>&1)
score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' <<<"$sec")
echo "$sec" | grep '✗' || true
echo "exposure score: ${score:-?}"
[ -n "$score" ] || { echo "$sec"; echo "FAIL: no exposure score"; exit 1; }
awk -v s="$score" 'BEGIN { exit !(s < 2.0) }' || { echo "FAIL: exposure $score is 2.0 or more"; exit 1; }
# The settings this unit must keep.
for key in Type=notify NotifyAccess=all WatchdogSec= Restart=always User=signpost \
           ProtectSystem=strict NoNewPrivileges=yes PrivateTmp=yes PrivateNetwork=yes \
           ReadWritePaths=/var/lib/signpost TTYPath=/dev/tty1 PAMName=signpost-kiosk; do
  grep -q "^$key" "$unit" || { echo "FAIL: $unit lacks $key"; exit 1; }
done
# cage must not allow virtual-console switching (-s).
grep '^ExecStart=' "$unit" | grep -q 'cage .*-s\b' && { echo "FAIL: cage -s allows VT switching"; exit 1; }
echo "unit settings: ok"
