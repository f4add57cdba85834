#!/usr/bin/env bash
# Runs the whole hub locally: installs what is missing, builds, starts a
# private PostgreSQL and the services, loads the demo (the North West 16+
# framework) and prints how to call it. Run it again at any time: it restarts
# the services and leaves the data as it is. Stop with deploy/local/down.sh.
#
# State (database, token key, logs) lives in FHUB_STATE_DIR, /tmp/fhub-dev by
# default.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
state="${FHUB_STATE_DIR:-/tmp/fhub-dev}"
build="${FHUB_BUILD_DIR:-$root/build}"
fhub="$build/tools/fhub/fhub"
# name:port of each service.
readonly SERVICES=("frameworks:7001" "registry:7002" "pricing:7003" "referrals:7004")

"$root/deploy/local/install-deps.sh"
echo "== building (first time: several minutes on 2 cores)"
"$root/deploy/local/build.sh" fhub fhub-frameworks fhub-registry fhub-pricing \
  fhub-referrals

echo "== starting PostgreSQL in $state/pg"
mkdir -p "$state/logs"
"$root/deploy/local/pg-cluster.sh" start "$state/pg" >/dev/null

if [[ ! -s "$state/token.key" ]]; then
  (umask 077; head -c 48 /dev/urandom | base64 -w0 >"$state/token.key")
fi
export FHUB_TOKEN_KEY_FILE="$state/token.key"
export FHUB_TOKEN_ISSUER=fhub-dev FHUB_TOKEN_AUDIENCE=fhub
# The registry asks the frameworks service about frameworks and admission;
# pricing asks it about membership and the registry about providers;
# referrals asks all three and follows the registry's and the frameworks
# service's events; the frameworks service asks referrals for placement
# counts.
export FHUB_FRAMEWORKS_ADDR=127.0.0.1:7001 FHUB_REGISTRY_ADDR=127.0.0.1:7002
export FHUB_PRICING_ADDR=127.0.0.1:7003 FHUB_REFERRALS_ADDR=127.0.0.1:7004

"$root/deploy/local/down.sh" --services-only
for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  echo "== starting fhub-$name on 127.0.0.1:$port (log: $state/logs/$name.log)"
  FHUB_LISTEN="127.0.0.1:$port" \
    FHUB_DATABASE_URL="host=$state/pg dbname=fhub user=fhub_$name" \
    setsid nohup "$build/services/$name/fhub-$name" \
    >>"$state/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$state/$name.pid"
done

token() { "$fhub" token --org "$1" --roles "$2" --sub "$3" --ttl_hours 12; }
hub_admin=$(token services/hub HUB_ADMIN hub-operator)
tameside=$(token authorities/tameside LEAD_ADMIN tameside-contracts)
sefton=$(token authorities/sefton COMMISSIONER sefton-commissioning)
export FHUB_ADDR=127.0.0.1:7001

echo -n "== waiting for the frameworks service"
for _ in $(seq 1 150); do
  if "$fhub" --token "$hub_admin" authorities list >/dev/null 2>&1; then break; fi
  if ! kill -0 "$(cat "$state/frameworks.pid")" 2>/dev/null; then
    echo; tail -n 20 "$state/logs/frameworks.log" >&2
    echo "fhub-frameworks stopped; see $state/logs/frameworks.log" >&2
    exit 1
  fi
  echo -n .; sleep 0.2
done
echo

echo -n "== waiting for the registry"
export FHUB_REGISTRY_ADDR=127.0.0.1:7002
for _ in $(seq 1 150); do
  if "$fhub" --token "$hub_admin" providers list >/dev/null 2>&1; then break; fi
  if ! kill -0 "$(cat "$state/registry.pid")" 2>/dev/null; then
    echo; tail -n 20 "$state/logs/registry.log" >&2
    echo "fhub-registry stopped; see $state/logs/registry.log" >&2
    exit 1
  fi
  echo -n .; sleep 0.2
done
echo

echo -n "== waiting for pricing"
export FHUB_PRICING_ADDR=127.0.0.1:7003
for _ in $(seq 1 150); do
  if "$fhub" --token "$sefton" price-books list >/dev/null 2>&1; then break; fi
  if ! kill -0 "$(cat "$state/pricing.pid")" 2>/dev/null; then
    echo; tail -n 20 "$state/logs/pricing.log" >&2
    echo "fhub-pricing stopped; see $state/logs/pricing.log" >&2
    exit 1
  fi
  echo -n .; sleep 0.2
