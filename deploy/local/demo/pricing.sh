#!/usr/bin/env bash
# The pricing demo, after registry.sh: Sefton, Wirral and Halton each agree
# their own prices with the admitted providers (general books on the NW 16+
# framework from 1 April 2026), the providers accept them, and Sefton
# proposes a 2.5% uplift from next 1 April. Fixed request_ids: a second run
# changes nothing. Needs FHUB, FHUB_PRICING_ADDR and FHUB_TOKEN_KEY_FILE (to
# mint the commissioners' and providers' tokens).
set -euo pipefail

token() { "$FHUB" token --org "$1" --roles "$2" --sub "$3" --ttl_hours 1; }
name_of() { sed -n 's/^ *"name": "\(priceBooks\/[0-9]*\)".*/\1/p' | head -n 1; }

# book AUTHORITY PROVIDER ACCOMMODATION_WEEKLY SUPPORT_HOURLY WAKING SLEEP_IN
book() {
  local authority=$1 provider=$2
  local buyer; buyer=$(token "authorities/$authority" COMMISSIONER "$authority-commissioning")
  local seller; seller=$(token "providers/$provider" PROVIDER_USER "$provider-manager")
  local name
  name=$("$FHUB" --token "$buyer" --request_id "demo-book-$authority-$provider" \
    price-books create --authority "authorities/$authority" \
    --provider "providers/$provider" --framework frameworks/nw-16plus \
    --from 2026-04-01 --accommodation_weekly_pence "$3" \
    --support_hourly_pence "$4" --waking_night_hourly_pence "$5" \
    --sleep_in_nightly_pence "$6" \
    --extras "Bills allowance=2500:WEEKLY,Setting-up home grant=15000:ONE_OFF" \
    | name_of)
  "$FHUB" --token "$seller" --request_id "demo-accept-$authority-$provider" \
    price-books accept "$name" >/dev/null
}
book sefton bootle-house 85000 1850 1400 9000
book sefton mersey-living 88000 1900 1450 9500
book wirral mersey-living 90000 1950 1500 9500
book wirral pennine-support 82000 1800 1400 8500
book halton pennine-support 80000 1750 1350 8500
book halton bootle-house 86000 1850 1400 9000

sefton=$(token authorities/sefton COMMISSIONER sefton-commissioning)
year=$(date -u +%Y)
if [[ $(date -u +%m) > 03 ]]; then year=$((year + 1)); fi
"$FHUB" --token "$sefton" --request_id "demo-uplift-sefton-$year" \
  uplift authorities/sefton --basis_points 250 --rounding NEAREST_PENNY \
  --from "$year-04-01" >/dev/null
"$FHUB" --token "$sefton" --request_id demo-policy-sefton \
  pricing-policy set authorities/sefton --spot_prices refuse >/dev/null
echo "pricing demo loaded: 6 price books of Sefton, Wirral and Halton, accepted; Sefton's uplift of 2.5% from $year-04-01"
