#!/usr/bin/env bash
# Caseload API at national scale: a demo organisation with FAMILIES families (default
# 250,000) on SQLite, and on a throwaway PostgreSQL when BENCH_PG=1, then the caseload
# calls timed by bench/caseload.mjs. Loopback only. Part of `make bench`; not run in CI.
#   bench/caseload.sh BIN
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
families=${BENCH_FAMILIES:-250000}  # BENCH_REPEAT: calls per case (20)
tmp=$(mktemp -d)
server_pid=
pg_started=0
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  ((pg_started)) && bash "$root/scripts/pg.sh" stop "$tmp/pg" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
export KANSRIJK_AUDIT_KEY_FILE=$tmp/audit.key

run_one() {  # run_one LABEL DB_URL
  local label=$1 db=$2 port demo_out lead coach started
  echo "caseload: $label, creating $families demo families"
  "$bin" migrate --db "$db" >/dev/null
  started=$(date +%s)
  demo_out=$("$bin" demo --db "$db" --families "$families" 2>/dev/null)
  echo "caseload: demo data took $(( $(date +%s) - started )) s"
  lead=$(sed -nE 's/.*teamlead.*password: ([^ ]+).*/\1/p' <<<"$demo_out")
  coach=$(sed -nE 's/.*coach1.*password: ([^ ]+).*/\1/p' <<<"$demo_out")
  port=$((30000 + RANDOM % 10000))
  "$bin" serve --db "$db" --listen "127.0.0.1:$port" --log-level warn >"$tmp/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  echo "| $label | call | status | median ms | max ms |"
  echo "|---|---|---:|---:|---:|"
  node "$root/bench/caseload.mjs" "http://127.0.0.1:$port" "$lead" "$coach" "${BENCH_REPEAT:-20}" |
    node -e 'require("readline").createInterface({input: process.stdin}).on("line", (l) => {
      const r = JSON.parse(l); console.log(`| | ${r.label} | ${r.status} | ${r.median_ms} | ${r.max_ms} |`) })'
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
}

run_one "SQLite" "sqlite:$tmp/caseload.db"
if [[ "${BENCH_PG:-0}" == 1 ]]; then
  pg_started=1
  url=$(bash "$root/scripts/pg.sh" start "$tmp/pg")
  run_one "PostgreSQL" "$url"
fi
