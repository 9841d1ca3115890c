#!/usr/bin/env bash
# Genogram benchmarks: layout + SVG (80 and 5,000 persons) and GEDCOM import (100,000 persons).
# Usage: bench/genogram.sh BIN_DIR   (a Release build tree; the target is built if missing)
#   e.g. cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release && bench/genogram.sh build/release
# Budgets (design.md §8, issue 5): 80 persons < 2 ms, 5,000 < 200 ms, 100,000-person import < 5 s.
set -euo pipefail
BIN_DIR=${1:?usage: bench/genogram.sh BIN_DIR}
cmake --build "$BIN_DIR" --target kansrijk_genogram_bench -j "${JOBS:-2}" >/dev/null
# Knobs for a quick run (scripts/bench-smoke.sh): REPS, BENCH_FILTER (a regex over the benchmark
# names), BENCH_MIN_TIME (seconds per benchmark), BENCH_GEDCOM_PERSONS (size of the imported file).
extra=()
[[ -n "${BENCH_MIN_TIME:-}" ]] && extra+=(--benchmark_min_time="$BENCH_MIN_TIME")
"$BIN_DIR/kansrijk_genogram_bench" --benchmark_repetitions="${REPS:-3}" --benchmark_report_aggregates_only=true \
  --benchmark_format=console --benchmark_counters_tabular=true --benchmark_filter="${BENCH_FILTER:-.}" \
  ${extra[@]+"${extra[@]}"}
