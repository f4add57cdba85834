#!/usr/bin/env bash
# The eligibility search's latency benchmark: builds registry_search_bench,
# starts a private PostgreSQL cluster in a temporary folder (or uses
# FHUB_BENCH_DATABASE_URL, a role that may create databases), loads 1,000 and
# then 50,000 settings, times the search through gRPC at both sizes, and
# stops the cluster. Takes a few minutes once built.
#   bench/run-registry-search.sh [--searches=2000] [--warmup=200] [--seed=S]
#                                [--explain=false] [--keep_database]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${FHUB_BUILD_DIR:-$root/build}"
log=$(mktemp /tmp/fhub-bench-log-XXXXXX)
cleanup() { rm -f "$log"; }
trap cleanup EXIT

"$root/deploy/local/install-deps.sh"
echo "building registry_search_bench in $build ..." >&2
"$root/deploy/local/build.sh" registry_search_bench >"$log" 2>&1 ||
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

"$build/bench/registry_search_bench" --database_url="$dsn" "$@"
