#!/usr/bin/env bash
# A real OpenID Connect provider for end-to-end tests: Debian 12's glewlwyd
# (2.7.5), run as a plain process with its own config file and SQLite
# database, standing in for two councils' identity providers (one issuer and
# one signing key each, like two Entra ID tenants). See README.md beside this.
#
#   glewlwyd.sh install                      apt-get what is missing (idempotent)
#   glewlwyd.sh start DIR PORT               a fresh provider on 127.0.0.1:PORT, configured
#                                            through its admin API; prints a JSON summary
#   glewlwyd.sh token [--id|--both|--json] ISSUER USER PASSWORD [AUDIENCE]
#                                            authorization code + PKCE (S256) with curl;
#                                            prints the access token (--id the ID token,
#                                            --both both, one a line, --json the response)
#                     AUDIENCE  none:        scope openid; access-token aud "openid",
#                                            ID token aud = the client id ("fhub")
#                               a URI:       (https://fhub) resource indicator: access-token
#                                            aud = that URI, ID token as above
#                               a name:      (fhub) scope fhub alone, plain OAuth2:
#                                            access-token aud "fhub", and NO ID token
#   glewlwyd.sh rotate DIR ISSUER            a new signing key (new kid) for that issuer
#   glewlwyd.sh ttl DIR ISSUER SECONDS       that issuer's token lifetime from now on
#   glewlwyd.sh stop DIR
#   glewlwyd.sh decode JWT                   header and payload as JSON
#   glewlwyd.sh verify ISSUER JWT            signature against the issuer's JWKS, exp, nbf
#
# ISSUER: an issuer URL (http://127.0.0.1:PORT/api/oidc-sefton), or a council
# name (sefton, wirral) for rotate, and for token/verify when FHUB_OIDC_DIR=DIR.
#
# Settings, from the environment when start runs (token and rotate then read
# them from DIR/settings.json when given DIR or FHUB_OIDC_DIR):
#   FHUB_OIDC_CLIENT_ID        the public client's id, default "fhub"; also the ID
#                              token's "aud" (as with Entra ID and any OIDC provider)
#   FHUB_OIDC_REDIRECT_URI     the client's redirect URIs, space-separated (token uses
#                              the first), default http://127.0.0.1:7000/auth/callback
#   FHUB_OIDC_TOKEN_TTL        access and ID token lifetime, seconds, default 3600
#   FHUB_OIDC_RESOURCES        resource indicators allowed as access-token "aud",
#                              https:// or http://localhost... URIs, space-separated,
#                              default "https://fhub http://localhost/fhub"
#   FHUB_OIDC_AUDIENCE_SCOPES  scopes that serve as a bare access-token "aud", default "fhub"
#   FHUB_OIDC_KEEP_KEYS        keys an issuer publishes after a rotation, default 2
#   FHUB_OIDC_RANDOM_SUB=1     glewlwyd's random "sub" instead of the username
#   FHUB_OIDC_POST_LOGOUT_REDIRECT_URI  the client's post-logout redirect URIs, space-
#                              separated, default the redirect URIs' origins + "/"
#   FHUB_OIDC_LOG_LEVEL        glewlwyd's log level (DIR/glewlwyd.log), default INFO
#   FHUB_OIDC_TLS_CERT, FHUB_OIDC_TLS_KEY  PEM files: serve HTTPS instead of HTTP
#                              (issuers https://127.0.0.1:PORT/...; this script's
#                              curl and Python calls then trust FHUB_OIDC_TLS_CERT)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
COUNCILS=(sefton wirral knowsley)
# Debian's python3 starts in 0.05 s; a pyenv shim on PATH can take 0.5 s.
PY="$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || command -v python3 || echo python3)"

die() { echo "glewlwyd.sh: $*" >&2; exit 1; }
CURL_TLS=()
[ -z "${FHUB_OIDC_TLS_CERT:-}" ] || CURL_TLS=(--cacert "$FHUB_OIDC_TLS_CERT")
need() { command -v "$1" >/dev/null 2>&1; }

