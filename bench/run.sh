#!/usr/bin/env bash
# `make bench`: start-up time, idle memory and HTTP throughput/latency of a release
# build against a 1000-family SQLite demo database, checked against our targets.
# Loopback only, bounded durations (about 1.5 minutes). Not run in CI.
#   bench/run.sh BIN          writes bench/results/latest.md and prints it
# Exit status 1 if any target fails.
set -euo pipefail

if (($# != 1)); then
  echo "usage: $0 BIN" >&2
  exit 2
fi
[[ -x "$1" ]] || { echo "bench: $1 not found or not executable (make build-release)" >&2; exit 1; }
bin=$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
for tool in wrk curl node ss; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing (make setup)" >&2; exit 1; }
done

DURATION=${BENCH_DURATION:-10s}        # per wrk run
BURST_DURATION=${BENCH_BURST_DURATION:-5s}
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-5}
FAMILIES=${BENCH_FAMILIES:-1000}
# BENCH_SMOKE=1 (scripts/bench-smoke.sh): the script runs end to end, but its figures are
# neither checked against the targets nor written to bench/results.
SMOKE=${BENCH_SMOKE:-0}

tmp=$(mktemp -d)
server_pid=
# shellcheck disable=SC2317  # called via trap
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Run the binary inside the temp dir with its own audit key, so nothing lands in var/.
cd "$tmp"
export KANSRIJK_AUDIT_KEY_FILE=$tmp/audit.key
db=sqlite:$tmp/bench.db
log=$tmp/server.log

pick_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 10000))
    [[ -z "$(ss -ltnH "sport = :$p" 2>/dev/null)" ]] && { echo "$p"; return; }
  done
  echo "bench: no free port" >&2; exit 1
}
port=$(pick_port)
base=http://127.0.0.1:$port
curl_() { curl -sS --noproxy '*' --max-time 10 "$@"; }
json_get() {  # json_get EXPR < json   (EXPR is JS on `j`, e.g. j.items[0].id)
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);
    const v=eval(process.argv[1]); if(v===undefined||v===null)process.exit(1); console.log(v)})' "$1"
}

echo "bench: preparing demo database with $FAMILIES families"
"$bin" migrate --db "$db" >/dev/null
# (stderr holds a progress counter; keep it for failures only)
demo_out=$("$bin" demo --db "$db" --families "$FAMILIES" 2>"$tmp/demo.err") ||
  { cat "$tmp/demo.err" >&2; echo "bench: demo failed" >&2; exit 1; }
# The demo prints its logins; accept "  teamlead  PASSWORD" and "... teamlead ... password: PASSWORD".
password=$(printf '%s\n' "$demo_out" | sed -nE \
  -e 's/^[[:space:]]*teamlead[[:space:]]+([^[:space:]]+)[[:space:]]*$/\1/p' \
  -e 's/.*teamlead.*[Pp]assword[:=][[:space:]]*([^[:space:]]+).*/\1/p' | head -n1)
if [[ -z "$password" ]]; then
  echo "bench: could not find the teamlead password in the demo output:" >&2
  printf '%s\n' "$demo_out" >&2
  exit 1
fi

# Other work on the machine skews every number below; record the load so it shows.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- start-up time -------------------------------------------------------------------
echo "bench: start-up time ($STARTUP_RUNS runs)"
mapfile -t startups < <(node "$root/bench/startup.mjs" "$STARTUP_RUNS" "$base/healthz" "$log" \
  "$bin" serve --db "$db" --listen "127.0.0.1:$port")
