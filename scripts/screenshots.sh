#!/usr/bin/env bash
# `make screenshots`: renders the main pages with demo data into docs/screenshots/*.png
# (1280×800, Debian's chromium). Pictures are written to a temp dir first and only moved
# into docs/screenshots when every page rendered, so a failed run leaves no half set.
#
#   scripts/screenshots.sh build/debug/kansrijk
set -euo pipefail
if (($# != 1)); then
  echo "usage: $0 BIN" >&2
  exit 2
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
bin=$1
[[ "$bin" == /* ]] || bin="$PWD/$bin"
out=$(mktemp -d "${TMPDIR:-/tmp}/kansrijk-screenshots.XXXXXX")
trap 'rm -rf "$out"' EXIT

KANSRIJK_SCREENSHOT_DIR="$out" bash "$root/scripts/web-test.sh" "$bin" web/tests/screenshots.mjs

mkdir -p "$root/docs/screenshots"
rm -f "$root"/docs/screenshots/*.png
mv "$out"/*.png "$root/docs/screenshots/"
echo "screenshots: $(ls "$root"/docs/screenshots/*.png | wc -l) pictures in docs/screenshots/"
