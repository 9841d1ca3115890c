#!/usr/bin/env bash
# The benchmarks at toy size, so `make test` proves they still run end to end (data, server,
# calls answering 200) without the national-scale data or the time `make bench` takes. The
# figures of a debug build at toy size mean nothing; the targets are checked by `make bench`.
#   scripts/bench-smoke.sh BIN
set -euo pipefail
(($# == 1)) || { echo "usage: $0 BIN" >&2; exit 2; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
bin=$1
[[ "$bin" == /* ]] || bin="$PWD/$bin"

# Measurements (issue 10): 200 families, 2,400 measurements; a call that does not answer 200
# fails, a missed target does not (BENCH_SMOKE=1).
BENCH_SMOKE=1 BENCH_FAMILIES=200 BENCH_PER_PROGRAMME=100 BENCH_REPEAT=2 bash "$root/bench/measurements.sh" "$bin"
echo "bench-smoke: ok"
