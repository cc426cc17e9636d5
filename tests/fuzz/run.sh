#!/usr/bin/env bash
# run.sh [BUILD_DIR] [SECONDS]: builds the libFuzzer targets with clang, with
# AddressSanitizer and UndefinedBehaviorSanitizer, in BUILD_DIR (default build/fuzz),
# and runs each for SECONDS (default 30) on the seed corpus (make_corpus.sh). A crash,
# leak, timeout or memory blow-up fails the run and leaves the input in
# BUILD_DIR/artifacts; replay it with the gcc build's fuzz_*_replay program.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build/fuzz}"
secs="${2:-30}"
CC=clang cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSIGNPOST_WERROR=ON -DSIGNPOST_SANITIZE=address,undefined -DSIGNPOST_FUZZ=ON >/dev/null
cmake --build "$build" --target fuzz_content fuzz_oruk -j"$(nproc)"
ctl=""
for c in "$root/build/release/signpostctl" "$root/build/dev/signpostctl"; do
  [ -x "$c" ] && { ctl="$c"; break; }
done
bash "$root/tests/fuzz/make_corpus.sh" "$build/seed" "$ctl"
mkdir -p "$build/artifacts"
passed=0
for target in content oruk; do
  mkdir -p "$build/corpus/$target"
  echo "== fuzz_$target: $secs s"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/fuzz_$target" -max_total_time="$secs" -rss_limit_mb=1024 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" \
    "$build/corpus/$target" "$build/seed/$target" 2>"$build/fuzz_$target.log" || {
      tail -50 "$build/fuzz_$target.log"
      echo "fuzz: $passed passed, 1 failed"
      exit 1
    }
  grep -E "^(#[0-9]+ +DONE|Done|stat::number_of_executed_units|stat::peak_rss_mb)" \
    "$build/fuzz_$target.log" || true
  passed=$((passed + 1))
done
echo "fuzz: $passed passed, 0 failed"
