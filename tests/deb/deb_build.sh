#!/usr/bin/env bash
# Builds the Debian package from this build tree, as "cpack -G DEB" in build/release
# does, into OUT (the fixture for the other deb_* tests).
# usage: deb_build.sh BUILD_DIR OUT_DIR
set -euo pipefail
build=$1 out=$2
rm -rf "$out"
mkdir -p "$out"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$out" >"$out/cpack.log" 2>&1 ||
  { cat "$out/cpack.log"; exit 1; }
ls "$out"/signpost_*_amd64.deb
