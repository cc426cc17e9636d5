#!/usr/bin/env bash
# vm_install_boot.sh: the Debian package on a fresh Debian 12 machine, as IT installs
# it, in a virtual machine (QEMU, software emulation: no KVM is needed):
#   1. debootstrap a plain Debian 12 (bookworm) with its kernel; the package's
#      dependencies are fetched into its apt cache, nothing is installed or configured;
#      (the display is virtio-vga: wlroots 0.15 needs PRIME import, which bochs-drm,
#      QEMU's plain VGA, lacks: "PRIME import not supported");
#   2. boot it; on that running system, `apt-get install ./signpost_*.deb` (no other
#      step), then `systemctl reboot`, as an administrator would;
#   3. after the reboot, with nobody logged in: the kiosk is on the VM's screen. A
#      screendump of the emulated display (1920x1080, virtio-gpu: the real DRM/KMS path
#      through seatd, cage and SDL's wayland driver) must match the home screen drawn
#      headless; a tap of the emulated touch screen (usb-tablet) on "Support and
#      services" must show that screen; signpost is killed and systemd must restart it.
# The guest reports its side (unit state, users, modes, systemd-analyze security) on
# its serial console, which is kept in OUT_DIR/serial.log.
#
# Slow (6-15 minutes under emulation), needs root and Debian's archive, so it is not
# part of the README's test command; run it with
#   SIGNPOST_VM_TEST=1 ctest --preset release -R deb_vm_boot --output-on-failure
# The debootstrapped base is kept as OUT_DIR/bookworm-base.tar for the next run.
#
# usage: vm_install_boot.sh DEB SIGNPOST STORE SOURCE_DIR GOLDEN_COMPARE OUT_DIR
set -euo pipefail
deb=$1 signpost=$2 store=$3 src=$4 compare=$5 out=$6
W=1920 H=1080
mirror=${SIGNPOST_VM_MIRROR:-http://deb.debian.org/debian}

if [ "${SIGNPOST_VM_TEST:-}" != 1 ]; then
  echo "SKIP: set SIGNPOST_VM_TEST=1 to install the package in a Debian 12 VM and reboot it"
  exit 77
fi
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root (debootstrap, chroot)"; exit 77; }
for tool in debootstrap qemu-system-x86_64 mkfs.ext4 python3; do
  command -v "$tool" >/dev/null ||
    { echo "FAIL: $tool is not installed (apt-get install debootstrap qemu-system-x86)"; exit 1; }
done
[ -f "$deb" ] || { echo "FAIL: no package at $deb (cpack -G DEB)"; exit 1; }

mkdir -p "$out"
out=$(cd "$out" && pwd)
work="$out/work"
qemu_pid=
cleanup() {
  if [ -n "$qemu_pid" ]; then
    kill "$qemu_pid" 2>/dev/null || true
    wait "$qemu_pid" 2>/dev/null || true
  fi
  for m in proc sys dev; do
    mountpoint -q "$work/rootfs/$m" && umount -l "$work/rootfs/$m" || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
rm -rf "$work" "$out"/vm-*.png "$out/serial.log"
mkdir -p "$work"
step() { printf '[%s] %s\n' "$(date +%T)" "$*"; }

# 1. A fresh Debian 12 with its kernel (kept as a tarball between runs).
base="$out/bookworm-base.tar"
if [ ! -s "$base" ]; then
  step "debootstrap bookworm from $mirror"
  debootstrap --include=linux-image-amd64,initramfs-tools,dbus,systemd-sysv,udev,kmod \
    bookworm "$work/base" "$mirror" >"$out/debootstrap.log" 2>&1 ||
    { tail -20 "$out/debootstrap.log"; echo "FAIL: debootstrap"; exit 1; }
  tar -C "$work/base" --numeric-owner -cf "$base.part" .
  mv "$base.part" "$base"
  rm -rf "$work/base"
fi
step "unpacking a fresh root file system"
r="$work/rootfs"
mkdir -p "$r"
tar -C "$r" --numeric-owner -xf "$base"
echo signpost-vm >"$r/etc/hostname"
printf '/dev/vda / ext4 errors=remount-ro 0 1\n' >"$r/etc/fstab"
cat >"$r/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
cp /etc/resolv.conf "$r/etc/resolv.conf"
cp "$deb" "$r/root/signpost.deb"

# The package's dependencies into the apt cache only: the VM has no network, and the
# install itself happens on the running VM (maintainer scripts against a live systemd).
step "downloading the package's dependencies (not installing them)"
mount -t proc proc "$r/proc"
chroot "$r" apt-get -q update >"$out/apt-download.log" 2>&1 &&
  chroot "$r" env DEBIAN_FRONTEND=noninteractive apt-get -q -y --download-only \
    install /root/signpost.deb >>"$out/apt-download.log" 2>&1 ||
  { tail -20 "$out/apt-download.log"; echo "FAIL: apt-get --download-only"; exit 1; }
umount "$r/proc"
if chroot "$r" dpkg -s signpost >/dev/null 2>&1; then
  echo "FAIL: signpost is installed before the VM boots"; exit 1
fi

# The administrator, as two units of the test harness (not of the package): on the
# first boot install the package and reboot; on every boot, once the kiosk is up,
# report its state on the serial console, kill it and see systemd bring it back.
cat >"$r/etc/systemd/system/vm-admin-install.service" <<'EOF'
[Unit]
Description=VM test: an administrator installs signpost, then reboots
ConditionPathExists=!/var/lib/vm-test/installed
After=systemd-user-sessions.service
[Service]
Type=simple
Environment=DEBIAN_FRONTEND=noninteractive
ExecStart=/bin/sh -c 'echo "VM: installing signpost"; apt-get -q -y install /root/signpost.deb && mkdir -p /var/lib/vm-test && touch /var/lib/vm-test/installed && echo "VM: installed, rebooting" && systemctl reboot'
StandardOutput=journal+console
StandardError=journal+console
[Install]
WantedBy=multi-user.target
EOF
cat >"$r/etc/systemd/system/vm-report.service" <<'EOF'
[Unit]
Description=VM test: report the kiosk's state on the serial console
ConditionPathExists=/var/lib/vm-test/installed
After=signpost-kiosk.service
[Service]
Type=simple
ExecStart=/bin/sh /usr/local/sbin/vm-report
StandardOutput=journal+console
StandardError=journal+console
[Install]
WantedBy=multi-user.target
EOF
mkdir -p "$r/usr/local/sbin"
cat >"$r/usr/local/sbin/vm-report" <<'EOF'
#!/bin/sh
# Waits for the kiosk (active = READY=1, sent after its first frame) and reports;
# then, when the host says "kill" on the second serial port (after it has checked the
# screens), kills signpost and reports how systemd restarted it.
stty -F /dev/ttyS1 raw -echo 2>/dev/null || true
i=0
until systemctl -q is-active signpost-kiosk.service; do
  i=$((i + 1)); [ "$i" -gt 300 ] && { echo "VM-REPORT: kiosk not active after 600 s"; break; }
  sleep 2
done
echo "VM-REPORT: $(systemctl show -p ActiveState -p SubState -p NRestarts signpost-kiosk.service | tr '\n' ' ')"
echo "VM-REPORT: default target $(systemctl get-default), getty@tty1 $(systemctl is-active getty@tty1.service)"
echo "VM-REPORT: processes: $(ps -o user=,comm= -C cage,signpost | tr -s ' ' | tr '\n' ';')"
echo "VM-REPORT: state: $(stat -c '%U:%G %a %n' /var/lib/signpost /var/lib/signpost/* | tr '\n' ';')"
echo "VM-REPORT: config: $(stat -c '%U:%G %a %n' /etc/signpost/* | tr '\n' ';')"
echo "VM-REPORT: security $(systemd-analyze security --no-pager signpost-kiosk.service 2>/dev/null | tail -1)"
echo "VM-REPORT: sysrq $(cat /proc/sys/kernel/sysrq); gettys: $(systemctl list-units --no-legend --plain 'getty@*' 'autovt@*' | cut -d' ' -f1 | tr '\n' ' ')"
echo "VM-REPORT: sync timer $(systemctl is-enabled signpost-sync.timer 2>&1)"
echo "VM-REPORT: network links seen by signpost: $(nsenter -t "$(pidof -s signpost)" -n cat /proc/net/dev 2>/dev/null | tail -n +3 | cut -d: -f1 | tr -d ' ' | tr '\n' ' ')"
echo "VM-REPORT: kiosk ready"
cmd=
while [ "$cmd" != kill ]; do
  IFS= read -r cmd </dev/ttyS1 || sleep 1
  cmd=$(printf '%s' "$cmd" | tr -d '\r')
done
before=$(systemctl show -p NRestarts --value signpost-kiosk.service)
old=$(pidof -s signpost)
echo "VM-REPORT: killing signpost (pid $old, NRestarts $before)"
kill -KILL "$old"
i=0
while :; do
  i=$((i + 1)); [ "$i" -gt 150 ] && { echo "VM-REPORT: not restarted after 300 s"; exit 1; }
  sleep 2
  now=$(systemctl show -p NRestarts --value signpost-kiosk.service)
  [ "$now" -gt "$before" ] && systemctl -q is-active signpost-kiosk.service && break
done
echo "VM-REPORT: restarted (NRestarts $now, pid $(pidof -s signpost))"
echo "VM-REPORT: done"
EOF
chmod 0755 "$r/usr/local/sbin/vm-report"
ln -sf /etc/systemd/system/vm-admin-install.service \
  "$r/etc/systemd/system/multi-user.target.wants/vm-admin-install.service"
ln -sf /etc/systemd/system/vm-report.service \
  "$r/etc/systemd/system/multi-user.target.wants/vm-report.service"

kernel=$(ls "$r"/boot/vmlinuz-* | tail -1)
initrd=$(ls "$r"/boot/initrd.img-* | tail -1)
cp "$kernel" "$work/vmlinuz"
cp "$initrd" "$work/initrd.img"
step "making the disk image"
mkfs.ext4 -q -F -L signpost-root -d "$r" "$work/disk.img" 6G
rm -rf "$r"

step "booting the VM (QEMU, software emulation)"
qmp="$work/qmp.sock"
serial="$out/serial.log"
qemu-system-x86_64 -machine pc -accel tcg,thread=multi -cpu max -smp 2 -m 2048 \
  -nodefaults -no-user-config -display none \
  -device virtio-vga,id=video0,edid=on,xres=$W,yres=$H \
  -drive file="$work/disk.img",if=virtio,format=raw \
  -device qemu-xhci -device usb-tablet,id=touch,display=video0 \
  -kernel "$work/vmlinuz" -initrd "$work/initrd.img" \
  -append "root=/dev/vda rw console=ttyS0 systemd.journald.forward_to_console=1 systemd.log_color=0 systemd.show_status=0" \
  -serial file:"$serial" \
  -chardev socket,id=ctl,path="$work/ctl.sock",server=on,wait=off -device isa-serial,chardev=ctl \
  -qmp unix:"$qmp",server=on,wait=off &
qemu_pid=$!

# wait_for PATTERN SECONDS: the serial console shows PATTERN.
wait_for() {
  local i
  for i in $(seq "$2"); do
    grep -aq -- "$1" "$serial" 2>/dev/null && return 0
    kill -0 "$qemu_pid" 2>/dev/null || { echo "FAIL: QEMU stopped"; return 1; }
    sleep 1
  done
  echo "FAIL: no \"$1\" on the serial console after $2 s (see $serial)"
  return 1
}
started=$(date +%s)
wait_for "VM: installing signpost" 900
step "first boot done; installing"
wait_for "VM: installed, rebooting" 1800 || { grep -a "VM:\|dpkg\|E:" "$serial" | tail -20; exit 1; }
step "installed; rebooting"
wait_for "VM-REPORT: kiosk ready" 1200 || { grep -a "signpost\|cage\|VM" "$serial" | tail -40; exit 1; }
step "the kiosk is up after the reboot ($(($(date +%s) - started)) s since power on)"
grep -a "VM-REPORT" "$serial" | sed 's/^.*VM-REPORT/VM-REPORT/'

# The references: the same screens at the same size, headless, with the packaged
# configuration (its paths pointed at this build's files).
ref="$work/ref"
mkdir -p "$ref"
sed -e "s|/var/lib/signpost/content.db|$store|; s|/usr/share/signpost/assets|$src/assets|; s|/etc/signpost/pals-public.key|$src/kiosk-config/demo-keys/pals-public.key|" \
  "$src/kiosk-config/package/kiosk.conf" >"$ref/kiosk.conf"
(cd "$ref" && "$signpost" --headless --size ${W}x$H --config "$ref/kiosk.conf" --store "$store" \
   --outbox "$ref/outbox.db" --script "$src/tests/deb/vm_boot.script" >/dev/null)
read -r tx ty < <(python3 - "$ref/home.json" <<'EOF'
import json, sys
for e in json.load(open(sys.argv[1]))["elements"]:
    if e["id"] == "tile-support":
        x, y, w, h = e["rect"]
        print(x + w // 2, y + h // 2)
EOF
)

# shot_matches NAME REF: screendump until it matches REF (the frame may still be coming).
shot_matches() {
  local i
  for i in $(seq 30); do
    python3 "$src/tests/deb/vm_qmp.py" "$qmp" screendump "$out/vm-$1.png"
    UPDATE_GOLDEN= "$compare" "$out/vm-$1.png" "$2" "$out/vm-$1-diff.png" >/dev/null 2>&1 && return 0
    sleep 2
  done
  UPDATE_GOLDEN= "$compare" "$out/vm-$1.png" "$2" "$out/vm-$1-diff.png" || true
  echo "FAIL: the VM's screen ($out/vm-$1.png) is not $1"
  return 1
}
shot_matches home "$ref/vm-home-ref.png"
step "the VM's screen shows home: $out/vm-home.png"
# The tap; tapped again while home is still showing after 6 s (a press that came
# while cage was still adding the touch device is lost, as on a real panel at boot).
matched=
for try in 1 2 3; do
  python3 "$src/tests/deb/vm_qmp.py" "$qmp" tap "$tx" "$ty" $W $H
  for i in 1 2 3; do
    sleep 2
    python3 "$src/tests/deb/vm_qmp.py" "$qmp" screendump "$out/vm-support.png"
    if UPDATE_GOLDEN= "$compare" "$out/vm-support.png" "$ref/vm-support-ref.png" \
         "$out/vm-support-diff.png" >/dev/null 2>&1; then matched=1; break 2; fi
  done
  UPDATE_GOLDEN= "$compare" "$out/vm-support.png" "$ref/vm-home-ref.png" \
    >/dev/null 2>&1 || break # not home either: no second tap
  step "tap $try was not taken; tapping again"
done
[ -n "$matched" ] || shot_matches support "$ref/vm-support-ref.png"
step "a tap on Support and services shows it: $out/vm-support.png"
python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(b"kill\n"); s.close()' "$work/ctl.sock"
wait_for "VM-REPORT: done" 600 || { grep -a "VM-REPORT" "$serial" | tail; exit 1; }
grep -a "VM-REPORT: restarted" "$serial" | sed 's/^.*VM-REPORT/VM-REPORT/'
shot_matches restarted "$ref/vm-home-ref.png"
step "after signpost was killed, systemd restarted it and home is back: $out/vm-restarted.png"
grep -aq "VM-REPORT: .*ActiveState=active" "$serial" || { echo "FAIL: the kiosk unit was not active"; exit 1; }
grep -aq "VM-REPORT: processes: signpost cage;signpost signpost;" "$serial" ||
  { echo "FAIL: cage and signpost do not run as the signpost user"; exit 1; }
grep -aq "VM-REPORT: sysrq 0;" "$serial" || { echo "FAIL: SysRq keys are on"; exit 1; }
grep -a "VM-REPORT: network links seen by signpost:" "$serial" | tr -d '\r' | grep -Eq ": lo ?$" ||
  { echo "FAIL: signpost sees a network beyond lo"; exit 1; }
echo "vm: installed on a fresh Debian 12, rebooted, the kiosk is on the screen ($(($(date +%s) - started)) s)"
exit 0
