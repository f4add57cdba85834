#!/usr/bin/env bash
# The registry demo, after load.sh: Tameside's quality questionnaire, an
# ad-hoc admission round, three providers with a setting each (Bootle,
# Liverpool, Manchester) and a vacancy, each applying, scored by evaluators
# from Sefton and Wirral and admitted by Tameside. Fixed request_ids: a second
# run changes nothing (a new day opens a new round, which is harmless).
# Needs FHUB, FHUB_ADDR, FHUB_REGISTRY_ADDR, FHUB_TOKEN_LEAD and
# FHUB_TOKEN_KEY_FILE (to mint the providers' and evaluators' tokens).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

token() { "$FHUB" token --org "$1" --roles "$2" --sub "$3" --ttl_hours 1; }
lead=(--token "$FHUB_TOKEN_LEAD")
sefton_evaluator=$(token authorities/sefton EVALUATOR sefton-evaluator)
wirral_evaluator=$(token authorities/wirral EVALUATOR wirral-evaluator)
name_of() { sed -n 's/^ *"name": "\(applications\/[0-9]*\)".*/\1/p' | head -n 1; }

"$FHUB" "${lead[@]}" --request_id demo-questionnaire-nw-16plus \
  questionnaire set frameworks/nw-16plus --file "$here/questionnaire.json" >/dev/null
today=$(date -u +%F)
"$FHUB" "${lead[@]}" --request_id "demo-round-$today" admission open \
  frameworks/nw-16plus --close_time "$(date -u -d '+28 days' +%F)" >/dev/null

# provider ID "LEGAL NAME" COMPANY_NUMBER SETTING "SETTING NAME" LAT LNG POSTCODE TOWN URN
provider() {
  local id=$1 legal=$2 number=$3 setting=$4 setting_name=$5 lat=$6 lng=$7
  local postcode=$8 town=$9 urn=${10}
  local me; me=$(token "providers/$id" PROVIDER_USER "$id-manager")
  local as=(--token "$me")
  cat >"$work/$id.json" <<JSON
{"legalName": "$legal", "kind": "COMPANY", "companyNumber": "$number",
 "contacts": [{"fullName": "Registered Manager", "email": "manager@$id.example"}],
 "address": {"lines": ["1 Office Row"], "town": "$town", "postcode": "$postcode"}}
JSON
  "$FHUB" "${as[@]}" --request_id "demo-provider-$id" \
    providers create "$id" --file "$work/$id.json" >/dev/null
  cat >"$work/$setting.json" <<JSON
{"displayName": "$setting_name",
 "address": {"lines": ["2 Setting Street"], "town": "$town", "postcode": "$postcode"},
 "latitude": $lat, "longitude": $lng,
 "lots": [{"framework": "frameworks/nw-16plus", "lotId": "lot-1"},
          {"framework": "frameworks/nw-16plus", "lotId": "lot-3"}],
 "capacity": 4, "registrationType": "SUPPORTED_ACCOMMODATION", "ofstedUrn": "$urn",
 "latestJudgement": {"judgement": "OUTCOME_1", "date": {"year": 2025, "month": 6, "day": 12}}}
JSON
  "$FHUB" "${as[@]}" --request_id "demo-setting-$setting" \
    settings add "providers/$id" "$setting" --file "$work/$setting.json" >/dev/null
  "$FHUB" "${as[@]}" --request_id "demo-vacancy-$setting" vacancies record \
    "providers/$id/settings/$setting" --places 1 --from 2026-01-05 >/dev/null
  cat >"$work/$id-answers.json" <<JSON
[{"criterionId": "safeguarding", "text": "Designated safeguarding lead on every rota; incidents reported to the placing authority within 24 hours."},
 {"criterionId": "outcomes", "text": "Pathway plans with weekly key-work sessions on budgeting, cooking and tenancy."},
 {"criterionId": "staffing", "text": "Enhanced DBS checks, Level 3 diploma within a year, monthly supervision."}]
JSON
  local application
  application=$("$FHUB" "${as[@]}" --request_id "demo-application-$id" \
    applications create --provider "providers/$id" --framework frameworks/nw-16plus \
    --lots lot-1,lot-3 --file "$work/$id-answers.json" | name_of)
  "$FHUB" "${as[@]}" --request_id "demo-submit-$id" \
    applications submit "$application" >/dev/null
  echo '[{"criterionId": "safeguarding", "score": 4}, {"criterionId": "outcomes", "score": 4}, {"criterionId": "staffing", "score": 3}]' \
    >"$work/scores-a.json"
  echo '[{"criterionId": "safeguarding", "score": 5}, {"criterionId": "outcomes", "score": 3}, {"criterionId": "staffing", "score": 4}]' \
    >"$work/scores-b.json"
  "$FHUB" --token "$sefton_evaluator" --request_id "demo-score-sefton-$id" \
    applications score "$application" --file "$work/scores-a.json" >/dev/null
  "$FHUB" --token "$wirral_evaluator" --request_id "demo-score-wirral-$id" \
    applications score "$application" --file "$work/scores-b.json" >/dev/null
  "$FHUB" "${lead[@]}" --request_id "demo-admit-$id" \
    applications admit "$application" >/dev/null
}
provider bootle-house "Bootle House Ltd" 01234567 strand-road "Strand Road" \
  53.4466 -2.9929 "L20 3NJ" Bootle 2745123
provider mersey-living "Mersey Living Ltd" 07654321 dale-street "Dale Street" \
  53.4084 -2.9916 "L2 2HF" Liverpool 2745124
provider pennine-support "Pennine Support Ltd" 09876543 oxford-road "Oxford Road" \
  53.4808 -2.2426 "M1 5AN" Manchester 2745125
echo "registry demo loaded: 3 providers admitted to lots 1 and 3 of frameworks/nw-16plus"
