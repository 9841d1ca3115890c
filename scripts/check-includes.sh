#!/usr/bin/env bash
# Checks the include rules of docs/architecture.md on src/: fails (exit 1) naming each file and
# line that breaks one. The layers are platform -> security -> timeline -> features -> app.
#   - platform includes no security, timeline, feature or app header;
#   - security includes no timeline, feature or app header;
#   - timeline includes only platform;
#   - a feature includes no app header;
#   - families includes no other feature;
#   - a feature includes no other feature's api.h or legacy.h (routes are registered by the app);
#   - no two features include each other (a cycle of two, by folder).
# Features are the folders of src/ other than app, platform, security and timeline.
# Usage: scripts/check-includes.sh [src-dir]
set -euo pipefail

SRC="${1:-$(dirname "$0")/../src}"
cd "$SRC"

is_feature() {
  case "$1" in
    app | platform | security | timeline) return 1 ;;
    *) [[ -d "$1" ]] ;;
  esac
}

failures=0
fail() {
  echo "check-includes: src/$1: $2" >&2
  failures=$((failures + 1))
}

# Feature -> feature edges, "from to", with the first place each was seen.
declare -A edge_at=()

# Every quoted include of a project header: file:line:folder/header
while IFS= read -r hit; do
  file="${hit%%:*}"
  rest="${hit#*:}"
  line="${rest%%:*}"
  text="${rest#*:}"
  target="$(sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]+)".*/\1/' <<<"$text")"
  [[ "$target" == */* ]] || continue
  from="${file%%/*}"
  to="${target%%/*}"
  header="${target##*/}"
  [[ -d "$to" ]] || continue
  [[ "$from" == "$to" ]] && continue
  where="$file:$line"
  case "$from" in
    platform)
      fail "$where" "platform includes $target (platform includes no other layer)" ;;
    security)
      if [[ "$to" != platform ]]; then fail "$where" "security includes $target (security includes only platform)"; fi ;;
    timeline)
      if [[ "$to" != platform ]]; then fail "$where" "timeline includes $target (timeline includes only platform)"; fi ;;
    app) ;;
    *)
      if [[ "$to" == app ]]; then
        fail "$where" "feature $from includes $target (no feature includes app)"
      elif is_feature "$to"; then
        if [[ "$from" == families ]]; then
          fail "$where" "families includes $target (families includes no other feature)"
        fi
        if [[ "$header" == api.h || "$header" == legacy.h ]]; then
          fail "$where" "feature $from includes $target (another feature's $header)"
        fi
        [[ -n "${edge_at["$from $to"]:-}" ]] || edge_at["$from $to"]="$where"
      fi ;;
  esac
done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' --include='*.h' --include='*.cc' . | sed 's|^\./||')

for key in "${!edge_at[@]}"; do
  from="${key% *}"
  to="${key#* }"
  if [[ "$from" < "$to" && -n "${edge_at["$to $from"]:-}" ]]; then
    fail "${edge_at[$key]}" "features $from and $to include each other (also src/${edge_at["$to $from"]})"
  fi
done

if ((failures > 0)); then
  echo "check-includes: $failures include(s) break the layering (docs/architecture.md)" >&2
  exit 1
fi
echo "check-includes: ok"
