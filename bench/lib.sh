# Shared start of the national-scale benches (bench/budget.sh, bench/measurements.sh), sourced
# with the binary as $1: sets `bin`, `root`, a private `tmp` (the working directory, removed on
# exit with the server and any throwaway PostgreSQL), the audit key there, and `failed=0`.
# A bench sets `server_pid` when it starts a server and `pg_started=1` when it starts a cluster.
bin=$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
tmp=$(mktemp -d)
server_pid=
pg_started=0
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if ((pg_started)); then bash "$root/scripts/pg.sh" stop "$tmp/pg" >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
export KANSRIJK_AUDIT_KEY_FILE=$tmp/audit.key
cd "$tmp"
failed=0
