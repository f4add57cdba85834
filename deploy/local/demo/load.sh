#!/usr/bin/env bash
# The demo: the North West 16+ framework, led by Tameside, used by Sefton,
# Wirral, Halton, Knowsley and Liverpool (and Tameside itself), three lots.
# Every write carries a fixed request_id, so loading twice changes nothing.
# Needs FHUB (the client), FHUB_ADDR, FHUB_TOKEN_HUB (HUB_ADMIN) and
# FHUB_TOKEN_LEAD (Tameside LEAD_ADMIN).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

authority() {
  "$FHUB" --token "$FHUB_TOKEN_HUB" --request_id "demo-authority-$1" \
    authorities create "$1" --display_name "$2" --kind LOCAL_AUTHORITY >/dev/null
}
authority tameside "Tameside Metropolitan Borough Council"
authority sefton "Sefton Metropolitan Borough Council"
authority wirral "Wirral Metropolitan Borough Council"
authority halton "Halton Borough Council"
authority knowsley "Knowsley Metropolitan Borough Council"
authority liverpool "Liverpool City Council"

lead=(--token "$FHUB_TOKEN_LEAD")
"$FHUB" "${lead[@]}" frameworks create --from_json "$here/nw-16plus.json" >/dev/null

member() {
  "$FHUB" "${lead[@]}" --request_id "demo-member-$1" members add \
    frameworks/nw-16plus "authorities/$1" --lead_name "$2" \
    --lead_email "$3" --lead_title "Director of Children's Services" \
    --joined 2025-04-01 >/dev/null
}
member tameside "Strategic Lead, Tameside" "childrens.services@tameside.example"
member sefton "Strategic Lead, Sefton" "childrens.services@sefton.example"
member wirral "Strategic Lead, Wirral" "childrens.services@wirral.example"
member halton "Strategic Lead, Halton" "childrens.services@halton.example"
member knowsley "Strategic Lead, Knowsley" "childrens.services@knowsley.example"
member liverpool "Strategic Lead, Liverpool" "childrens.services@liverpool.example"

"$FHUB" "${lead[@]}" --request_id demo-activate-nw-16plus \
  frameworks activate frameworks/nw-16plus >/dev/null
echo "demo loaded: frameworks/nw-16plus with 6 members and 3 lots"
