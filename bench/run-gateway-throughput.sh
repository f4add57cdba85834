#!/usr/bin/env bash
# fhub-gateway's cost: builds gateway_throughput_bench, starts a private
# PostgreSQL cluster in a temporary folder (or uses FHUB_BENCH_DATABASE_URL,
# a role that may create databases), serves the frameworks service and
# pricing (10,000 price books) in process with the gateway in front, drives
# GetFramework and Quote with 16 concurrent callers directly over gRPC and
# through the gateway over HTTP keep-alive, round by round, and prints the
# throughputs, the p99s, their ratios and the goals. About a minute once
# built.
#   bench/run-gateway-throughput.sh [--clients=16] [--duration=5s]
#                                   [--rounds=3] [--warmup=2s] [--books=10000]
exec "$(dirname "$0")/run.sh" gateway_throughput_bench "$@"
