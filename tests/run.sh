#!/usr/bin/env bash
# Builds the hub and runs every test: unit, integration (a real PostgreSQL),
# end-to-end (the services as processes, a real OpenID provider, the web
# console in headless Chromium, faults and overload) and the fuzz targets
# (clang's libFuzzer with sanitizers). Installs what is missing first.
# The tests share one private PostgreSQL cluster started here in a temporary
# folder (or FHUB_TEST_DATABASE_URL, a role that may create databases), and
# each test works in a database of its own.
#   tests/run.sh [ctest arguments...]    e.g. tests/run.sh -L unit
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${FHUB_BUILD_DIR:-$root/build}"
started=$(date +%s)

"$root/deploy/local/install-deps.sh"
# What only the tests need: a real OpenID provider (glewlwyd) for the
# identity tests, Chromium for the console's browser tests, and clang with
# its libFuzzer for the fuzz targets.
"$root/tests/support/oidc/glewlwyd.sh" install >/dev/null
missing=()
for package in chromium clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" ||
    missing+=("$package")
done
if (( ${#missing[@]} > 0 )); then
  echo "tests/run.sh: installing ${missing[*]}" >&2
  sudo_cmd=(); [[ $EUID -ne 0 ]] && sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null ||
    { "${sudo_cmd[@]}" apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
        --no-install-recommends "${missing[@]}" >/dev/null; }
fi
"$root/deploy/local/build.sh"
# The fuzz targets: clang's build of their own, sanitizers on (fuzz/).
if [[ ! -f "$build/fuzz/build.ninja" ]]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build/fuzz" -G Ninja \
    -DFHUB_FUZZ=ON -DFHUB_BUILD_TESTS=OFF -DFHUB_BUILD_CLIENT=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
ninja -C "$build/fuzz" fuzz >"$build/fuzz/ninja.log" 2>&1 ||
  { tail -n 50 "$build/fuzz/ninja.log" >&2; exit 1; }
# The console's bundle, once (npm packages cached in the build folder).
FHUB_BUILD_DIR="$build" "$root/web/build.sh"
built=$(date +%s)

if [[ -z "${FHUB_TEST_DATABASE_URL:-}" ]]; then
  cluster=$(mktemp -d /tmp/fhub-tests-XXXXXX)
  trap '"$root/deploy/local/pg-cluster.sh" stop "$cluster"; rm -rf "$cluster"' EXIT
  FHUB_PG_FAST=1 "$root/deploy/local/pg-cluster.sh" start "$cluster" >/dev/null
  export FHUB_TEST_DATABASE_URL="host=$cluster user=fhub_admin dbname=postgres"
fi

cd "$build"
status=0
ctest --output-on-failure -j "${FHUB_TEST_JOBS:-2}" --timeout 300 "$@" || status=$?
echo "build: $((built - started)) s, tests: $(( $(date +%s) - built )) s"
exit $status
