#!/usr/bin/env bash
# The console's browser tests against a real hub: builds the console (a
# no-op when nothing changed), starts a fresh hub (a private PostgreSQL, the
# four services and fhub-gateway serving web/dist, with the demo loaded) in a
# temporary state folder on free ports, runs the Playwright tests in Debian's
# Chromium (one worker), then stops that hub and removes its folder.
#
#   web/tests/run-browser-tests.sh [playwright arguments, e.g. -g ballot]
#
# Exits non-zero when a test fails. Screenshots go to
# ${FHUB_BUILD_DIR:-<repo>/build}/web-screenshots, Playwright's output, the axe
# results (axe.jsonl) and, on failure, the hub's logs to .../web-test-results.
# FHUB_WEB_TEST_PORT_BASE (17100) is the first port base tried. Never builds
# the hub itself: its binaries must already be in the build folder.
set -euo pipefail

web=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$web/.." && pwd)
mkdir -p "${FHUB_BUILD_DIR:-$root/build}"
FHUB_BUILD_DIR=$(cd "${FHUB_BUILD_DIR:-$root/build}" && pwd)
export FHUB_BUILD_DIR
build=$FHUB_BUILD_DIR
results="$build/web-test-results"
shots="$build/web-screenshots"
started=$(date +%s)

for binary in services/frameworks/fhub-frameworks services/registry/fhub-registry \
  services/pricing/fhub-pricing services/referrals/fhub-referrals \
  services/gateway/fhub-gateway tools/fhub/fhub; do
  if [[ ! -x "$build/$binary" ]]; then
    echo "run-browser-tests: $build/$binary is missing; build the hub first (deploy/local/build.sh)" >&2
    exit 2
  fi
done

chromium=${FHUB_CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$chromium" ]]; then
  echo "== installing Debian's Chromium (apt)"
  as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

"$web/build.sh"

# A port base whose five ports (gateway and four services) are all free.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
base=${FHUB_WEB_TEST_PORT_BASE:-17100}
for _ in $(seq 1 30); do
  busy=0
  for offset in 0 1 2 3 4; do
    if port_busy $((base + offset)); then busy=1; break; fi
  done
  [[ $busy == 0 ]] && break
  base=$((base + 10))
done

state=$(mktemp -d /tmp/fhub-web-test.XXXXXX)
chmod 711 "$state"   # PostgreSQL runs as its own user below it
cleanup() {
  local status=$?
  # Ask every process of this hub (by the ids up.sh recorded) to stop at once,
  # so they wind down together; down.sh then waits for them and stops
  # PostgreSQL.
  local pidfile
  for pidfile in "$state"/*.pid; do
    [[ -f "$pidfile" ]] && kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
  done
  FHUB_STATE_DIR="$state" "$root/deploy/local/down.sh" >/dev/null 2>&1 || true
  [[ -d "$state/idp" ]] && "$root/tests/support/oidc/glewlwyd.sh" stop "$state/idp" >/dev/null 2>&1 || true
  if [[ $status != 0 && -d "$state/logs" ]]; then
    mkdir -p "$results/hub-logs" && cp "$state"/logs/*.log "$state/up.log" "$results/hub-logs/" 2>/dev/null || true
  fi
  rm -rf "$state"
}
trap cleanup EXIT

rm -rf "$results" "$shots"
mkdir -p "$results" "$shots"

# Sefton's and Wirral's own identity providers (Debian's glewlwyd), which
# the hub trusts each for its council (tests/oidc.spec.ts).
oidc="$root/tests/support/oidc/glewlwyd.sh"
idp_port=$((base + 9))
for _ in $(seq 1 20); do port_busy $idp_port || break; idp_port=$((idp_port + 1)); done
echo "== starting the identity providers on 127.0.0.1:$idp_port"
FHUB_OIDC_REDIRECT_URI="http://127.0.0.1:$base/auth/callback" \
  "$oidc" start "$state/idp" "$idp_port" >"$state/idp.json"
trust() {  # council display-name
  cat <<JSON
    {"id": "$1", "issuer": "http://127.0.0.1:$idp_port/api/oidc-$1",
     "audience": "https://fhub", "organisation": "authorities/$1",
     "roles": {"fhub-commissioner": "COMMISSIONER", "fhub-lead-admin": "LEAD_ADMIN"},
     "console": {"display_name": "$2", "client_id": "fhub", "resource": "https://fhub"}}
JSON
}
printf '{"issuers": [\n%s,\n%s\n]}\n' "$(trust sefton 'Sefton Council')" \
  "$(trust wirral 'Wirral Council')" >"$state/trust.json"
export FHUB_TRUST_FILE="$state/trust.json" FHUB_PUBLIC_URL="http://127.0.0.1:$base"

echo "== starting a hub on 127.0.0.1:$base (state $state)"
if ! FHUB_SKIP_BUILD=1 FHUB_PG_FAST=1 FHUB_STATE_DIR="$state" FHUB_PORT_BASE=$base \
  "$root/deploy/local/up.sh" >"$state/up.log" 2>&1; then
  tail -n 40 "$state/up.log" >&2
  echo "run-browser-tests: the hub did not start" >&2
  exit 1
fi
echo "== hub up after $(($(date +%s) - started)) s; running the browser tests"

cd "$web"
status=0
FHUB_CONSOLE_URL="http://127.0.0.1:$base/" FHUB_SCREENSHOTS="$shots" FHUB_OIDC_DIR="$state/idp" \
  node_modules/.bin/playwright test "$@" || status=$?

if [[ -f "$results/axe.jsonl" ]]; then
  node -e '
    const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
    const count = (impact) => lines.reduce((n, l) => n + l.violations.filter((v) => v.impact === impact).length, 0);
    console.log(`== axe: ${lines.length} pages checked; violations: ${count("critical")} critical, ${count("serious")} serious, ${count("moderate")} moderate, ${count("minor")} minor`);
    for (const l of lines) if (l.violations.length) console.log(`   ${l.page}: ${l.violations.map((v) => `${v.impact} ${v.id}`).join(", ")}`);
  ' "$results/axe.jsonl"
fi
echo "== screenshots in $shots ($(find "$shots" -name '*.png' | wc -l) pages)"
echo "== tests done after $(($(date +%s) - started)) s; stopping the hub"
exit $status
