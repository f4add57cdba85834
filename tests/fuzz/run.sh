#!/usr/bin/env bash
# Runs each libFuzzer target (fuzz/, built with -DFHUB_FUZZ=ON into
# FUZZ_BUILD_DIR, which tests/run.sh makes at build/fuzz) for SECONDS under
# AddressSanitizer and UndefinedBehaviorSanitizer, growing a corpus kept in
# FUZZ_BUILD_DIR/corpus/<target>; prints the executions of each and fails
# on the first crash, leaving the input that caused it in
# FUZZ_BUILD_DIR/crashes/.
#   tests/fuzz/run.sh [FUZZ_BUILD_DIR] [SECONDS]    e.g. tests/fuzz/run.sh build/fuzz 600
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(cd "${1:-$root/build/fuzz}" 2>/dev/null && pwd) || {
  echo "fuzz: no fuzz build at ${1:-$root/build/fuzz} (tests/run.sh makes it)" >&2
  exit 77
}
seconds=${2:-15}
targets=(frameworks_fuzz registry_fuzz pricing_fuzz referrals_fuzz)
for target in "${targets[@]}"; do
  [[ -x "$dir/fuzz/$target" ]] || {
    echo "fuzz: $dir/fuzz/$target is not built (ninja -C $dir fuzz)" >&2
    exit 77
  }
done
mkdir -p "$dir/crashes"
status=0
for target in "${targets[@]}"; do
  mkdir -p "$dir/corpus/$target"
  log="$dir/$target.log"
  if "$dir/fuzz/$target" -max_total_time="$seconds" -print_final_stats=1 \
      -artifact_prefix="$dir/crashes/$target-" "$dir/corpus/$target" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "$target: ${runs:-?} executions in ${seconds} s, 0 crashes, corpus $(ls "$dir/corpus/$target" | wc -l) inputs"
  else
    echo "$target: CRASH (see $log and $dir/crashes/)" >&2
    grep -E "ERROR|SUMMARY|abort|==[0-9]+==" "$log" | head -20 >&2 || true
    status=1
  fi
done
exit $status
