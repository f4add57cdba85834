#!/usr/bin/env bash
# Builds the hub and runs every test: unit, integration (a real PostgreSQL)
# and end-to-end (the services as processes, a real OpenID provider, and the
# web console in headless Chromium). Installs what is missing first.
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
# identity tests, and Chromium for the console's browser tests.
"$root/tests/support/oidc/glewlwyd.sh" install >/dev/null
if ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "ok installed"; then
  echo "tests/run.sh: installing chromium" >&2
  sudo_cmd=(); [[ $EUID -ne 0 ]] && sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
    --no-install-recommends chromium >/dev/null ||
    { "${sudo_cmd[@]}" apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
        --no-install-recommends chromium >/dev/null; }
fi
"$root/deploy/local/build.sh"
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
