#!/usr/bin/env bash
# API tests (tests/api, node:test, Node built-ins only) against a kansrijk binary, first
# on SQLite, then on a throwaway PostgreSQL cluster (scripts/pg.sh).
#
#   scripts/api-test.sh build/debug/kansrijk [test files relative to the repo root, e.g. tests/api/auth.test.mjs]
#
# Env: API_TEST_DBS="sqlite postgresql" (default both), KANSRIJK_TEST_KEEP=1 keeps temp
# dirs and databases, API_TEST_CONCURRENCY (default 2), API_TEST_REPORTER (default spec).
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
  echo "api-test: no executable at $bin (build it with: make build-debug)" >&2
  exit 2
fi
cd "$root"
if (($# > 0)); then files=("$@"); else files=(tests/api/); fi
dbs=${API_TEST_DBS:-sqlite postgresql}
concurrency=${API_TEST_CONCURRENCY:-2}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kansrijk-api-test.XXXXXX")
pg_started=0
cleanup() {
  local rc=$?
  if ((pg_started)); then bash "$root/scripts/pg.sh" stop "$tmp/pg" || true; fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

run_suite() {
  local label=$1
  echo
  echo "=================================================================="
  echo "== API tests on $label"
  echo "=================================================================="
  KANSRIJK_BIN="$bin" node --test --test-reporter="${API_TEST_REPORTER:-spec}" --test-concurrency="$concurrency" "${files[@]}"
}

failed=()
for db in $dbs; do
  case "$db" in
    sqlite)
      if ! (unset KANSRIJK_TEST_PG; run_suite SQLite); then failed+=(SQLite); fi
      ;;
    postgresql)
      pg_started=1
      url=$(bash "$root/scripts/pg.sh" start "$tmp/pg")
      echo "api-test: PostgreSQL at $url"
      if ! KANSRIJK_TEST_PG="$url" run_suite PostgreSQL; then failed+=(PostgreSQL); fi
      ;;
    *)
      echo "api-test: unknown database kind '$db' in API_TEST_DBS" >&2
      exit 2
      ;;
  esac
done

echo
if ((${#failed[@]})); then
  echo "api-test: FAILED on: ${failed[*]}" >&2
  exit 1
fi
echo "api-test: all API tests passed on: $dbs"
