#!/usr/bin/env bash
# Builds the single-page app into web/dist, but only when its sources changed since
# the last build, so `make run` / `make test` stay quick on a second run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -f web/package.json ]]; then
  echo "web: no web app yet, skipping"
  exit 0
fi

# Dependencies, the same way setup.sh does it: npm ci only when the lock file changed.
if [[ -f web/package-lock.json ]]; then
  if [[ ! web/node_modules/.package-lock.json -nt web/package-lock.json ]]; then
    echo "web: npm ci"
    npm --prefix web ci --no-audit --no-fund --loglevel=error >/dev/null
  fi
elif [[ ! -d web/node_modules ]]; then
  # No lock file committed yet: install without writing one into the repo.
  echo "web: warning: web/package-lock.json missing; npm install without a lock" >&2
  npm --prefix web install --no-package-lock --no-audit --no-fund --loglevel=error >/dev/null
fi

# Rebuild when dist is missing or any input is newer than dist/index.html. Directories
# count too: deleting a file changes its directory's mtime.
inputs=()
# data/messages is the message catalogue the web app bundles (shared with the server).
for f in web/src web/public web/index.html web/package.json web/package-lock.json \
         web/vite.config.* web/tsconfig*.json data/messages; do
  [[ -e "$f" ]] && inputs+=("$f")
done
if [[ -f web/dist/index.html ]] &&
   [[ -z "$(find "${inputs[@]}" -newer web/dist/index.html -print -quit 2>/dev/null)" ]]; then
  echo "web: up to date"
  exit 0
fi

echo "web: building"
npm --prefix web run build --silent
