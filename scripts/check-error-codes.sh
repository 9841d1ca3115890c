#!/usr/bin/env bash
# Fails when a Status or field error is made from a sentence instead of a reason code: every
# reason must be a snake_case code with an entry in data/messages (issue 9: coded errors).
# Looks at string literals passed where a reason code belongs; run by `make test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pattern='(Status\(Code::k[A-Za-z]+, |Status::(NotFound|Forbidden|Conflict|InvalidField\([^,]+, )\(?|\.Error\([^,]+, |\]\.push_back\(\{)"[^"]*[^a-z0-9_"][^"]*"'
hits=$(grep -rnE "$pattern" src --include=*.cc --include=*.h | grep -v '_test\.cc:' || true)
if [[ -n "$hits" ]]; then
  echo "check-error-codes: these make a Status or field error from text; use a reason code from data/messages:" >&2
  echo "$hits" >&2
  exit 1
fi
# Every code written as a literal reason must be in the catalogue.
codes=$(grep -rhoE '(Status\(Code::k[A-Za-z]+, |Status::(NotFound|Forbidden|Conflict)\(|Status::InvalidField\([^,]+, |\.Error\([^,]+, |\]\.push_back\(\{)"[a-z][a-z0-9_]*"' src --include=*.cc --include=*.h --exclude=*_test.cc --exclude=test_builders.h |
        grep -oE '"[a-z][a-z0-9_]*"$' | tr -d '"' | sort -u)
known=$(cat data/messages/*.json | grep -oE '^  "[a-z][a-z0-9_]*":' | tr -d ' ":' | sort -u)
missing=$(comm -23 <(echo "$codes") <(echo "$known"))
if [[ -n "$missing" ]]; then
  echo "check-error-codes: codes used in src/ without a text in data/messages/*.json:" >&2
  echo "$missing" >&2
  exit 1
fi
echo "check-error-codes: $(echo "$codes" | wc -l) reason codes, all in the catalogue"
