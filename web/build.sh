#!/usr/bin/env bash
# Builds the web console into web/dist, which fhub-gateway serves at "/".
#
#   web/build.sh            install the pinned npm packages (npm ci) if the
#                           lock file changed, then build if a source changed
#   web/build.sh --force    build even if nothing changed
#
# node_modules and npm's cache live in the build folder,
# ${FHUB_BUILD_DIR:-<repo>/build}/web (web/node_modules is a link to it), so
# the source tree stays clean and a second run is a no-op in a second or two.
# Needs Node.js 20.19 or later and npm: installed with apt if missing; when
# the machine's Node.js is older (Debian 12's is 18), a Node.js 22 binary is
# taken from the npm registry's node-linux-<arch> package into the build
# folder.
set -euo pipefail

web=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$web/.." && pwd)
out="${FHUB_BUILD_DIR:-$root/build}/web"
force=0
[[ "${1:-}" == "--force" ]] && force=1
mkdir -p "$out"
out=$(cd "$out" && pwd)

as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "== installing Node.js and npm (apt)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq nodejs npm >/dev/null
fi

node_ok() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number);
           process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
}
if ! node_ok; then
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "web/build.sh: Node.js $(node --version) is too old for Vite and no Node.js package is known for $(uname -m)" >&2; exit 1 ;;
  esac
  runtime="$out/node-runtime/node_modules/node-linux-$arch/bin"
  if [[ ! -x "$runtime/node" ]]; then
    echo "== Node.js $(node --version) is older than 20.19: installing node-linux-$arch@22 from the npm registry"
    npm install --prefix "$out/node-runtime" --no-save --no-audit --no-fund \
      --cache "$out/npm-cache" "node-linux-$arch@22.23.5" >/dev/null
  fi
  export PATH="$runtime:$PATH"
fi

# npm ci into the build folder, only when the lock file (or Node.js) changed.
stamp="$out/node_modules/.fhub-installed"
want=$(cat "$web/package-lock.json" <(node --version) | sha256sum | cut -d' ' -f1)
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "== installing the console's npm packages (npm ci) in $out"
  cp "$web/package.json" "$web/package-lock.json" "$out/"
  # Playwright drives Debian's Chromium: it must not download a browser.
  (cd "$out" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --cache "$out/npm-cache" \
    --prefer-offline --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
fi
if [[ -d "$web/node_modules" && ! -L "$web/node_modules" ]]; then
  rm -rf "$web/node_modules"   # a stray local install; the build folder's is used
fi
ln -sfn "$out/node_modules" "$web/node_modules"

# Build only when a source changed since the last build.
sources=$(cd "$web" && find src public index.html vite.config.ts tsconfig.json package-lock.json \
  -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
if [[ $force == 0 && -f "$web/dist/index.html" && -f "$out/dist.stamp" &&
      "$(cat "$out/dist.stamp")" == "$sources" ]]; then
  echo "== web console up to date in $web/dist"
  exit 0
fi
echo "== building the web console into $web/dist"
cd "$web"
node_modules/.bin/tsc --noEmit -p tsconfig.json
# Build beside dist and swap, so the gateway never serves a half-built folder.
rm -rf "$web/.dist-new" "$web/.dist-old"
node_modules/.bin/vite build --logLevel warn --outDir "$web/.dist-new" --emptyOutDir
if [[ -d "$web/dist" ]]; then mv "$web/dist" "$web/.dist-old"; fi
mv "$web/.dist-new" "$web/dist"
rm -rf "$web/.dist-old"
echo "$sources" >"$out/dist.stamp"
echo "== web console built: $(find "$web/dist" -type f | wc -l) files in $web/dist"
