#!/usr/bin/env bash
# Runs the whole hub locally: installs what is missing, builds, starts a
# private PostgreSQL and the services, loads the demo (the North West 16+
# framework) and prints how to call it. Run it again at any time: it restarts
# the services and leaves the data as it is. Stop with deploy/local/down.sh.
#
# State (database, token key, logs) lives in FHUB_STATE_DIR, /tmp/fhub-dev by
# default. Ports: the gateway (HTTP/JSON and the web console) on
# FHUB_PORT_BASE (7000), the frameworks service, registry, pricing and
# referrals on the four after it; their Prometheus metrics (/metrics) on
# the same ports plus 2000 (9000 the gateway's, 9001-9004 the services').
# FHUB_SKIP_BUILD=1 uses what is built.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
state="${FHUB_STATE_DIR:-/tmp/fhub-dev}"
build="${FHUB_BUILD_DIR:-$root/build}"
fhub="$build/tools/fhub/fhub"
# name:port of each service.
base="${FHUB_PORT_BASE:-7000}"
readonly SERVICES=("frameworks:$((base + 1))" "registry:$((base + 2))"
  "pricing:$((base + 3))" "referrals:$((base + 4))")
gateway="127.0.0.1:$base"

if [[ "${FHUB_SKIP_BUILD:-}" != 1 ]]; then
  "$root/deploy/local/install-deps.sh"
  echo "== building (first time: several minutes on 2 cores)"
  "$root/deploy/local/build.sh" fhub fhub-frameworks fhub-registry fhub-pricing \
    fhub-referrals fhub-gateway
  if [[ -x "$root/web/build.sh" ]]; then
    echo "== building the web console"
    "$root/web/build.sh"
  fi
fi

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
export FHUB_FRAMEWORKS_ADDR=127.0.0.1:$((base + 1))
export FHUB_REGISTRY_ADDR=127.0.0.1:$((base + 2))
export FHUB_PRICING_ADDR=127.0.0.1:$((base + 3))
export FHUB_REFERRALS_ADDR=127.0.0.1:$((base + 4))

# Each service signs its audit checkpoints with a key of its own, kept
# across restarts so that checkpoints members hold stay checkable. Webhooks
# may go to a receiver on this machine (a deployment allows only public
# addresses).
mkdir -p "$state/audit-keys"
"$root/deploy/local/down.sh" --services-only
for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  if [[ ! -s "$state/audit-keys/$name.pem" ]]; then
    (umask 077; openssl genpkey -algorithm ed25519 -out "$state/audit-keys/$name.pem")
  fi
  echo "== starting fhub-$name on 127.0.0.1:$port (log: $state/logs/$name.log)"
  FHUB_LISTEN="127.0.0.1:$port" FHUB_METRICS_LISTEN="127.0.0.1:$((port + 2000))" \
    FHUB_AUDIT_KEY_FILE="$state/audit-keys/$name.pem" \
    FHUB_WEBHOOK_ALLOW_PRIVATE_ADDRESSES=1 \
    FHUB_DATABASE_URL="host=$state/pg dbname=fhub user=fhub_$name" \
    setsid nohup "$build/services/$name/fhub-$name" \
    >>"$state/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$state/$name.pid"
done

# Development tokens for the demo's people, each in a file of its own
# (tokens/NAME), valid for 12 hours: FHUB_TOKEN=$(cat tokens/sefton).
tokens="$state/tokens"
mkdir -p "$tokens"
token() { "$fhub" token --org "$1" --roles "$2" --sub "$3" --ttl_hours 12; }
person() {  # file org roles subject
  (umask 077; token "$2" "$3" "$4" >"$tokens/$1")
  cat "$tokens/$1"
}
hub_admin=$(person hub-admin services/hub HUB_ADMIN hub-operator)
tameside=$(person tameside authorities/tameside LEAD_ADMIN tameside-contracts)
sefton=$(person sefton authorities/sefton COMMISSIONER sefton-commissioning)
person wirral authorities/wirral COMMISSIONER wirral-commissioning >/dev/null
person wirral-lead authorities/wirral STRATEGIC_LEAD wirral-strategic-lead >/dev/null
person bootle-house providers/bootle-house PROVIDER_USER bootle-house-manager >/dev/null
person auditor services/hub AUDITOR hub-auditor >/dev/null
export FHUB_ADDR=$FHUB_FRAMEWORKS_ADDR

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

echo "== starting fhub-gateway on $gateway (log: $state/logs/gateway.log)"
mkdir -p "$root/web/dist"  # the console's bundle (web/build.sh) lands here
# Development mode: the console's sign-in lists the demo's people and mints
# their tokens with the local key (loopback only).
FHUB_LISTEN=$gateway FHUB_METRICS_LISTEN="127.0.0.1:$((base + 2000))" FHUB_DEV_MODE=1 FHUB_WEB_ROOT="$root/web/dist" \
  setsid nohup "$build/services/gateway/fhub-gateway" \
  >>"$state/logs/gateway.log" 2>&1 </dev/null &
echo $! >"$state/gateway.pid"
echo -n "== waiting for the gateway"
for _ in $(seq 1 150); do
  if curl -sf "http://$gateway/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$(cat "$state/gateway.pid")" 2>/dev/null; then
    echo; tail -n 20 "$state/logs/gateway.log" >&2
    echo "fhub-gateway stopped; see $state/logs/gateway.log" >&2
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
FHUB=$fhub FHUB_DEMO_NAMES="$state/demo-names" \
  "$root/deploy/local/demo/referrals.sh"
read -r referral placement <"$state/demo-names"

T="\$(cat $tokens"   # shortens the lines below
cat <<MSG

