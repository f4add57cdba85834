#!/usr/bin/env bash
# The referral cycle's throughput benchmark: builds referrals_cycle_bench,
# starts a private PostgreSQL cluster in a temporary folder (or uses
# FHUB_BENCH_DATABASE_URL, a role that may create databases), serves the
# frameworks service, registry, pricing and referrals in process over one
# fresh database, admits 30 providers with Sefton books through the rpcs,
# runs whole cycles (referral -> 30 invitations -> 10 priced offers and 20
# declines -> ranking -> award and placement) with 8 concurrent clients, then
# the same writes as a pgbench script (the database's limit), prints both
# cycle rates, the ratio and the goals, and stops the cluster. Takes about a
# minute and a half once built.
#   bench/run-referrals-cycle.sh [--clients=8] [--seconds=20]
#                                [--warmup_seconds=3] [--pool_size=6]
#                                [--sql_transactions=per_change|per_cycle]
#                                [--sql=false] [--pgbench=PATH]
#                                [--keep_database]
exec "$(dirname "$0")/run.sh" referrals_cycle_bench "$@"