done
echo

echo -n "== waiting for referrals"
for _ in $(seq 1 150); do
  if "$fhub" --token "$sefton" referrals list >/dev/null 2>&1; then break; fi
  if ! kill -0 "$(cat "$state/referrals.pid")" 2>/dev/null; then
    echo; tail -n 20 "$state/logs/referrals.log" >&2
    echo "fhub-referrals stopped; see $state/logs/referrals.log" >&2
    exit 1
  fi
  echo -n .; sleep 0.2
done
echo

echo "== loading the demo"
FHUB_TOKEN_HUB="$hub_admin" FHUB_TOKEN_LEAD="$tameside" FHUB=$fhub \
  "$root/deploy/local/demo/load.sh"
FHUB_TOKEN_LEAD="$tameside" FHUB=$fhub "$root/deploy/local/demo/registry.sh"
FHUB=$fhub "$root/deploy/local/demo/pricing.sh"
FHUB=$fhub "$root/deploy/local/demo/referrals.sh"

cat <<MSG

Framework Hub is running.
  frameworks  127.0.0.1:7001   log $state/logs/frameworks.log
  registry    127.0.0.1:7002   log $state/logs/registry.log
  pricing     127.0.0.1:7003   log $state/logs/pricing.log
  referrals   127.0.0.1:7004   log $state/logs/referrals.log
  PostgreSQL  psql -h $state/pg -U fhub_admin fhub

Call it as Tameside's contract manager (lead authority, LEAD_ADMIN):

  export FHUB_ADDR=127.0.0.1:7001
  export FHUB_TOKEN=$tameside
  $fhub frameworks list
  $fhub frameworks get frameworks/nw-16plus
  $fhub members list frameworks/nw-16plus

or as Sefton's commissioner (a member, COMMISSIONER): FHUB_TOKEN=$sefton

The registry (FHUB_REGISTRY_ADDR=127.0.0.1:7002), as Sefton: which admitted
providers have a vacancy within 20 miles of Southport?

  FHUB_TOKEN=$sefton $fhub eligible frameworks/nw-16plus --lot lot-1 \\
    --authority authorities/sefton --lat 53.6475 --lng -3.0053 --miles 20
  FHUB_TOKEN=$sefton $fhub accreditations list --framework frameworks/nw-16plus
  FHUB_TOKEN=$tameside $fhub applications list --framework frameworks/nw-16plus

Pricing (FHUB_PRICING_ADDR=127.0.0.1:7003), as Sefton: a week at Bootle House
with 7.5 hours of support, the cost of six months across the uplift, and
where Sefton's rates stand in the region:

  FHUB_TOKEN=$sefton $fhub price-books list
  FHUB_TOKEN=$sefton $fhub quote --authority authorities/sefton \\
    --provider providers/bootle-house --framework frameworks/nw-16plus \\
    --lot lot-1 --date $(date -u +%F) --support_minutes 450
  FHUB_TOKEN=$sefton $fhub quote-range --authority authorities/sefton \\
    --provider providers/bootle-house --framework frameworks/nw-16plus \\
    --lot lot-1 --from $(date -u +%F) --to $(date -u -d '+6 months' +%F) --support_minutes 450
  FHUB_TOKEN=$sefton $fhub benchmark frameworks/nw-16plus --lot lot-1

Referrals (FHUB_REFERRALS_ADDR=127.0.0.1:7004), as Sefton: the demo's
referral, its ranked offers, the placement it became and its cost over the
next three months (hours drop from 10 to 6 a week after two), and the
consortium's figures as Tameside:

  FHUB_TOKEN=$sefton $fhub referrals list
  FHUB_TOKEN=$sefton $fhub referrals rank authorities/sefton/referrals/1 --table
  FHUB_TOKEN=$sefton $fhub placements list
  FHUB_TOKEN=$sefton $fhub placements cost authorities/sefton/placements/1 \\
    --from $(date -u -d '+14 days' +%F) --to $(date -u -d "$(date -u -d '+14 days' +%F) +3 months -1 day" +%F)
  FHUB_TOKEN=$tameside $fhub figures --framework frameworks/nw-16plus \\
    --from $(date -u +%F) --to $(date -u -d '+1 month' +%F)

Other tokens: FHUB_TOKEN_KEY_FILE=$state/token.key $fhub token --org authorities/wirral --roles STRATEGIC_LEAD
All commands: $fhub help.   Stop: deploy/local/down.sh
MSG
