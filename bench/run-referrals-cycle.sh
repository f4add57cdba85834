#!/usr/bin/env bash
# The referral cycle's throughput benchmark: builds referrals_cycle_bench,
# starts a private PostgreSQL cluster in a temporary folder (or uses
# FHUB_BENCH_DATABASE_URL, a role that may create databases), serves the
# frameworks service, registry, pricing and referrals in process over one
# fresh database, admits 30 providers with Sefton books through the rpcs,
# and for 1, 2, 4 and 8 concurrent clients runs whole cycles (referral -> 30
# invitations -> 10 priced offers and 20 declines -> ranking -> award and
# placement), then the same writes as a pgbench script twice: with the audit
# rows chained as the schema does, and with plain sequences and no head rows
# (the database's limit). Prints every rate, a summary with the ratio hub /
# plain, and the goals, and stops the cluster. Takes about five minutes once
# built (20 s measurements); --clients=8 alone about a minute and a half.
#   bench/run-referrals-cycle.sh [--clients=1,2,4,8] [--seconds=20]
#                                [--warmup_seconds=3] [--pool_size=6]
#                                [--sql_transactions=per_change|per_cycle]
#                                [--sql=false] [--pgbench=PATH]
#                                [--keep_database]
exec "$(dirname "$0")/run.sh" referrals_cycle_bench "$@"