# ---------------------------------------------------------------- install
cmd_install() {
  # Only what is missing (apt-get install of an installed package may upgrade it).
  local pkg missing=()
  for pkg in glewlwyd sqlite3 curl jq openssl rnbyc python3; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || die "need root to apt-get install: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Left to its defaults, the package's postinst asks dbconfig for a database
    # and, non-interactively, fails running psql against a PostgreSQL that is
    # not there. "No configuration" makes it copy a sample config and stop;
    # dbconfig-no-thanks keeps apt from choosing dbconfig-mysql (and MariaDB's
    # client libraries) for the dbconfig dependency.
    echo 'glewlwyd glewlwyd/config_type select No configuration' | debconf-set-selections
    case " ${missing[*]} " in *" glewlwyd "*) missing+=(dbconfig-no-thanks) ;; esac
    # a package left half-configured by an earlier failed postinst
    if dpkg --audit 2>/dev/null | grep -q .; then dpkg --configure -a >&2 || true; fi
    if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; then
      apt-get update -q >&2
      apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
    fi
  fi
  # Never the system service: start runs glewlwyd itself. (In a container
  # policy-rc.d already keeps the package from starting it.)
  if [ -d /run/systemd/system ] && need systemctl; then
    systemctl disable --now glewlwyd.service >/dev/null 2>&1 || true
  elif [ -x /etc/init.d/glewlwyd ]; then
    /etc/init.d/glewlwyd stop >/dev/null 2>&1 || true
    update-rc.d glewlwyd disable >/dev/null 2>&1 || true
  fi
  echo "glewlwyd $(dpkg-query -W -f='${Version}' glewlwyd) ready: $(command -v glewlwyd)" >&2
}

# ---------------------------------------------------------------- helpers
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

resolve_dir() { (cd "$1" 2>/dev/null && pwd) || die "no such directory: $1"; }

# SETTINGS: CLIENT_ID REDIRECT_URI from DIR/settings.json, else the environment
load_settings() {
  CLIENT_ID="${FHUB_OIDC_CLIENT_ID:-fhub}"
  REDIRECT_URI="${FHUB_OIDC_REDIRECT_URI:-http://127.0.0.1:7000/auth/callback}"
  REDIRECT_URI="${REDIRECT_URI%% *}"
  BASE=""
  local d="${1:-}"
  if [ -n "$d" ] && [ -f "$d/settings.json" ]; then
    read -r BASE CLIENT_ID REDIRECT_URI < <(jq -r '[.base, .client_id, .redirect_uris[0]] | @tsv' "$d/settings.json")
  fi
}

# an issuer URL, from a URL or a council name
issuer_url() {
  case "$1" in
    http://*|https://*) echo "${1%/}" ;;
    *) [ -n "$BASE" ] || die "'$1' is not an issuer URL (set FHUB_OIDC_DIR=DIR to use council names)"
       echo "$BASE/api/oidc-$1" ;;
  esac
}

running_pid() {
  local pid
  [ -f "$1/glewlwyd.pid" ] || return 1
  pid="$(cat "$1/glewlwyd.pid")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "glewlwyd -c $1/glewlwyd.conf" || return 1
  echo "$pid"
}

