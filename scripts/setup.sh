#!/usr/bin/env bash
# Installs what kansrijk needs to build, test and benchmark on Debian 12 — and only
# what is missing, so `make run` / `make test` can call it every time and a second
# run costs a few dpkg-query calls.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(
  # toolchain
  build-essential cmake pkg-config git curl ca-certificates clang libclang-rt-14-dev
  # libraries the C++ links against
  libboost1.81-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libpq-dev libsodium-dev
  liboath-dev libxlsxwriter-dev libspdlog-dev libfmt-dev libcli11-dev libyaml-cpp-dev
  # unit tests and micro-benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # API tests run against a throwaway PostgreSQL too; browser tests need chromium + a font
  postgresql-15 chromium fonts-dejavu-core
  # make bench
  wrk
  # ss: the port checks in pg.sh, run-demo.sh and bench (not in minimal Debian images)
  iproute2
)

# The web app needs node >= 20.19. If a new enough node is already on PATH (e.g. from
# NodeSource, which bundles npm), installing Debian's nodejs/npm would conflict with or
# downgrade it, so leave it alone.
node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);
             process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null
}
if node_ok; then
  echo "setup: node $(node --version) already present, not touching nodejs/npm"
else
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: not root and no sudo; install them as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  # Wait for the dpkg lock instead of failing when another apt run is in progress.
  apt_opts=(-qq -o DPkg::Lock::Timeout=600)
  "${sudo[@]}" apt-get "${apt_opts[@]}" update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null
  echo "setup: packages installed"
else
  echo "setup: all ${#packages[@]} Debian packages present"
fi

if ! node_ok; then
  # Debian 12's own nodejs is 18.x; the web build may refuse to run on it.
  echo "setup: warning: node $(node --version 2>/dev/null || echo missing) is older than 20.19; the web build may fail" >&2
fi

# JS dependencies: `npm ci` only when the lock file changed since the last install
# (npm writes node_modules/.package-lock.json on every install).
for dir in . web; do
  [[ -f "$dir/package-lock.json" ]] || continue
  if [[ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]]; then
    echo "setup: npm deps in $dir up to date"
  else
    echo "setup: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
done
