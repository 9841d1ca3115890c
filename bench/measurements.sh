#!/usr/bin/env bash
# Measurements at national scale (issue 10): a demo organisation plus FAMILIES synthetic families
# (default 250,000) with 12 measurements each (3,000,000), generated in SQL by
# bench/measurements-data.sh, on SQLite and, when BENCH_PG=1, on a throwaway PostgreSQL; then
# one family's charts and a programme's change per domain are timed over HTTP by
# bench/measurements.mjs against the targets (< 20 ms and < 300 ms). Loopback only. Part of
# `make bench`; scripts/bench-smoke.sh runs it at toy size. Method and figures: docs/performance.md.
#   bench/measurements.sh BIN
# Env: BENCH_FAMILIES (250000), BENCH_PER_PROGRAMME (2500 families a programme), BENCH_PG (0),
#      BENCH_REPEAT (20). Exit 1 when a call fails or misses its target.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$1"
families=${BENCH_FAMILIES:-250000}
per=${BENCH_PER_PROGRAMME:-2500}
repeat=${BENCH_REPEAT:-20}

run_one() {  # run_one LABEL DIALECT DB_URL
  local label=$1 dialect=$2 db=$3 port demo_out lead coach started sql org coach2 ids
  # sql QUERY prints the rows; sql_file FILE runs a script.
  if [[ $dialect == sqlite ]]; then
    sql() { sqlite3 -batch "${db#sqlite:}" "$1"; }
    sql_file() { sqlite3 -batch -bail "${db#sqlite:}" <"$1" >/dev/null; }
  else
    sql() { psql "${db#postgresql:}" -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"; }
    sql_file() { psql "${db#postgresql:}" -X -q -v ON_ERROR_STOP=1 -f "$1" >/dev/null; }
  fi
  "$bin" migrate --db "$db" >/dev/null
  demo_out=$("$bin" demo --db "$db" --families 20 2>/dev/null)
  lead=$(sed -nE 's/.*teamlead.*password: ([^ ]+).*/\1/p' <<<"$demo_out")
  coach=$(sed -nE 's/.*coach1.*password: ([^ ]+).*/\1/p' <<<"$demo_out")
  org=$(sql "SELECT id FROM organisations WHERE name = 'Demo Gezinscoaching'")
  coach2=$(sql "SELECT id FROM users WHERE username = 'coach2'")
  echo "measurements: $label, generating $families families with 12 measurements each in SQL" >&2
  started=$(date +%s)
  bash "$root/bench/measurements-data.sh" "$dialect" "$families" "$per" "$org" "$coach2" >"$tmp/data.sql"
  sql_file "$tmp/data.sql"
  local took=$(( $(date +%s) - started ))
  local rows
  rows=$(sql "SELECT count(*) FROM measurements")
  echo "measurements: $label data: $rows measurements in $took s" >&2
  ids=$(sql "SELECT id FROM families WHERE id LIKE 'ba%' ORDER BY id LIMIT 400" | awk 'NR % 20 == 1' | paste -sd, -)
  port=$((30000 + RANDOM % 10000))
  "$bin" serve --db "$db" --listen "127.0.0.1:$port" --log-level warn >"$tmp/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do curl -sf --noproxy '*' "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  echo "| $label ($rows measurements, $families + 20 families; data generated in $took s; load $(cut -d' ' -f1-3 /proc/loadavg)) | call | status | median ms | max ms | × /healthz | target ms | check |"
  echo "|---|---|---:|---:|---:|---:|---:|---|"
  node "$root/bench/measurements.mjs" "http://127.0.0.1:$port" "$lead" "$coach" "$ids" "bf00000000000000000000" "$repeat" \
    >"$tmp/out.jsonl" || failed=1
  node -e 'require("readline").createInterface({input: process.stdin}).on("line", (l) => {
      const r = JSON.parse(l);
      console.log(`| | ${r.label} | ${r.status} | ${r.median_ms} | ${r.max_ms} | ${r.x_healthz} | ${r.target_ms ?? "-"}${r.ok ? "" : " MISSED"} | ${r.checked} |`) })' \
    <"$tmp/out.jsonl"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
}

run_one "SQLite" sqlite "sqlite:$tmp/measurements.db"
if [[ "${BENCH_PG:-0}" == 1 ]]; then
  pg_started=1
  url=$(bash "$root/scripts/pg.sh" start "$tmp/pg")
  run_one "PostgreSQL" postgresql "$url"
fi
exit "$failed"
