#!/usr/bin/env bash
# End-to-end check of the test OpenID provider (glewlwyd.sh): starts it, signs
# users in with the authorization code + PKCE flow, checks the tokens' claims
# and RS256 signatures against each issuer's JWKS (pure Python and openssl),
# rotates a key, and stops it. Prints what it saw and "N passed, N failed".
#
#   tests/support/oidc/selftest.sh [PORT]        (default 4600; needs glewlwyd.sh install)
#   FHUB_OIDC_BROWSER=1 ...                      also signs in through the login page
#                                                in headless Chromium (browser_login.mjs)
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
G="$HERE/glewlwyd.sh"
PY="$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)"
PORT="${1:-4600}"
DIR="$(mktemp -d /tmp/fhub-oidc-selftest.XXXXXX)"
# A redirect URI where nothing listens: the token command never follows the
# redirect, and the browser check answers there itself.
export FHUB_OIDC_REDIRECT_URI="${FHUB_OIDC_REDIRECT_URI:-http://127.0.0.1:$((PORT + 1))/auth/callback}"
passed=0 failed=0

check() {  # check NAME COMMAND...: passes when the command succeeds
  local name="$1"; shift
  if "$@" >/dev/null 2>&1; then passed=$((passed + 1)); echo "  ok   $name"
  else failed=$((failed + 1)); echo "  FAIL $name"; fi
}
timed() {  # timed LABEL COMMAND...: runs it, prints its seconds on stderr
  local label="$1" t0 ms rc; shift
  t0=$(date +%s%N); "$@"; rc=$?
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  printf '  [%s: %d.%03d s]\n' "$label" $((ms / 1000)) $((ms % 1000)) >&2
  return $rc
}
claims() { "$G" decode "$1" | jq -c "${@:2}"; }  # claims JWT [jq options] FILTER
cleanup() { "$G" stop "$DIR" >/dev/null 2>&1; rm -rf "$DIR"; }
trap cleanup EXIT

echo "== install"
timed install "$G" install || exit 1

echo "== start $DIR $PORT"
timed start "$G" start "$DIR" "$PORT" > "$DIR/summary.json" || { cat "$DIR/glewlwyd.log"; exit 1; }
jq -c '{start_seconds, issuers: [.issuers[] | {issuer, signing_kid}], client: .client.client_id}' "$DIR/summary.json"
SEFTON="$(jq -r '.issuers[] | select(.council == "sefton") | .issuer' "$DIR/summary.json")"
WIRRAL="$(jq -r '.issuers[] | select(.council == "wirral") | .issuer' "$DIR/summary.json")"

echo "== discovery"
for iss in "$SEFTON" "$WIRRAL"; do
  curl -sf "$iss/.well-known/openid-configuration" > "$DIR/disc.json"
  jq -c '{issuer, authorization_endpoint, token_endpoint, jwks_uri, end_session_endpoint}' "$DIR/disc.json"
  check "discovery of $iss lists the endpoints" jq -e --arg iss "$iss" \
    '.issuer == $iss and .jwks_uri and .authorization_endpoint and .token_endpoint and .end_session_endpoint
     and (.code_challenge_methods_supported | index("S256"))' "$DIR/disc.json"
done

echo "== sefton-commissioner at sefton"
timed token "$G" token --both "$SEFTON" sefton-commissioner correct-horse-1 > "$DIR/sc" || exit 1
AT="$(sed -n 1p "$DIR/sc")"; IDT="$(sed -n 2p "$DIR/sc")"
echo "  access token header:  $(claims "$AT" .header)"
echo "  access token payload: $(claims "$AT" .payload)"
echo "  ID token header:      $(claims "$IDT" .header)"
echo "  ID token payload:     $(claims "$IDT" '.payload | {iss, sub, aud, exp, iat, roles, preferred_username, name, email, nonce, azp, sid}')"
curl -sf "$SEFTON/jwks" > "$DIR/sefton.jwks"
echo "  sefton JWKS: $(jq -c '[.keys[] | {kid, kty, alg, e, n: (.n[0:16] + "…")}]' "$DIR/sefton.jwks")"
SKID="$(claims "$AT" -r .header.kid)"
check "access token is RS256 with the issuer's kid" test "$(claims "$AT" -r '.header.alg + " " + .header.kid')" = "RS256 $(jq -r '.keys[0].kid' "$DIR/sefton.jwks")"
check "access token: iss, sub, exp > nbf, aud \"openid\", roles \"fhub-commissioner\"" \
  claims "$AT" -e --arg iss "$SEFTON" '.payload | .iss == $iss and .sub == "sefton-commissioner" and .exp > .nbf
    and .aud == "openid" and .roles == "fhub-commissioner"'
