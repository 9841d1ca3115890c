#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for tests: Unix socket only (no TCP), lives entirely
# in DIR, so several can run side by side and nothing outside DIR is touched.
#
#   scripts/pg.sh start DIR [PORT]      -> prints postgresql:host=DIR port=PORT user=postgres dbname=postgres
#   scripts/pg.sh createdb DIR PORT NAME -> prints the URL of the (new) database NAME
#   scripts/pg.sh stop DIR              -> stops the cluster and removes DIR
#
# Only the URL goes to stdout; everything else goes to stderr or DIR/*.log.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
MARKER=.kansrijk-pg   # stop only deletes directories that start created

usage() {
  echo "usage: $0 start DIR [PORT] | createdb DIR PORT NAME | stop DIR" >&2
  exit 2
}
die() { echo "pg.sh: $*" >&2; exit 1; }

# PostgreSQL refuses to run as root, so as root run server-side tools as postgres.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

abspath() { mkdir -p "$1" && (cd "$1" && pwd -P); }

url() { echo "postgresql:host=$1 port=$2 user=postgres dbname=$3"; }

# The port only names the socket file (DIR/.s.PGSQL.PORT), but pick one nothing else
# listens on anyway so the URL is unambiguous in `ss` output and logs.
free_port() {
  local dir=$1 port
  for _ in $(seq 1 50); do
    port=$((54000 + RANDOM % 6000))
    if ! ss -ltnxH 2>/dev/null | grep -qE "(:$port\s|\.s\.PGSQL\.$port(\s|$))" &&
       [[ ! -e "$dir/.s.PGSQL.$port" ]]; then
      echo "$port"
      return
    fi
  done
  die "no free port found"
}

# The postgres user must be able to reach DIR (mktemp -d makes 0700 parents).
ensure_traversable() {
  [[ $(id -u) -eq 0 ]] || return 0
  local d=$1
  while [[ "$d" != / ]]; do
    d=$(dirname "$d")
    if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
      echo "pg.sh: allowing traversal (o+x) of $d for the postgres user" >&2
      chmod o+x "$d"
    fi
  done
}

running_port() {  # prints the port of a running cluster in $1/data, if any
  local pidfile=$1/data/postmaster.pid
  [[ -f "$pidfile" ]] || return 1
  as_pg "$PGBIN/pg_ctl" -D "$1/data" status >/dev/null 2>&1 || return 1
  sed -n 4p "$pidfile"
}

cmd_start() {
  local dir port
  [[ -z "$2" || "$2" =~ ^[0-9]+$ ]] || die "bad port: $2"
  dir=$(abspath "$1")
  [[ "$dir" != / ]] || die "refusing to use /"
  if port=$(running_port "$dir"); then
    # Already running (start called twice): just hand back the URL again.
    url "$dir" "$port" postgres
    return
  fi
  port=${2:-$(free_port "$dir")}

  touch "$dir/$MARKER"
  if [[ $(id -u) -eq 0 ]]; then
    ensure_traversable "$dir"
    chown -R postgres: "$dir"
  fi
  chmod 755 "$dir"   # clients running as other users need to reach the socket
  cd "$dir"          # avoid "could not change directory" from an unreadable cwd

  if [[ ! -f "$dir/data/PG_VERSION" ]]; then
    as_pg "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 --locale=C \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  fi
  as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses='' -c fsync=on -c max_connections=300" \
    start >/dev/null 2>&1 || { tail -n 20 "$dir/log" >&2 2>/dev/null; die "pg_ctl start failed (log: $dir/log)"; }
  url "$dir" "$port" postgres
}

cmd_createdb() {
  local dir port name
  dir=$(cd "$1" 2>/dev/null && pwd -P) || die "no such directory: $1"
  port=$2 name=$3
  # Keep the name safe for the keyword URL and for SQL without quoting games.
  [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]] || die "bad database name: $name"
  local exists
  exists=$("$PGBIN/psql" -h "$dir" -p "$port" -U postgres -d postgres -XtAq \
    -c "select 1 from pg_database where datname = '$name'") || die "cannot connect to $dir:$port"
  if [[ "$exists" != 1 ]]; then
    "$PGBIN/createdb" -h "$dir" -p "$port" -U postgres "$name" >&2 || die "createdb $name failed"
  fi
  url "$dir" "$port" "$name"
}

cmd_stop() {
  local dir=$1
  [[ -d "$dir" ]] || return 0   # already gone: stopping twice is fine
  dir=$(cd "$dir" && pwd -P)
  [[ -e "$dir/$MARKER" ]] || die "$dir was not created by pg.sh start; not removing it"
  cd /
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    if ! as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1; then
      # pg_ctl could not stop it (e.g. stale or unreadable pid file): make sure
      # no postmaster is left behind before deleting its directory.
      local pid
      pid=$(head -n1 "$dir/data/postmaster.pid" 2>/dev/null || true)
      if [[ "$pid" =~ ^[0-9]+$ ]] && [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$dir/data" ]]; then
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
  fi
  # pg_ctl returns once the postmaster is gone; give its children (whose cwd is the
  # data directory) a moment to exit too, so callers see no leftover processes.
  local p busy
  for _ in $(seq 1 50); do
    busy=
    for p in /proc/[0-9]*; do
      [[ "$(readlink "$p/cwd" 2>/dev/null)" == "$dir/data" ]] && { busy=1; break; }
    done
    [[ -n "$busy" ]] || break
    sleep 0.1
  done
  rm -rf "$dir"
}

(($# >= 1)) || usage
case "$1" in
  start)    (($# == 2 || $# == 3)) || usage; cmd_start "$2" "${3:-}" ;;
  createdb) (($# == 4)) || usage; cmd_createdb "$2" "$3" "$4" ;;
  stop)     (($# == 2)) || usage; cmd_stop "$2" ;;
  *)        usage ;;
esac
