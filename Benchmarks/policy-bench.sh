#!/usr/bin/env bash
# Builds the release policy benchmark and runs it and moto's on the same workloads, one core each, several runs
# each; prints min / median / max and the ratio of the medians.
# Usage: Benchmarks/policy-bench.sh [seconds-per-run] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-1}"
runs="${2:-5}"
swift build -c release --product policy-bench >/dev/null
pin() { taskset -c 0 "$@" 2>/dev/null || "$@"; }
document="$(mktemp)"
trap 'rm -f "$document"' EXIT
.build/release/policy-bench --print-document ReadOnlyAccess > "$document"
status=0
for workload in course ReadOnlyAccess; do
  swift_output="$(pin .build/release/policy-bench "$seconds" "$runs" "$workload")"
  echo "$swift_output" | grep -v '^DECISIONS'
  if [ "$workload" = course ]; then
    moto_output="$(pin python3 Benchmarks/moto_bench.py "$seconds" "$runs" "$workload")"
  else
    moto_output="$(pin python3 Benchmarks/moto_bench.py "$seconds" "$runs" "$workload" "$document")"
  fi
  echo "$moto_output" | grep -v '^DECISIONS'
  ours="$(echo "$swift_output" | awk '/^DECISIONS_PER_SECOND/ {print $3}')"
  moto="$(echo "$moto_output" | awk '/^DECISIONS_PER_SECOND/ {print $3}')"
  target=5000000
  [ "$workload" = ReadOnlyAccess ] && target=1000000
  awk -v ours="$ours" -v moto="$moto" -v name="$workload" -v target="$target" 'BEGIN {
    printf "ratio %s (PolicyEngine / moto, medians): %.0fx\n", name, ours / moto
    if (ours < target) { printf "%s: below the %d decisions/s target\n", name, target; exit 1 } }' || status=1
done
exit $status
