#!/usr/bin/env bash
# Configures (once) and builds the hub with CMake and Ninja into build/.
#   build.sh [ninja targets...]   no targets: everything, tests included
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build="${FHUB_BUILD_DIR:-$root/build}"
if [[ ! -f "$build/build.ninja" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DFHUB_BUILD_CLIENT=ON -DFHUB_BUILD_TESTS=ON >/dev/null
fi
# Two jobs: the build shares two cores and gRPC headers are heavy on memory.
ninja -C "$build" -j "${FHUB_BUILD_JOBS:-2}" "$@"
