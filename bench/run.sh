#!/usr/bin/env bash
# Runs one benchmark program: installs what is missing, builds TARGET,
# starts a private PostgreSQL cluster in a temporary folder (or uses
# FHUB_BENCH_DATABASE_URL, a role that may create databases), runs
# build/bench/TARGET --database_url=... with the other arguments, and stops
# the cluster. Called by the run-*.sh scripts beside it.
#   bench/run.sh TARGET [flags...]
set -euo pipefail
target=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
build="${FHUB_BUILD_DIR:-$root/build}"
log=$(mktemp /tmp/fhub-bench-log-XXXXXX)
cleanup() { rm -f "$log"; }
trap cleanup EXIT

"$root/deploy/local/install-deps.sh"
echo "building $target in $build ..." >&2
"$root/deploy/local/build.sh" "$target" >"$log" 2>&1 ||
  { cat "$log" >&2; exit 1; }

dsn="${FHUB_BENCH_DATABASE_URL:-}"
if [[ -z "$dsn" ]]; then
  cluster=$(mktemp -d /tmp/fhub-bench-XXXXXX)
  cleanup() {
    "$root/deploy/local/pg-cluster.sh" stop "$cluster"
    rm -rf "$cluster" "$log"
  }
  FHUB_PG_FAST=1 "$root/deploy/local/pg-cluster.sh" start "$cluster" \
    >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
  dsn="host=$cluster user=fhub_admin dbname=postgres"
fi

"$build/bench/$target" --database_url="$dsn" "$@"