# ---------------------------------------------------------------- start
cmd_start() {
  [ $# -eq 2 ] || die "usage: start DIR PORT"
  local port="$2" t0 dir pid i council
  t0=$(date +%s%N)
  [[ "$port" =~ ^[0-9]+$ ]] || die "bad port: $port"
  for i in glewlwyd rnbyc jq curl openssl; do need "$i" || die "no $i: run 'glewlwyd.sh install'"; done
  mkdir -p "$1"
  dir="$(resolve_dir "$1")"
  if pid=$(running_pid "$dir"); then die "already running in $dir (pid $pid): stop it first"; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is already in use"; fi
  local scheme=http tls=""
  if [ -n "${FHUB_OIDC_TLS_CERT:-}" ]; then
    [ -f "$FHUB_OIDC_TLS_CERT" ] && [ -f "${FHUB_OIDC_TLS_KEY:-}" ] || die "FHUB_OIDC_TLS_CERT and FHUB_OIDC_TLS_KEY must be PEM files"
    scheme=https
    tls="use_secure_connection=true
secure_connection_pem_file=\"$(cd "$(dirname "$FHUB_OIDC_TLS_CERT")" && pwd)/$(basename "$FHUB_OIDC_TLS_CERT")\"
secure_connection_key_file=\"$(cd "$(dirname "$FHUB_OIDC_TLS_KEY")" && pwd)/$(basename "$FHUB_OIDC_TLS_KEY")\""
  fi
  local base="$scheme://127.0.0.1:$port"

  rm -rf "$dir/keys" "$dir/glewlwyd.db" "$dir/glewlwyd.db-wal" "$dir/glewlwyd.db-shm" \
         "$dir/glewlwyd.log" "$dir/settings.json"
  mkdir -p "$dir/keys"

  # One RSA 2048 signing key per issuer, RS256, with a kid; in parallel.
  for council in "${COUNCILS[@]}"; do
    rnbyc -j -g RSA2048 -k "$council-$(date -u +%Y%m%dT%H%M%S)-$(openssl rand -hex 3)" -a RS256 \
      -o "$dir/keys/$council.jwks" -p /dev/null -n 0 >/dev/null 2>&1 &
  done

  # The login/admin web app, copied with links resolved: glewlwyd's static
  # file server does not follow symbolic links, and in the Debian package
  # webapp/js/* link to other packages' files while webapp/config.json links
  # to /etc/glewlwyd/config-2.7.json, which is a directory: both would be 404.
  if [ ! -f "$dir/webapp/login.html" ]; then
    rm -rf "$dir/webapp"
    cp -rL /usr/share/glewlwyd/webapp "$dir/webapp" 2>/dev/null || true
    rm -rf "$dir/webapp/config.json"
    cp /usr/share/glewlwyd/templates/config.json "$dir/webapp/config.json"
  fi

  # DIR/settings.json from the FHUB_OIDC_* settings, and a fresh database from
  # the package's SQL (all tables; the scopes g_admin, g_profile and openid;
  # the database user and client backends; the user admin/password).
  "$PY" "$HERE/configure.py" initdb "$dir" "$base"

  cat > "$dir/glewlwyd.conf" <<EOF
# Written by tests/support/oidc/glewlwyd.sh start: a test provider, not for production.
port=$port
bind_address="127.0.0.1"
external_url="$base"
login_url="login.html"
static_files_path="$dir/webapp"
api_prefix="api"
allow_origin="*"
log_mode="console"
log_level="${FHUB_OIDC_LOG_LEVEL:-INFO}"
cookie_secure=0
cookie_same_site="empty"
session_expiration=86400
session_key="GLEWLWYD2_SESSION_ID"
admin_session_authentication="cookie"
profile_session_authentication="cookie"
allow_multiple_user_per_session=true
login_api_enabled=true
add_x_frame_option_header_deny=true
admin_scope="g_admin"
profile_scope="g_profile"
user_module_path="/usr/lib/glewlwyd/user"
client_module_path="/usr/lib/glewlwyd/client"
user_auth_scheme_module_path="/usr/lib/glewlwyd/scheme"
plugin_module_path="/usr/lib/glewlwyd/plugin"
hash_algorithm="SHA512"
database = { type = "sqlite3"; path = "$dir/glewlwyd.db"; };
static_files_mime_types = (
  { extension = ".html"; mime_type = "text/html"; compress = 1; },
  { extension = ".css"; mime_type = "text/css"; compress = 1; },
  { extension = ".js"; mime_type = "application/javascript"; compress = 1; },
  { extension = ".json"; mime_type = "application/json"; compress = 1; },
  { extension = ".png"; mime_type = "image/png"; compress = 0; },
  { extension = ".jpg"; mime_type = "image/jpeg"; compress = 0; },
  { extension = ".ico"; mime_type = "image/x-icon"; compress = 0; },
  { extension = ".svg"; mime_type = "image/svg+xml"; compress = 1; },
  { extension = ".ttf"; mime_type = "font/ttf"; compress = 0; },
  { extension = ".woff"; mime_type = "font/woff"; compress = 0; },
  { extension = ".woff2"; mime_type = "font/woff2"; compress = 0; },
  { extension = ".eot"; mime_type = "application/vnd.ms-fontobject"; compress = 0; },
  { extension = ".map"; mime_type = "application/octet-stream"; compress = 0; }
);
# For HTTP, no use_secure_connection key at all: glewlwyd 2.7.5 wants the
# certificate files as soon as the key is there, even set to false.
$tls
EOF

  wait   # the keys
  for council in "${COUNCILS[@]}"; do
    grep -q '"kid"' "$dir/keys/$council.jwks" 2>/dev/null || die "rnbyc made no key for $council"
  done

  ( cd "$dir" && exec glewlwyd -c "$dir/glewlwyd.conf" >>"$dir/glewlwyd.log" 2>&1 </dev/null ) &
  pid=$!
  echo "$pid" > "$dir/glewlwyd.pid"
  for i in $(seq 200); do
    [ "$(curl -s "${CURL_TLS[@]}" -o /dev/null -w '%{http_code}' "$base/config")" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { tail -20 "$dir/glewlwyd.log" >&2; die "glewlwyd exited (log: $dir/glewlwyd.log)"; }
    [ "$i" -lt 200 ] || die "glewlwyd did not answer on $base within 10 s (log: $dir/glewlwyd.log)"
    sleep 0.05
  done

  # Users, client, scopes and the two OIDC plugin instances, through the admin API.
  "$PY" "$HERE/configure.py" setup "$dir" "$pid" "$t0" || { cmd_stop "$dir"; die "configuration failed"; }
}

# ---------------------------------------------------------------- token
cmd_token() {
  local print=access
  case "${1:-}" in
    --id) print=id; shift ;;
    --both) print=both; shift ;;
    --json) print=json; shift ;;
  esac
  [ $# -ge 3 ] && [ $# -le 4 ] || die "usage: token [--id|--both|--json] ISSUER USER PASSWORD [AUDIENCE]"
  load_settings "${FHUB_OIDC_DIR:-}"
  local issuer user="$2" password="$3" audience="${4:-}" scope=openid
  issuer="$(issuer_url "$1")"
  local base="${issuer%/api/*}" tmp authz tokenep verifier challenge state nonce code loc http
  case "$audience" in
    "") ;;
    *://*) ;;                                # resource indicator (RFC 8707)
    *) scope="$audience"; audience="" ;;     # plain OAuth2 request for that scope
  esac
  tmp="$(mktemp -d)"
  TOKEN_TMP="$tmp"
  trap 'rm -rf "$TOKEN_TMP"' EXIT

  curl -sSf "${CURL_TLS[@]}" -o "$tmp/discovery" "$issuer/.well-known/openid-configuration" \
    || die "no discovery document at $issuer"
  { read -r authz; read -r tokenep; } < <(jq -r '.authorization_endpoint, .token_endpoint' "$tmp/discovery")

  # 1. the user signs in, as login.html does: a session cookie
  jq -nc --arg u "$user" --arg p "$password" '{username: $u, password: $p}' > "$tmp/login.json"
  http=$(curl -sS "${CURL_TLS[@]}" -o /dev/null -w '%{http_code}' -c "$tmp/jar" -H 'Content-Type: application/json' \
    --data-binary @"$tmp/login.json" "$base/api/auth")
  [ "$http" = 200 ] || die "sign-in of $user failed (HTTP $http)"
  # 2. consent for the client, as the grant screen does (given at start for the
  #    seeded users already; the grant replaces the list, so it names them all)
  curl -sS "${CURL_TLS[@]}" -o /dev/null -b "$tmp/jar" -X PUT -H 'Content-Type: application/json' \
    -d "{\"scope\":\"$(jq -r '.scopes_supported | join(" ")' "$tmp/discovery")\"}" \
    "$base/api/auth/grant/$CLIENT_ID/" || true

  # 3. the authorization request with PKCE S256. Without g_continue, /auth
  #    always sends the browser to login.html first, signed in or not, and
  #    login.html's "Continue" comes back to it with &g_continue: this request
  #    is that second visit.
  verifier="$(openssl rand 48 | b64url)"
  challenge="$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | b64url)"
  state="$(openssl rand -hex 12)"; nonce="$(openssl rand -hex 12)"
  local args=(--data-urlencode response_type=code --data-urlencode "client_id=$CLIENT_ID"
              --data-urlencode "redirect_uri=$REDIRECT_URI" --data-urlencode "scope=$scope"
              --data-urlencode "state=$state" --data-urlencode "nonce=$nonce"
              --data-urlencode "code_challenge=$challenge" --data-urlencode code_challenge_method=S256
              --data-urlencode g_continue)
  [ -z "$audience" ] || args+=(--data-urlencode "resource=$audience")
  loc="$(curl -sS "${CURL_TLS[@]}" -G -o /dev/null -w '%{redirect_url}' -b "$tmp/jar" "${args[@]}" "$authz")"
  case "$loc" in
    "$REDIRECT_URI"\?*) ;;
    *) die "authorize did not redirect to $REDIRECT_URI but to: ${loc:-nothing}" ;;
  esac
  code="$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$loc")"
  [ -n "$code" ] || die "no code in the redirect: $loc"
  [ "$(sed -n 's/.*[?&]state=\([^&]*\).*/\1/p' <<<"$loc")" = "$state" ] || die "state mismatch: $loc"

  # 4. code + verifier for tokens; a public client sends its id and no secret
  local targs=(--data-urlencode grant_type=authorization_code --data-urlencode "code=$code"
               --data-urlencode "client_id=$CLIENT_ID" --data-urlencode "redirect_uri=$REDIRECT_URI"
               --data-urlencode "code_verifier=$verifier")
  [ -z "$audience" ] || targs+=(--data-urlencode "resource=$audience")
  http=$(curl -sS "${CURL_TLS[@]}" -o "$tmp/token" -w '%{http_code}' "${targs[@]}" "$tokenep")
  [ "$http" = 200 ] || die "token endpoint: HTTP $http: $(cat "$tmp/token")"
  case "$print" in
    access) jq -r .access_token "$tmp/token" ;;
    id) jq -er .id_token "$tmp/token" || die "no ID token (scope $scope)" ;;
    both) jq -r '.access_token, (.id_token // empty)' "$tmp/token" ;;
    json) cat "$tmp/token"; echo ;;
  esac
}

