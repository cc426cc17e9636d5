#!/usr/bin/env bash
# run.sh [BUILD_DIR] [SECONDS]: builds the libFuzzer targets with clang, with
# AddressSanitizer and UndefinedBehaviorSanitizer, in BUILD_DIR (default build/fuzz),
# and runs each on its seed corpus (make_corpus.sh) for SECONDS (default 30), but never
# longer than its share of FUZZ_TOTAL_SECONDS (default 128) over all the targets: with
# 8 targets that is 16 s each, so the fuzz stage of .ci/test stays under about 4
# minutes however many targets there are (measured on 2 cores: a fresh clang build 93 s,
# each target its time and about 1 s to start, 8 x 17 s, seeds and set-up about 10 s:
# 240 s; more cores build faster). Set FUZZ_TOTAL_SECONDS higher for a longer run
# (FUZZ_TOTAL_SECONDS=480 run.sh build/fuzz 60: a minute each).
# A crash, leak, timeout or memory blow-up fails the run and leaves the input in
# BUILD_DIR/artifacts; replay it with the gcc build's fuzz_*_replay program.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build/fuzz}"
secs="${2:-30}"
total="${FUZZ_TOTAL_SECONDS:-128}"
targets=(content oruk oruk_csv config script hours outbox store po text receipt escpos sync_status plansvg)
share=$((total / ${#targets[@]}))
[ "$share" -ge 5 ] || share=5
[ "$secs" -le "$share" ] || secs="$share"
CC=clang cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSIGNPOST_WERROR=ON -DSIGNPOST_SANITIZE=address,undefined -DSIGNPOST_FUZZ=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"
ctl=""
for c in "$root/build/release/signpostctl" "$root/build/dev/signpostctl"; do
  [ -x "$c" ] && { ctl="$c"; break; }
done
bash "$root/tests/fuzz/make_corpus.sh" "$build/seed" "$ctl"
mkdir -p "$build/artifacts"
passed=0
echo "fuzz: ${#targets[@]} targets, $secs s each"
for target in "${targets[@]}"; do
  mkdir -p "$build/corpus/$target"
  echo "== fuzz_$target: $secs s"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0" \
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
