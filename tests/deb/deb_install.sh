#!/usr/bin/env bash
# Installs the package on this machine (root only; CI runs as root), checks what the
# maintainer scripts made, installs it again over a changed configuration, runs postinst
# once more, and purges it. Checks: a system user signpost with no login shell; state in
# /var/lib/signpost owned by it, 0700, files 0600; the sample store copied there; the
# kiosk service enabled for graphical.target; the installed kiosk, as signpost, opens
# the home screen from /etc/signpost/kiosk.conf (not the out-of-order screen); a changed
# /etc/signpost/kiosk.conf survives a reinstall; purge removes state and configuration.
# Exit 77 (skipped) when not root or when signpost is already installed here.
# usage: deb_install.sh DEB SOURCE_DIR
set -euo pipefail
deb=$1 src=$2
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: installing a package needs root (CI runs as root)"
  exit 77
fi
if dpkg-query -W -f='${Status}' signpost 2>/dev/null | grep -q 'install ok installed'; then
  echo "SKIP: signpost is already installed on this machine; not touching it"
  exit 77
fi
fail=0
bad() { echo "FAIL: $*"; fail=1; }
dpkg_retry() { # dpkg waits for no one: retry while apt or another dpkg holds the lock
  local out
  for _ in $(seq 60); do
    if out=$(DEBIAN_FRONTEND=noninteractive dpkg "$@" 2>&1); then echo "$out"; return 0; fi
    grep -qi lock <<<"$out" || { echo "$out"; return 1; }
    sleep 2
  done
  echo "$out"
  return 1
}
purged=0
cleanup() { [ $purged -eq 1 ] || dpkg_retry --purge signpost >/dev/null 2>&1 || true; }
trap cleanup EXIT

dpkg_retry -i "$deb" || { echo "FAIL: dpkg -i (are the dependencies installed? bash .ci/setup)"; exit 1; }
state=/var/lib/signpost
getent passwd signpost >/dev/null || bad "no signpost user"
uid=$(id -u signpost)
[ "$uid" -lt 1000 ] || bad "signpost is not a system user (uid $uid)"
shell=$(getent passwd signpost | cut -d: -f7)
[ "$shell" = /usr/sbin/nologin ] || bad "signpost's shell is $shell"
[ "$(stat -c '%U:%G %a' "$state")" = "signpost:signpost 700" ] ||
  bad "$state is $(stat -c '%U:%G %a' "$state"), not signpost:signpost 700"
[ "$(stat -c '%U:%G %a' "$state/content.db")" = "signpost:signpost 600" ] ||
  bad "$state/content.db is $(stat -c '%U:%G %a' "$state/content.db" 2>&1)"
[ -L /etc/systemd/system/graphical.target.wants/signpost-kiosk.service ] ||
  bad "signpost-kiosk.service is not enabled for graphical.target"
[ -f /lib/systemd/system/signpost-sync.timer ] || bad "no signpost-sync.timer"
[ ! -e /etc/systemd/system/timers.target.wants/signpost-sync.timer ] ||
  bad "signpost-sync.timer is enabled before the kiosk is enrolled"
# Without a [fleet] section, a sync pass says why it has nothing to do.
if msg=$(setpriv --reuid=signpost --regid=signpost --clear-groups \
           /usr/bin/signpostctl sync --config /etc/signpost/kiosk.conf --once 2>&1); then
  bad "sync without [fleet] succeeded"
fi
grep -q "no \[fleet\] url" <<<"$msg" || bad "sync without [fleet] said: $msg"

# The installed kiosk, as signpost with the unit's umask, on the installed config.
script=$(mktemp /tmp/signpost-home.XXXXXX.script)
printf 'expect-screen home\nexpect "Welcome to Northgate General Hospital"\n' >"$script"
chmod 0644 "$script"
(cd / && umask 0077 && setpriv --reuid=signpost --regid=signpost --clear-groups \
   /usr/bin/signpost --headless --config /etc/signpost/kiosk.conf --script "$script") ||
  bad "the installed kiosk does not show home from /etc/signpost/kiosk.conf"
rm -f "$script"
for f in "$state"/*; do
  [ "$(stat -c '%U %a' "$f")" = "signpost 600" ] || bad "$f is $(stat -c '%U %a' "$f")"
done
ls -l "$state"

# IT enables the sync timer; an upgrade (installing again) keeps it enabled.
systemctl enable signpost-sync.timer >/dev/null 2>&1 || bad "systemctl enable signpost-sync.timer"

# A changed configuration survives installing again; postinst runs again cleanly.
echo "# changed by the administrator" >>/etc/signpost/kiosk.conf
dpkg_retry -i "$deb" >/dev/null || bad "second dpkg -i"
grep -q "changed by the administrator" /etc/signpost/kiosk.conf || bad "dpkg overwrote kiosk.conf"
DPKG_MAINTSCRIPT_PACKAGE=signpost DPKG_MAINTSCRIPT_NAME=postinst \
  /var/lib/dpkg/info/signpost.postinst configure 0.0.1 || bad "postinst configure run again failed"
[ "$(stat -c '%U:%G %a' "$state")" = "signpost:signpost 700" ] || bad "$state changed on reinstall"
[ -L /etc/systemd/system/timers.target.wants/signpost-sync.timer ] ||
  bad "reinstalling disabled the sync timer IT had enabled"

dpkg_retry --purge signpost >/dev/null || bad "dpkg --purge"
purged=1
[ ! -e "$state" ] || bad "$state left after purge"
[ ! -e /etc/signpost ] || bad "/etc/signpost left after purge"
[ ! -e /etc/systemd/system/graphical.target.wants/signpost-kiosk.service ] ||
  bad "enablement link left after purge"
[ ! -e /etc/systemd/system/timers.target.wants/signpost-sync.timer ] ||
  bad "the sync timer's enablement link left after purge"
[ $fail -eq 0 ] && echo "install, reinstall over a changed config, purge: ok"
exit $fail
