#!/usr/bin/env bash
# Installs, from Debian's packages, whatever the hub needs to build, run and
# test that this machine lacks. Safe to run again: it installs nothing twice.
set -euo pipefail

readonly PACKAGES=(
  cmake ninja-build g++ pkg-config ccache
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libpqxx-dev libjwt-dev librhonabwy-dev libssl-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev
  libcpp-httplib-dev golang-github-grpc-ecosystem-grpc-gateway-dev golang-grpc-gateway
  postgresql postgresql-contrib
  tzdata curl openssl
)

missing=()
for package in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $EUID -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