check "ID token: aud \"fhub\", roles [\"fhub-commissioner\"], iat, exp" \
  claims "$IDT" -e --arg iss "$SEFTON" '.payload | .iss == $iss and .aud == "fhub" and .roles == ["fhub-commissioner"]
    and .exp > .iat and .sub == "sefton-commissioner"'
echo "  python verify AT: $("$G" verify "$SEFTON" "$AT")"
check "access token signature verifies with the JWKS (Python RSA)" "$G" verify "$SEFTON" "$AT"
check "ID token signature verifies with the JWKS (Python RSA)" "$G" verify "$SEFTON" "$IDT"
# openssl: the JWK as a PEM public key, the signature as raw bytes
"$PY" "$HERE/jwt_tool.py" pem "$DIR/sefton.jwks" "$SKID" > "$DIR/sefton.pem"
printf '%s' "${AT%.*}" > "$DIR/signed"
"$PY" -c 'import base64,sys; s=sys.argv[1]; sys.stdout.buffer.write(base64.urlsafe_b64decode(s + "=" * (-len(s) % 4)))' "${AT##*.}" > "$DIR/sig"
echo "  openssl: $(openssl dgst -sha256 -verify "$DIR/sefton.pem" -signature "$DIR/sig" "$DIR/signed" 2>&1)"
check "access token signature verifies with openssl dgst -verify" openssl dgst -sha256 -verify "$DIR/sefton.pem" -signature "$DIR/sig" "$DIR/signed"
printf 'x' >> "$DIR/signed"
check "a changed token does not verify" bash -c "! openssl dgst -sha256 -verify '$DIR/sefton.pem' -signature '$DIR/sig' '$DIR/signed'"

echo "== sefton-lead at sefton"
LIDT="$("$G" token --id "$SEFTON" sefton-lead correct-horse-2)"
echo "  ID token roles: $(claims "$LIDT" -c .payload.roles)"
check "lead: ID token roles [fhub-lead-admin, fhub-commissioner]" \
  claims "$LIDT" -e '.payload.roles == ["fhub-lead-admin", "fhub-commissioner"]'

echo "== wirral-commissioner at wirral"
"$G" token --both "$WIRRAL" wirral-commissioner correct-horse-3 > "$DIR/wc" || exit 1
WAT="$(sed -n 1p "$DIR/wc")"; WIDT="$(sed -n 2p "$DIR/wc")"
echo "  access token: $(claims "$WAT" '{kid: .header.kid, iss: .payload.iss, sub: .payload.sub, roles: .payload.roles}')"
check "wirral's kid differs from sefton's" test "$(claims "$WAT" -r .header.kid)" != "$SKID"
check "wirral token verifies with wirral's JWKS" "$G" verify "$WIRRAL" "$WAT"
check "wirral token does not verify with sefton's JWKS" bash -c "! '$G' verify '$SEFTON' '$WAT'"
check "wirral ID token: roles [fhub-commissioner]" claims "$WIDT" -e '.payload.roles == ["fhub-commissioner"]'
echo "  sefton-commissioner at wirral: $(claims "$("$G" token --id "$WIRRAL" sefton-commissioner correct-horse-1)" -c '.payload | {iss, sub, roles}')"
check "a sefton user at wirral gets no roles" \
  claims "$("$G" token --id "$WIRRAL" sefton-commissioner correct-horse-1)" -e '.payload.roles == null'
check "a wrong password gets no token" bash -c "! '$G' token '$SEFTON' sefton-commissioner wrong"

