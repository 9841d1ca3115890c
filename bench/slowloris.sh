#!/usr/bin/env bash
# Slow connections against a real server (issue 12, finding 4): bench/slowloris.mjs holds
# BENCH_SLOW_CONNS (default 1,100) connections that trickle a header line every
# BENCH_SLOW_INTERVAL_MS (5,000) for BENCH_SLOW_SECONDS (30) while /healthz is probed from
# another address. Loopback only. Part of `make bench`; exit 1 when /healthz stopped answering.
#   bench/slowloris.sh BIN [extra serve arguments...]
set -euo pipefail
(($# >= 1)) || { echo "usage: $0 BIN [serve args...]" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")
shift
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
tmp=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
export KANSRIJK_AUDIT_KEY_FILE=$tmp/audit.key

db=sqlite:$tmp/slow.db
"$bin" migrate --db "$db" >/dev/null
port=$((30000 + RANDOM % 10000))
"$bin" serve --db "$db" --listen "127.0.0.1:$port" --log-level warn "$@" >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -sf --noproxy '*' "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
echo "slowloris: ${BENCH_SLOW_CONNS:-1100} slow connections for ${BENCH_SLOW_SECONDS:-30} s, /healthz probed from 127.0.0.2"
node "$root/bench/slowloris.mjs" "http://127.0.0.1:$port" "${BENCH_SLOW_CONNS:-1100}" "${BENCH_SLOW_SECONDS:-30}" \
  "${BENCH_SLOW_INTERVAL_MS:-5000}" "${BENCH_SLOW_ADDRESSES:-10}" &
probe_pid=$!
peak_threads=0
while kill -0 "$probe_pid" 2>/dev/null; do
  t=$(awk '/^Threads:/ {print $2}' "/proc/$server_pid/status" 2>/dev/null || echo 0)
  ((t > peak_threads)) && peak_threads=$t
  sleep 1
done
rc=0
wait "$probe_pid" || rc=$?
echo "slowloris: server threads at most: $peak_threads"
kill -0 "$server_pid" 2>/dev/null || { echo "slowloris: server died; log:" >&2; tail -n 20 "$tmp/server.log" >&2; exit 1; }
exit "$rc"
