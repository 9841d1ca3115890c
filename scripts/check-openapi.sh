#!/usr/bin/env bash
# Checks docs/openapi.yaml: Redocly lint (recommended ruleset, see redocly.yaml), then
# that its operations are exactly the routes the server binary serves.
# Usage: scripts/check-openapi.sh BIN     (e.g. build/debug/kansrijk; `make openapi-check`)
# Works from any directory. Exit 0 when both pass, 1 on a failure, 2 on bad usage.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 BIN" >&2
  exit 2
fi
bin=$1
[[ $bin == /* ]] || bin="$PWD/$bin"   # we cd below
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"   # redocly finds redocly.yaml and .redocly.lint-ignore.yaml in the cwd

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "check-openapi: node and npm are needed; run 'make setup'" >&2
  exit 1
fi

# Root tooling (@redocly/cli, yaml): npm ci when node_modules is missing or older than
# the lock file (npm writes node_modules/.package-lock.json on every install).
if [[ ! node_modules/.package-lock.json -nt package-lock.json ]]; then
  echo "check-openapi: npm ci (root tooling)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

# No telemetry or update checks from a lint run; one line per problem (stylish).
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1
status=0
out=$(npx --no-install redocly lint docs/openapi.yaml --format=stylish 2>&1) || status=$?
# Drop known noise only (Node 20 deprecation box, npm config warnings, progress lines),
# so anything unexpected still shows.
filtered=$(printf '%s\n' "$out" | grep -v -e '^[[:space:]]*$' -e '[║╔╚]' -e '^npm warn' \
  -e '^validating ' -e ': validated in ' -e 'generate-ignore-file' || true)
if [[ $status -ne 0 ]]; then
  printf '%s\n' "$filtered" >&2
  echo "check-openapi: redocly lint failed (exit $status)" >&2
  exit 1
fi
# On success print one line (with the warning count, if any) and the warnings themselves.
printf '%s\n' "$filtered" | grep -e ' warning ' || true
summary=$(printf '%s\n' "$filtered" | grep -e 'You have [0-9]* warning' -e 'problems\? \(is\|are\) explicitly ignored' | tr '\n' ' ' || true)
echo "redocly: docs/openapi.yaml valid${summary:+ — ${summary% }}"

node scripts/check-openapi.mjs "$bin"