((${#startups[@]} == STARTUP_RUNS)) || { echo "bench: start-up measurement failed" >&2; exit 1; }
startup_median=$(printf '%s\n' "${startups[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')

# --- the server under test -----------------------------------------------------------
"$bin" serve --db "$db" --listen "127.0.0.1:$port" >>"$log" 2>&1 &
server_pid=$!
for _ in $(seq 1 500); do
  [[ "$(curl -s --noproxy '*' -o /dev/null -w '%{http_code}' "$base/healthz" 2>/dev/null)" == 200 ]] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "bench: server exited; log:" >&2; tail -n 20 "$log" >&2; exit 1; }
  sleep 0.02
done

login_body=$(node -e 'console.log(JSON.stringify({username:"teamlead",password:process.argv[1]}))' "$password")
login=$(curl_ -c "$tmp/cookies" -H 'Content-Type: application/json' -d "$login_body" "$base/api/v1/auth/login")
csrf=$(json_get 'j.csrf_token' <<<"$login") || { echo "bench: login failed: $login" >&2; exit 1; }
session=$(awk -F'\t' '$6 == "kansrijk_session" {print $7}' "$tmp/cookies")
[[ -n "$session" ]] || { echo "bench: no kansrijk_session cookie after login" >&2; exit 1; }
cookie="kansrijk_session=$session"

# Reads and writes go to different families: the family GET returns all members,
# so the write benchmark must not grow the family the read benchmark fetches.
families=$(curl_ -H "Cookie: $cookie" "$base/api/v1/families?limit=2")
read_id=$(json_get 'j.items[0].id' <<<"$families") || { echo "bench: no families: $families" >&2; exit 1; }
write_id=$(json_get 'j.items[1].id' <<<"$families") || write_id=$read_id

# --- idle memory: a few requests, then 2 s of quiet ------------------------------------
for _ in 1 2 3; do
  curl_ -o /dev/null "$base/healthz"
  curl_ -o /dev/null -H "Cookie: $cookie" "$base/api/v1/families/$read_id"
done
sleep 2
idle_rss_mb=$(awk '/^VmRSS:/ {printf "%.1f", $2/1024}' "/proc/$server_pid/status")

# --- throughput and latency ------------------------------------------------------------
# parse_wrk FILE -> "req/s p50_ms p99_ms max_ms errors"
parse_wrk() {
  awk '
    function ms(v,  n, u) { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
      if (u == "us") return n / 1000; if (u == "s") return n * 1000
      if (u == "m") return n * 60000; if (u == "h") return n * 3600000; return n }
    $1 == "Latency" && $2 != "Distribution" { max = ms($4) }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /^Requests\/sec:/ { rps = $2 }
    /Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
    /Non-2xx or 3xx responses:/ { err += $NF }
    END { printf "%.0f %.2f %.2f %.2f %d\n", rps, p50, p99, max, err }' "$1"
}

declare -A rps p50 p99 maxl errs
rows=()
run_wrk() {  # run_wrk KEY LABEL CONNS DURATION URL [wrk args...]
  local key=$1 label=$2 conns=$3 dur=$4 url=$5; shift 5
  echo "bench: $label, $conns connections, $dur"
  wrk -t2 -c"$conns" -d"$dur" --timeout 10s --latency "$@" "$url" >"$tmp/wrk.out" 2>&1 ||
    { cat "$tmp/wrk.out" >&2; exit 1; }
  kill -0 "$server_pid" 2>/dev/null || { echo "bench: server died; log:" >&2; tail -n 20 "$log" >&2; exit 1; }
  local r50 r99 rmax rerr rrps
  read -r rrps r50 r99 rmax rerr < <(parse_wrk "$tmp/wrk.out")
  rps[$key]=$rrps p50[$key]=$r50 p99[$key]=$r99 maxl[$key]=$rmax errs[$key]=$rerr
  rows+=("$key|$label|$conns")
  sleep 1   # let the server settle between runs
}

for c in 64 256; do
  run_wrk "health:$c" "GET /healthz" "$c" "$DURATION" "$base/healthz"
done
for c in 64 256; do
  run_wrk "get:$c" "GET /api/v1/families/{id}" "$c" "$DURATION" "$base/api/v1/families/$read_id" \
    -H "Cookie: $cookie"
done
# The genogram of a demo family (four generations, about ten persons): the JSON the page
# loads and the drawing, each a whole-genogram read plus layout (and SVG) per request.
genogram_persons=$(curl_ -H "Cookie: $cookie" "$base/api/v1/families/$read_id/genogram" | json_get 'j.persons.length')
run_wrk "genogram:64" "GET /api/v1/families/{id}/genogram ($genogram_persons persons)" 64 "$DURATION" \
  "$base/api/v1/families/$read_id/genogram" -H "Cookie: $cookie"
run_wrk "svg:64" "GET /api/v1/families/{id}/genogram.svg ($genogram_persons persons)" 64 "$DURATION" \
  "$base/api/v1/families/$read_id/genogram.svg" -H "Cookie: $cookie"
# 256 connections opened at once (wrk connects them all at start) against the family GET.
run_wrk "burst:256" "GET /api/v1/families/{id} (burst)" 256 "$BURST_DURATION" \
  "$base/api/v1/families/$read_id" -H "Cookie: $cookie"
# Writes spread over 200 families, as real use does: piling every new member onto one family
# made its member count (read on each write) grow to tens of thousands within the run.
write_ids=$(curl_ -b "$tmp/cookies" "$base/api/v1/families?limit=200" | json_get 'j.items.map(f=>f.id).join(",")')
export BENCH_COOKIE=$cookie BENCH_CSRF=$csrf BENCH_PATH=/api/v1/families/$write_id/members BENCH_FAMILY_IDS=$write_ids
for c in 64 256; do
  run_wrk "post:$c" "POST /api/v1/families/{id}/members (200 families)" "$c" "$DURATION" "$base$BENCH_PATH" \
    -s "$root/bench/post_member.lua"
done

# --- report ----------------------------------------------------------------------------
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "n/a" }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

model=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
commit=$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)
version=$("$bin" version 2>/dev/null | head -n1 || true)

results=()
check() {  # check DESCRIPTION CONDITION...
  local desc=$1; shift
  if "$@"; then results+=("PASS  $desc"); else results+=("FAIL  $desc"); fi
}
check "family GET p99 < 10 ms at 64 connections (${p99[get:64]} ms)" lt "${p99[get:64]}" 10
get_share=$(pct "${rps[get:64]}" "${rps[health:64]}")
check "family GET throughput >= 25% of /healthz at 64 connections ($get_share)" \
  awk -v a="${rps[get:64]}" -v b="${rps[health:64]}" 'BEGIN { exit !(b > 0 && a >= 0.25 * b) }'
worst=0 worst_key=
for key in health:256 get:256 burst:256 post:256; do
  if ! lt "${maxl[$key]}" "$worst"; then worst=${maxl[$key]} worst_key=$key; fi
done
check "max latency < 200 ms at 256 connections, all endpoints (worst ${worst} ms, $worst_key)" lt "$worst" 200
check "start-up < 200 ms (median ${startup_median} ms)" lt "$startup_median" 200
check "idle RSS < 40 MB (${idle_rss_mb} MB)" lt "$idle_rss_mb" 40

results_dir=$root/bench/results
((SMOKE)) && results_dir=$tmp/results
mkdir -p "$results_dir"
report=$results_dir/latest.md
{
  echo "# kansrijk benchmark"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "- commit: $commit${version:+ ($version)}"
  echo "- machine: $(nproc) CPUs, ${model:-unknown CPU}; wrk -t2 on the same machine, loopback"
  echo "- load average (1/5/15 min) before: $load_before, after: $load_after (wrk and the server alone make about 2)"
  echo "- database: SQLite, demo data with $FAMILIES families; wrk runs of $DURATION (burst $BURST_DURATION)"
  echo "- start-up (spawn to first 200 from /healthz, median of $STARTUP_RUNS): ${startup_median} ms (runs: ${startups[*]})"
  echo "- idle RSS after a few requests and 2 s idle: ${idle_rss_mb} MB"
  echo
  echo "| endpoint | conns | req/s | p50 ms | p99 ms | max ms | errors | % of /healthz |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for row in "${rows[@]}"; do
    IFS='|' read -r key label conns <<<"$row"
    echo "| \`$label\` | $conns | ${rps[$key]} | ${p50[$key]} | ${p99[$key]} | ${maxl[$key]} | ${errs[$key]} | $(pct "${rps[$key]}" "${rps[health:$conns]}") |"
  done
  echo
  echo "errors = non-2xx/3xx responses + socket errors (connect, read, write, timeout)."
  echo
  echo "## Targets"
  echo
  for r in "${results[@]}"; do echo "- $r"; done
} >"$report"
cp "$report" "$results_dir/$(date -u +%Y%m%d-%H%M%S).md"

echo
cat "$report"
((SMOKE)) && exit 0
printf '%s\n' "${results[@]}" | grep -q '^FAIL' && exit 1
exit 0