Framework Hub is running.
  web console http://$gateway/   (development sign-in: pick a demo person)
  frameworks  $FHUB_FRAMEWORKS_ADDR   log $state/logs/frameworks.log
  registry    $FHUB_REGISTRY_ADDR   log $state/logs/registry.log
  pricing     $FHUB_PRICING_ADDR   log $state/logs/pricing.log
  referrals   $FHUB_REFERRALS_ADDR   log $state/logs/referrals.log
  gateway     http://$gateway (HTTP/JSON; /openapi.json)  log $state/logs/gateway.log
  metrics     http://127.0.0.1:$((base + 2000))/metrics (gateway), :$((base + 2001))-:$((base + 2004)) (services)
  PostgreSQL  psql -h $state/pg -U fhub_admin fhub
  tokens      $tokens/ (hub-admin, tameside, sefton, wirral, wirral-lead,
              bootle-house, auditor; 12 hours)

Call it as Tameside's contract manager (lead authority, LEAD_ADMIN):

  export FHUB_ADDR=$FHUB_FRAMEWORKS_ADDR FHUB_TOKEN=$T/tameside)
  $fhub frameworks list
  $fhub frameworks get frameworks/nw-16plus
  $fhub members list frameworks/nw-16plus

or as Sefton's commissioner (a member, COMMISSIONER): FHUB_TOKEN=$T/sefton)

The registry (FHUB_REGISTRY_ADDR=$FHUB_REGISTRY_ADDR), as Sefton: which admitted
providers have a vacancy within 20 miles of Southport?

  FHUB_TOKEN=$T/sefton) $fhub eligible frameworks/nw-16plus --lot lot-1 \\
    --authority authorities/sefton --lat 53.6475 --lng -3.0053 --miles 20
  FHUB_TOKEN=$T/sefton) $fhub accreditations list --framework frameworks/nw-16plus
  FHUB_TOKEN=$T/tameside) $fhub applications list --framework frameworks/nw-16plus

Pricing (FHUB_PRICING_ADDR=$FHUB_PRICING_ADDR), as Sefton: a week at Bootle House
with 7.5 hours of support, the cost of six months across the uplift, and
where Sefton's rates stand in the region:

  FHUB_TOKEN=$T/sefton) $fhub price-books list
  FHUB_TOKEN=$T/sefton) $fhub quote --authority authorities/sefton \\
    --provider providers/bootle-house --framework frameworks/nw-16plus \\
    --lot lot-1 --date $(date -u +%F) --support_minutes 450
  FHUB_TOKEN=$T/sefton) $fhub quote-range --authority authorities/sefton \\
    --provider providers/bootle-house --framework frameworks/nw-16plus \\
    --lot lot-1 --from $(date -u +%F) --to $(date -u -d '+6 months' +%F) --support_minutes 450
  FHUB_TOKEN=$T/sefton) $fhub benchmark frameworks/nw-16plus --lot lot-1

Referrals (FHUB_REFERRALS_ADDR=$FHUB_REFERRALS_ADDR), as Sefton: the demo's
referral, its offers as ranked at the award, the placement it became and
its cost over the next three months (hours drop from 10 to 6 a week after
two), and the consortium's figures as Tameside:

  FHUB_TOKEN=$T/sefton) $fhub referrals list
  FHUB_TOKEN=$T/sefton) $fhub referrals rank $referral --table
  FHUB_TOKEN=$T/sefton) $fhub placements list
  FHUB_TOKEN=$T/sefton) $fhub placements cost $placement \\
    --from $(date -u -d '+14 days' +%F) --to $(date -u -d "$(date -u -d '+14 days' +%F) +3 months -1 day" +%F)
  FHUB_TOKEN=$T/tameside) $fhub figures --framework frameworks/nw-16plus \\
    --from $(date -u +%F) --to $(date -u -d '+1 month' +%F)

Over HTTP/JSON through the gateway (any HTTP client; the REST paths are in
http://$gateway/openapi.json), as Sefton:

  curl -s -H "Authorization: Bearer $T/sefton)" \\
    http://$gateway/v1/$referral
  curl -s -H "Authorization: Bearer $T/sefton)" \\
    http://$gateway/v1/$referral/rankedOffers
  curl -s -H "Authorization: Bearer $T/sefton)" \\
    "http://$gateway/v1/$placement/cost?first_day=$(date -u -d '+14 days' +%F)&last_day=$(date -u -d "$(date -u -d '+14 days' +%F) +3 months -1 day" +%F)"
  curl -s -X POST -H "Authorization: Bearer $T/sefton)" \\
    -H "Content-Type: application/json" -d '{"scope": {"authority":
    "authorities/sefton", "provider": "providers/bootle-house", "framework":
    "frameworks/nw-16plus", "lotId": "lot-1"}, "date": {"year": $(date -u +%Y),
    "month": $(date -u +%-m), "day": $(date -u +%-d)}, "package":
    {"supportMinutesPerWeek": "450"}}' http://$gateway/v1/priceBooks:quote
  curl -sN -H "Authorization: Bearer $T/hub-admin)" \\
    http://$gateway/v1/events/registry         # Server-Sent Events

The audit trail: Sefton keeps the referrals service's newest signed
checkpoint (one a minute, when something changed), and the auditor checks
every service's chains, and the log against what Sefton kept:

  FHUB_TOKEN=$T/sefton) $fhub audit checkpoint referrals >held.json
  FHUB_TOKEN=$T/auditor) $fhub audit verify
  FHUB_TOKEN=$T/auditor) $fhub audit verify referrals --held held.json

Other tokens: FHUB_TOKEN_KEY_FILE=$state/token.key $fhub token --org authorities/wirral --roles STRATEGIC_LEAD
All commands: $fhub help.   Stop: deploy/local/down.sh
MSG
