#!/usr/bin/env bash
# The referrals demo, after pricing.sh: Sefton refers a 16-year-old living in
# Bootle to lot 1 of the NW 16+ framework and opens the mini-competition.
# The registry finds Bootle House and Mersey Living within 20 miles (Pennine
# Support, in Manchester, is too far); both offer at their price books, the
# competition closes as everyone has answered, Sefton ranks the offers and
# awards the first, and the placement's support drops from 10 to 6 hours a
# week after two months. request_ids carry today's date: a second run the
# same day changes nothing; a run on another day makes a new referral.
# Needs FHUB, FHUB_REFERRALS_ADDR and FHUB_TOKEN_KEY_FILE; writes the
# referral's and the placement's names to FHUB_DEMO_NAMES if set.
set -euo pipefail

token() { "$FHUB" token --org "$1" --roles "$2" --sub "$3" --ttl_hours 1; }
name_of() { sed -n "s/^ *\"name\": \"\\($1\\/[0-9]*\\)\".*/\\1/p" | head -n 1; }

today=$(date -u +%F)
start=$(date -u -d '+14 days' +%F)
drop=$(date -u -d "$start +2 months" +%F)
sefton=$(token authorities/sefton COMMISSIONER sefton-commissioning)
as_sefton=(--token "$sefton")

referral=$("$FHUB" "${as_sefton[@]}" --request_id "demo-referral-$today" \
  referrals create --framework frameworks/nw-16plus --lot lot-1 \
  --case_reference "SEF-DEMO-$(date -u +%Y%m%d)" --age 16 --needs GOING_MISSING,MENTAL_HEALTH \
  --support_minutes 600 --accommodation_type SHARED_HOUSE \
  --lat 53.4466 --lng -2.9929 --wanted_start "$start" --weights 60/40/0 \
  --summary "Known to the youth offending team." \
  | name_of 'authorities\/sefton\/referrals')
"$FHUB" "${as_sefton[@]}" --request_id "demo-submit-$today" \
  referrals submit "$referral" >/dev/null

# offer PROVIDER SETTING ACCOMMODATION_WEEKLY SUPPORT_HOURLY
offer() {
  local me; me=$(token "providers/$1" PROVIDER_USER "$1-manager")
  "$FHUB" --token "$me" --request_id "demo-offer-$1-$today" offer \
    --invitation "$referral/invitations/$1" --setting "providers/$1/settings/$2" \
    --available "$start" --accommodation_weekly_pence "$3" \
    --support_hourly_pence "$4" --support_minutes 600 \
    --note "A room free from $start." >/dev/null
}
offer bootle-house strand-road 85000 1850
offer mersey-living dale-street 88000 1900

"$FHUB" "${as_sefton[@]}" referrals rank "$referral" --table
placement=$("$FHUB" "${as_sefton[@]}" --request_id "demo-award-$today" \
  referrals award "$referral" --invitation "$referral/invitations/bootle-house" \
  | name_of 'authorities\/sefton\/placements')
"$FHUB" "${as_sefton[@]}" --request_id "demo-hours-$today" \
  placements adjust-hours "$placement" --from "$drop" --support_minutes 360 >/dev/null
echo "referrals demo loaded: $referral awarded to Bootle House as $placement"
if [[ -n "${FHUB_DEMO_NAMES:-}" ]]; then
  echo "$referral $placement" >"$FHUB_DEMO_NAMES"
fi