echo "== userinfo, refresh, end_session"
"$G" token --json "$SEFTON" sefton-commissioner correct-horse-1 > "$DIR/full.json"
echo "  userinfo: $(curl -sf -H "Authorization: Bearer $(jq -r .access_token "$DIR/full.json")" "$SEFTON/userinfo")"
check "userinfo has the roles array" bash -c "curl -sf -H 'Authorization: Bearer $(jq -r .access_token "$DIR/full.json")' '$SEFTON/userinfo' | jq -e '.roles == [\"fhub-commissioner\"]'"
check "refresh_token grant gives a new access token" bash -c "curl -sf -d grant_type=refresh_token -d client_id=fhub --data-urlencode refresh_token=$(jq -r .refresh_token "$DIR/full.json") '$SEFTON/token' | jq -e .access_token"
POSTLOGOUT="$(jq -r '.client.post_logout_redirect_uris[0]' "$DIR/summary.json")"
LOGOUT="$(curl -s -o /dev/null -w '%{redirect_url}' -G --data-urlencode "id_token_hint=$(jq -r .id_token "$DIR/full.json")" \
  --data-urlencode "post_logout_redirect_uri=$POSTLOGOUT" --data-urlencode state=bye "$SEFTON/end_session")"
echo "  end_session -> ${LOGOUT:0:160}…"
check "end_session sends the browser to login.html's logout prompt, then to $POSTLOGOUT" \
  bash -c "[[ '$LOGOUT' == *'/login.html?'*'prompt=end_session'* && '$LOGOUT' == *post_redirect_to=* ]]"

echo "== access-token audiences"
RAT="$("$G" token "$SEFTON" sefton-commissioner correct-horse-1 https://fhub)"
echo "  resource https://fhub: $(claims "$RAT" -c '.payload | {aud, scope}')"
check "resource indicator https://fhub: aud \"https://fhub\"" claims "$RAT" -e '.payload.aud == "https://fhub"'
"$G" token --json "$SEFTON" sefton-commissioner correct-horse-1 fhub > "$DIR/fhub.json"
echo "  scope fhub: $(claims "$(jq -r .access_token "$DIR/fhub.json")" -c '.payload | {aud, scope, roles}'), id_token: $(jq -c '.id_token // null' "$DIR/fhub.json")"
check "scope fhub alone: aud \"fhub\", no ID token" \
  bash -c "'$G' decode \"\$(jq -r .access_token '$DIR/fhub.json')\" | jq -e '.payload.aud == \"fhub\"' && jq -e '.id_token == null' '$DIR/fhub.json'"

echo "== rotate sefton"
timed rotate "$G" rotate "$DIR" sefton > "$DIR/rot.json" || exit 1
cat "$DIR/rot.json"
NKID="$(jq -r .signing_kid "$DIR/rot.json")"
NAT="$("$G" token "$SEFTON" sefton-commissioner correct-horse-1)"
echo "  new token header: $(claims "$NAT" .header)"
check "the new token carries the new kid" test "$(claims "$NAT" -r .header.kid)" = "$NKID"
check "the new kid differs from the old" test "$NKID" != "$SKID"
check "the JWKS has the new key and still the old one" \
  bash -c "curl -sf '$SEFTON/jwks' | jq -e --arg n '$NKID' --arg o '$SKID' '[.keys[].kid] == [\$n, \$o]'"
check "the new token verifies" "$G" verify "$SEFTON" "$NAT"
check "the token from before the rotation still verifies" "$G" verify "$SEFTON" "$AT"
check "wirral's key did not change" test "$("$G" decode "$("$G" token "$WIRRAL" wirral-commissioner correct-horse-3)" | jq -r .header.kid)" = "$(claims "$WAT" -r .header.kid)"

if [ "${FHUB_OIDC_BROWSER:-0}" = 1 ]; then
  echo "== browser: login.html in headless Chromium"
  if timed browser node "$HERE/browser_login.mjs" "$SEFTON" sefton-lead correct-horse-2 "$DIR" > "$DIR/browser.json"; then
    jq -c '{visited, id_token: (.id_token | {iss, aud, sub, roles}), end_session}' "$DIR/browser.json"
    check "signed in through the login page in Chromium" jq -e '.id_token.roles == ["fhub-lead-admin", "fhub-commissioner"]' "$DIR/browser.json"
    check "signed out through end_session and login.html's Logout button" \
      jq -e --arg to "$POSTLOGOUT" '.end_session.landed | startswith($to)' "$DIR/browser.json"
  else
    check "signed in through the login page in Chromium" false
  fi
fi

echo "== stop"
timed stop "$G" stop "$DIR"
check "the port is closed after stop" bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null"

echo "selftest: $passed passed, $failed failed"
[ "$failed" = 0 ]
