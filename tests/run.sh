#!/usr/bin/env bash
# Builds the hub and runs every test: unit, integration (a real PostgreSQL)
# and end-to-end (the services as processes). Installs what is missing first.
# The tests share one private PostgreSQL cluster started here in a temporary
# folder (or FHUB_TEST_DATABASE_URL, a role that may create databases), and
# each test works in a database of its own.
#   tests/run.sh [ctest arguments...]    e.g. tests/run.sh -L unit
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${FHUB_BUILD_DIR:-$root/build}"
started=$(date +%s)

"$root/deploy/local/install-deps.sh"
"$root/deploy/local/build.sh"
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
