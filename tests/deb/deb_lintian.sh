#!/usr/bin/env bash
# lintian on the package: no errors allowed (warnings are printed).
# usage: deb_lintian.sh DEB
set -euo pipefail
out=$(lintian --allow-root --tag-display-limit 0 "$1" 2>&1) || true
echo "$out"
if grep -q '^E: ' <<<"$out"; then
  echo "FAIL: lintian reports errors"
  exit 1
fi
echo "lintian: $(grep -c '^E: ' <<<"$out") errors, $(grep -c '^W: ' <<<"$out") warnings"
