#!/usr/bin/env bash
# Every benchmark script once at toy size (seconds, loopback only), so that none of them can
# break unnoticed between two `make bench` runs: part of `make test`. No figure is checked
# here; a script that fails (a login refused, a call that does not answer 200, a server that
# dies) fails this.
#   scripts/bench-smoke.sh BIN      e.g. build/debug/kansrijk
set -euo pipefail
(($# == 1)) || { echo "usage: $0 BIN" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")
[[ -x "$bin" ]] || { echo "bench-smoke: no executable at $1" >&2; exit 2; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step() {  # step NAME COMMAND...
  local name=$1; shift
  echo "bench-smoke: $name"
  if ! "$@" >"$tmp/out" 2>&1; then
    cat "$tmp/out" >&2
    echo "bench-smoke: FAILED: $name" >&2
    exit 1
  fi
}

step "bench/run.sh" env BENCH_SMOKE=1 BENCH_DURATION=1s BENCH_BURST_DURATION=1s BENCH_STARTUP_RUNS=1 \
  BENCH_FAMILIES=30 bash bench/run.sh "$bin"
step "bench/caseload.sh" env BENCH_FAMILIES=60 BENCH_REPEAT=2 bash bench/caseload.sh "$bin"
step "bench/slowloris.sh" env BENCH_SLOW_CONNS=40 BENCH_SLOW_SECONDS=3 BENCH_SLOW_INTERVAL_MS=500 \
  BENCH_SLOW_ADDRESSES=4 bash bench/slowloris.sh "$bin"
step "bench/genogram.sh" env REPS=1 BENCH_MIN_TIME=0.01 BENCH_FILTER='/80$|GedcomImport' BENCH_GEDCOM_PERSONS=200 \
  bash bench/genogram.sh "$(dirname "$bin")"
# bench/run.sh measures start-up too; this runs bench/startup.mjs on its own, as documented.
db=sqlite:$tmp/startup.db
KANSRIJK_AUDIT_KEY_FILE=$tmp/audit.key "$bin" migrate --db "$db" >/dev/null
port=$((40000 + RANDOM % 10000))
step "bench/startup.mjs" env KANSRIJK_AUDIT_KEY_FILE="$tmp/audit.key" node bench/startup.mjs 2 \
  "http://127.0.0.1:$port/healthz" "$tmp/startup.log" "$bin" serve --db "$db" --listen "127.0.0.1:$port"
# Measurements (issue 10): 200 families, 2,400 measurements; a call that does not answer 200
# fails, a missed target does not (BENCH_SMOKE=1).
step "bench/measurements.sh" env BENCH_SMOKE=1 BENCH_FAMILIES=200 BENCH_PER_PROGRAMME=100 BENCH_REPEAT=2 \
  bash bench/measurements.sh "$bin"
# Budget, contacts and Vandaag (issue 11): 200 families, 4,000 ledger entries, 1,600 contacts.
step "bench/budget.sh" env BENCH_SMOKE=1 BENCH_FAMILIES=200 BENCH_PER_PROGRAMME=100 BENCH_PER_COACH=20 BENCH_REPEAT=2 \
  bash bench/budget.sh "$bin"
echo "bench-smoke: all benchmark scripts ran"
