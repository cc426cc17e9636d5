#!/usr/bin/env bash
# Checks the contents of the Debian package with dpkg-deb: the programs, the sample
# content and assets, the configuration as conffiles pointing at the installed paths,
# the systemd unit, modes and owners, the maintainer scripts and the Depends line.
# usage: deb_check.sh DEB
set -euo pipefail
deb=$1
fail=0
bad() { echo "FAIL: $*"; fail=1; }
contents=$(dpkg-deb -c "$deb")
has() { # has MODE PATH: a file at PATH with MODE, owned by root
  grep -Eq "^$1 root/root +[0-9]+ [0-9-]+ [0-9:]+ \./$2\$" <<<"$contents" ||
    bad "no $2 with mode $1 owned by root"
}
has -rwxr-xr-x usr/bin/signpost
has -rwxr-xr-x usr/bin/signpostctl
has -rw-r--r-- usr/share/signpost/content.db
has -rw-r--r-- usr/share/signpost/assets/pictograms/toilets.svg
has -rw-r--r-- usr/share/signpost/content/destinations.csv
has -rw-r--r-- etc/signpost/kiosk.conf
has -rw-r--r-- etc/signpost/pals-public.key
has -rw-r--r-- lib/systemd/system/signpost-kiosk.service
has -rw-r--r-- lib/systemd/system/signpost-sync.service
has -rw-r--r-- lib/systemd/system/signpost-sync.timer
has -rw-r--r-- usr/lib/sysctl.d/90-signpost.conf
has -rw-r--r-- usr/lib/systemd/logind.conf.d/90-signpost.conf
has -rw-r--r-- usr/lib/systemd/system.conf.d/90-signpost.conf
has -rw-r--r-- usr/share/doc/signpost/examples/network-printer.conf
has -rw-r--r-- usr/share/doc/signpost/copyright
has -rw-r--r-- usr/share/doc/signpost/changelog.gz
has -rw-r--r-- usr/share/locale/cy/LC_MESSAGES/signpost.mo
if grep -v '^d' <<<"$contents" | grep -Ev '^-rw[x-]r-[x-]r-[x-] root/root ' | grep .; then
  bad "files above are not root-owned 0644/0755"
fi
if grep -q ' \./var/' <<<"$contents"; then
  bad "state in /var is made by postinst, not shipped"
fi
if grep -q 'secret' <<<"$contents"; then
  bad "a secret key is shipped"
fi

# Every file under /etc is a conffile, so dpkg never overwrites a changed one.
conffiles=$(dpkg-deb -I "$deb" conffiles)
for f in $(grep -v '^d' <<<"$contents" | awk '{print $6}' | grep '^\./etc/' | sed 's/^\.//'); do
  grep -qx "$f" <<<"$conffiles" || bad "$f is not a conffile"
done
echo "conffiles: $(echo $conffiles)"

# Maintainer scripts: executable, and present.
ctrl=$(dpkg-deb --ctrl-tarfile "$deb" | tar -tvf -)
for s in postinst prerm postrm; do
  grep -Eq "^-rwxr-xr-x .* \./$s\$" <<<"$ctrl" || bad "control file $s missing or not 0755"
done

# Depends: the libraries the programs link to, the fonts, the compositor.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for p in libc6 libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 libsqlite3-0 libsodium23 \
         libqrencode4 libsystemd0 libfribidi0 libfreetype6 libjansson4 libinih1 libcsv3 \
         libcairo2 libpango-1.0-0 libpangocairo-1.0-0 \
         fonts-noto-core cage seatd adduser; do
  grep -Eq "(^|, )$p( |,|\$)" <<<"$depends" || bad "Depends lacks $p"
done
[ "$(dpkg-deb -f "$deb" Package)" = signpost ] || bad "Package is not signpost"
[ "$(dpkg-deb -f "$deb" Architecture)" = amd64 ] || bad "Architecture is not amd64"
case "$(basename "$deb")" in
  signpost_"$(dpkg-deb -f "$deb" Version)"_amd64.deb) ;;
  *) bad "file name $(basename "$deb") is not signpost_VERSION_amd64.deb" ;;
esac

# The installed configuration points at the installed paths, and every font it names
# is in fonts-noto-core (a dependency).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp"
conf=$tmp/etc/signpost/kiosk.conf
for line in "content = /var/lib/signpost/content.db" "outbox = /var/lib/signpost/outbox.db" \
            "assets = /usr/share/signpost/assets" "public_key = /etc/signpost/pals-public.key" \
            "audit_log = /var/lib/signpost/staff-audit.log"; do
  grep -qx "$line" "$conf" || bad "kiosk.conf lacks '$line'"
done
for font in $(sed -n 's/^font_[a-z]* = //p' "$conf"); do
  dpkg -S "$font" 2>/dev/null | grep -q '^fonts-noto-core:' || bad "$font is not in fonts-noto-core"
done
[ -d "$tmp/usr/share/signpost/assets/pictograms" ] || bad "no assets/pictograms"
# The installed kiosk finds its catalogues in /usr/share/locale.
grep -q /usr/share/locale "$tmp/usr/bin/signpost" || bad "signpost does not look in /usr/share/locale"
# The packaged store opens and passes the checks publish makes.
"$tmp/usr/bin/signpostctl" content check "$tmp/usr/share/signpost/content" >/dev/null 2>&1 ||
  bad "the packaged sample content does not pass 'content check'"

# The maintainer scripts are POSIX sh.
for s in postinst prerm postrm; do
  dpkg-deb --ctrl-tarfile "$deb" | tar -xOf - "./$s" >"$tmp/$s"
  sh -n "$tmp/$s" || bad "$s: syntax error"
done
[ $fail -eq 0 ] && echo "deb contents: ok"
exit $fail
