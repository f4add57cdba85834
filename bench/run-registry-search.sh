#!/usr/bin/env bash
# The eligibility search's latency benchmark: builds registry_search_bench,
# starts a private PostgreSQL cluster in a temporary folder (or uses
# FHUB_BENCH_DATABASE_URL, a role that may create databases), loads 1,000 and
# then 50,000 settings, times the search through gRPC at both sizes, and
# stops the cluster. Takes a few minutes once built.
#   bench/run-registry-search.sh [--searches=2000] [--warmup=200] [--seed=S]
#                                [--explain=false] [--keep_database]
exec "$(dirname "$0")/run.sh" registry_search_bench "$@"
