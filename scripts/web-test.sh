#!/usr/bin/env bash
# Browser tests (web/tests, node:test + playwright-core driving Debian's chromium, axe-core)
# against a kansrijk binary serving the built web app on a fresh SQLite demo database.
#
#   scripts/web-test.sh build/debug/kansrijk [test files...]
#
# Env: KANSRIJK_CHROMIUM (default /usr/bin/chromium), KANSRIJK_TEST_KEEP=1 keeps the temp dir.
set -euo pipefail

if (($# < 1)); then
  echo "usage: $0 BIN [test files...]" >&2
  exit 2
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
bin=$1
shift
[[ "$bin" == /* ]] || bin="$PWD/$bin"
if [[ ! -x "$bin" ]]; then
  echo "web-test: no executable at $bin (build it with: make build-debug)" >&2
  exit 2
fi
cd "$root"
if (($# > 0)); then files=("$@"); else files=(web/tests/); fi

chromium=${KANSRIJK_CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$chromium" ]]; then
  echo "web-test: no chromium at $chromium (Debian: apt-get install chromium; make setup does it)" >&2
  exit 2
fi

bash scripts/build-web.sh
# The initial JavaScript budget (< 250 KB gzipped) is part of the test.
node web/scripts/initial-size.mjs
if [[ ! -d web/node_modules/playwright-core ]]; then
  npm --prefix web ci --no-audit --no-fund --loglevel=error >/dev/null
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kansrijk-web-test.XXXXXX")
server_pid=
cleanup() {
  local rc=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if ((rc != 0)) && [[ -f "$tmp/server.log" ]]; then
    echo "web-test: last lines of the server log:" >&2
    tail -n 20 "$tmp/server.log" >&2 || true
  fi
  if [[ "${KANSRIJK_TEST_KEEP:-0}" == 1 ]]; then echo "web-test: kept $tmp" >&2; else rm -rf "$tmp"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

db="sqlite:$tmp/k.db"
"$bin" migrate --db "$db" >/dev/null
# 60 families: enough for more than one page of the caseload.
"$bin" demo --db "$db" --families 60 >"$tmp/demo.txt"

# Demo logins look like "  teamlead  password: xxxx-xxxx-xxxx-xxxx   (team_lead)".
node -e '
  const fs = require("fs");
  const logins = {};
  for (const line of fs.readFileSync(process.argv[1], "utf8").split("\n")) {
    const m = /^\s+(\S+)\s+password:\s+(\S+)\s+\((\w+)\)/.exec(line);
    if (m) logins[m[1]] = { password: m[2], role: m[3] };
  }
  if (!logins.admin || !logins.teamlead || !logins.coach1 || !logins.coach2) {
    console.error("web-test: could not read the demo logins"); process.exit(1);
  }
  fs.writeFileSync(process.argv[2], JSON.stringify(logins));
' "$tmp/demo.txt" "$tmp/logins.json"

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
"$bin" serve --db "$db" --listen "127.0.0.1:$port" --static web/dist --audit-key-file "$tmp/audit.key" >"$tmp/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 300); do
  grep -q 'listening on' "$tmp/server.log" 2>/dev/null && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "web-test: the server stopped during start-up" >&2
    exit 1
  fi
  sleep 0.1
done
grep -q 'listening on' "$tmp/server.log" || { echo "web-test: the server did not start within 30 s" >&2; exit 1; }

echo "web-test: kansrijk at http://127.0.0.1:$port, browser $chromium"
KANSRIJK_URL="http://127.0.0.1:$port" \
KANSRIJK_LOGINS_FILE="$tmp/logins.json" \
KANSRIJK_CHROMIUM="$chromium" \
  node --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
