#!/usr/bin/env bash
# Family budget, contacts and "Vandaag" at national scale (issue 11): a demo organisation plus
# FAMILIES synthetic families (default 250,000) with 20 ledger entries (5,000,000) and 8
# contacts (2,000,000) each, generated in SQL by bench/budget-data.sh, on SQLite and, when
# BENCH_PG=1, on a throwaway PostgreSQL. Then, over HTTP (bench/budget.mjs): one family's
# budget with its balance (< 1 ms), a coach's "Vandaag" (< 50 ms), a programme's budget
# report and hours report (< 300 ms), and the team lead's "Vandaag" over the whole
# organisation. The balance query itself is timed in the database too (sqlite3 .timer,
# PostgreSQL EXPLAIN ANALYZE). Loopback only. Part of `make bench`; scripts/bench-smoke.sh runs
# it at toy size. Method and figures: docs/performance.md.
#   bench/budget.sh BIN
# Env: BENCH_FAMILIES (250000), BENCH_PER_PROGRAMME (2500), BENCH_PER_COACH (20), BENCH_PG (0),
#      BENCH_REPEAT (20), BENCH_SQLITE (1; 0 runs PostgreSQL only, e.g. beside a SQLite run).
#      Exit 1 when a call fails or misses its target.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$1"
families=${BENCH_FAMILIES:-250000}
per=${BENCH_PER_PROGRAMME:-2500}
per_coach=${BENCH_PER_COACH:-20}
repeat=${BENCH_REPEAT:-20}
today=$(TZ=Europe/Amsterdam date +%F)
year=${today%%-*}

run_one() {  # run_one LABEL DIALECT DB_URL
  local label=$1 dialect=$2 db=$3 port demo_out lead coach1 started org lead_id ids took
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
  coach1=$(sed -nE 's/.*coach1.*password: ([^ ]+).*/\1/p' <<<"$demo_out")
  org=$(sql "SELECT id FROM organisations WHERE name = 'Demo Gezinscoaching'")
  lead_id=$(sql "SELECT id FROM users WHERE username = 'teamlead'")
  echo "budget: $label, generating $families families with 20 ledger entries and 8 contacts each in SQL" >&2
  started=$(date +%s)
  bash "$root/bench/budget-data.sh" "$dialect" "$families" "$per" "$per_coach" "$org" "$lead_id" "$year" "$today" \
    >"$tmp/data.sql"
  sql_file "$tmp/data.sql"
  took=$(( $(date +%s) - started ))
  local ledger contacts
  ledger=$(sql "SELECT count(*) FROM budget_ledger")
  contacts=$(sql "SELECT count(*) FROM contacts")
  echo "budget: $label data: $ledger ledger entries, $contacts contacts in $took s" >&2
  # Families of the first bench programme (the one whose reports are read), one in twenty.
  ids=$(sql "SELECT id FROM families WHERE programme_id = 'bf00000000000000000000' ORDER BY id LIMIT 400" |
        awk 'NR % 20 == 1' | paste -sd, -)
  port=$((30000 + RANDOM % 10000))
  "$bin" serve --db "$db" --listen "127.0.0.1:$port" --log-level warn >"$tmp/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do curl -sf --noproxy '*' "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  echo "| $label ($ledger ledger entries, $contacts contacts, $families + 20 families; data generated in $took s) | call | status | median ms | max ms | target ms | check |"
  echo "|---|---|---:|---:|---:|---:|---|"
  node "$root/bench/budget.mjs" "http://127.0.0.1:$port" "$lead" "$coach1" "$ids" "bf00000000000000000000" "$repeat" \
    >"$tmp/out.jsonl" || failed=1
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
  # The balance query alone, in the database, for one family of the benchmark (20 entries).
  local alloc q ms
  alloc=$(sql "SELECT id FROM budget_allocations WHERE family_id = 'ba00000000000000000007'")
  q="SELECT COALESCE(SUM(amount_cents), 0) FROM budget_ledger WHERE allocation_id = '$alloc'"
  if [[ $dialect == sqlite ]]; then
    ms=$( { echo ".timer on"; for _ in $(seq 1 "$repeat"); do echo "$q;"; done; } | sqlite3 -batch "${db#sqlite:}" |
          sed -nE 's/^Run Time: real ([0-9.]+).*/\1/p' | sort -n | awk '{a[NR]=$1} END {printf "%.3f %.3f", a[int((NR+1)/2)]*1000, a[NR]*1000}')
  else
    ms=$(for _ in $(seq 1 "$repeat"); do sql "EXPLAIN (ANALYZE, TIMING OFF) $q"; done |
         sed -nE 's/^Execution Time: ([0-9.]+) ms/\1/p' | sort -n | awk '{a[NR]=$1} END {printf "%.3f %.3f", a[int((NR+1)/2)], a[NR]}')
  fi
  local median=${ms% *} max=${ms#* } ok=ok
  awk -v m="$median" 'BEGIN {exit !(m < 1)}' || ok=MISSED
  [[ "${BENCH_SMOKE:-0}" == 1 ]] && ok=ok
  [[ $ok == ok ]] || failed=1
  echo "{\"label\":\"one family's balance, the query alone (in the database)\",\"status\":\"sql\",\"median_ms\":$median,\"max_ms\":$max,\"target_ms\":1,\"ok\":$([[ $ok == ok ]] && echo true || echo false),\"checked\":\"20 entries\"}" \
    >>"$tmp/out.jsonl"
  node -e 'require("readline").createInterface({input: process.stdin}).on("line", (l) => {
      const r = JSON.parse(l);
      console.log(`| | ${r.label} | ${r.status} | ${r.median_ms} | ${r.max_ms} | ${r.target_ms ?? "-"}${r.ok ? "" : " MISSED"} | ${r.checked} |`) })' \
    <"$tmp/out.jsonl"
}

if [[ "${BENCH_SQLITE:-1}" == 1 ]]; then run_one "SQLite" sqlite "sqlite:$tmp/budget.db"; fi
if [[ "${BENCH_PG:-0}" == 1 ]]; then
  pg_started=1
  url=$(bash "$root/scripts/pg.sh" start "$tmp/pg")
  run_one "PostgreSQL" postgresql "$url"
fi
exit "$failed"