# ---------------------------------------------------------------- ttl
cmd_ttl() {
  [ $# -eq 3 ] || die "usage: ttl DIR ISSUER SECONDS"
  "$PY" "$HERE/configure.py" ttl "$1" "$2" "$3"
}

# ---------------------------------------------------------------- rotate
cmd_rotate() {
  [ $# -eq 2 ] || die "usage: rotate DIR ISSUER"
  local dir council
  dir="$(resolve_dir "$1")"
  running_pid "$dir" >/dev/null || die "glewlwyd is not running in $dir"
  council="${2%/}"; council="${council##*/oidc-}"
  "$PY" "$HERE/configure.py" rotate "$dir" "$council"
}

# ---------------------------------------------------------------- stop
cmd_stop() {
  [ $# -eq 1 ] || die "usage: stop DIR"
  local dir pid i
  dir="$(cd "$1" 2>/dev/null && pwd)" || { echo "glewlwyd.sh: nothing to stop in $1" >&2; return 0; }
  if pid=$(running_pid "$dir"); then
    kill "$pid"
    for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
    echo "glewlwyd.sh: stopped glewlwyd (pid $pid)" >&2
  else
    echo "glewlwyd.sh: glewlwyd is not running in $dir" >&2
  fi
  rm -f "$dir/glewlwyd.pid"
}

# ---------------------------------------------------------------- decode / verify
cmd_decode() { [ $# -eq 1 ] || die "usage: decode JWT"; "$PY" "$HERE/jwt_tool.py" decode "$1"; }
cmd_verify() {
  [ $# -eq 2 ] || die "usage: verify ISSUER JWT"
  load_settings "${FHUB_OIDC_DIR:-}"
  "$PY" "$HERE/jwt_tool.py" verify "$(issuer_url "$1")/jwks" "$2"
}

main() {
  local cmd="${1:-}"
  shift || true
  case "$cmd" in
    install|start|token|rotate|ttl|stop|decode|verify) "cmd_$cmd" "$@" ;;
    *) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
}
main "$@"
