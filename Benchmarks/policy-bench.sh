#!/usr/bin/env bash
# Builds the release benchmark, runs it and moto's on the issue-3 workload (one core each), prints the ratio.
# Usage: Benchmarks/policy-bench.sh [seconds-per-run]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-2}"
swift build -c release --product policy-bench >/dev/null
swift_output="$(taskset -c 0 .build/release/policy-bench "$seconds" 2>/dev/null || .build/release/policy-bench "$seconds")"
echo "$swift_output"
moto_output="$(taskset -c 0 python3 Benchmarks/moto_bench.py "$seconds" 2>/dev/null || python3 Benchmarks/moto_bench.py "$seconds")"
echo "$moto_output"
ours="$(echo "$swift_output" | awk '/^DECISIONS_PER_SECOND/ {print $2}')"
moto="$(echo "$moto_output" | awk '/^DECISIONS_PER_SECOND/ {print $2}')"
awk -v ours="$ours" -v moto="$moto" 'BEGIN { printf "ratio (PolicyEngine / moto): %.0fx\n", ours / moto
  if (ours < 5000000) { print "below the 5,000,000 decisions/s target"; exit 1 } }'
