#!/usr/bin/env bash
# `make run`: fresh demo data every time, then serve it (with the web app if built).
#   scripts/run-demo.sh BIN DB LISTEN     e.g. build/release/kansrijk sqlite:var/demo.db 127.0.0.1:8080
set -euo pipefail

if (($# != 3)); then
  echo "usage: $0 BIN DB LISTEN" >&2
  exit 2
fi
bin=$1 db=$2 listen=$3

if [[ ! -x "$bin" ]]; then
  echo "run-demo: $bin not found or not executable (build it with: make build-release)" >&2
  exit 1
fi
bin=$(cd "$(dirname "$bin")" && pwd -P)/$(basename "$bin")
# Relative paths (var/, web/dist, sqlite:var/...) are relative to the repository root.
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Check the port before wiping anything, so a second `make run` in another terminal
# fails with a clear message instead of a bind error after the demo output.
port=${listen##*:}
if [[ "$port" =~ ^[0-9]+$ ]] && [[ -n "$(ss -ltnH "sport = :$port" 2>/dev/null)" ]]; then
  echo "run-demo: port $port is already in use (is another kansrijk running?)." >&2
  echo "run-demo: stop it, or pick another address: make run LISTEN=127.0.0.1:8081" >&2
  exit 1
fi

mkdir -p var

# Start from fresh demo data each time: remove the old SQLite file and its WAL/SHM.
if [[ "$db" == sqlite:* ]]; then
  path=${db#sqlite:}
  if [[ -n "$path" && "$path" != ":memory:" ]]; then
    rm -f -- "$path" "$path-wal" "$path-shm"
  fi
fi

"$bin" migrate --db "$db"
"$bin" demo --db "$db"   # prints the demo logins

static=()
[[ -f web/dist/index.html ]] && static=(--static web/dist)

cat <<EOF

  ------------------------------------------------------------------
  kansrijk is running at http://$listen
  Log in with one of the accounts above; Ctrl+C stops.
  ------------------------------------------------------------------

EOF
[[ ${#static[@]} -gt 0 ]] || echo "  (web/dist not built: API only)"
exec "$bin" serve --db "$db" --listen "$listen" "${static[@]}"
