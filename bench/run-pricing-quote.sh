#!/usr/bin/env bash
# Quote's throughput benchmark: builds pricing_quote_bench, starts a private
# PostgreSQL cluster in a temporary folder (or uses FHUB_BENCH_DATABASE_URL,
# a role that may create databases), stores 10,000 price books, measures
# Quote and an empty rpc (grpc.health.v1.Health/Check) on the same
# in-process server with 16 concurrent clients, prints the figures and the
# goals, and stops the cluster. Takes about a minute once built.
#   bench/run-pricing-quote.sh [--clients=16] [--duration=10s] [--warmup=3s]
#                              [--pool_size=6] [--channel_per_client]
#                              [--books=10000] [--seed=S] [--breakdown=false]
#                              [--only=quote|empty] [--book_cache=false]
#                              [--keep_database]
exec "$(dirname "$0")/run.sh" pricing_quote_bench "$@"
