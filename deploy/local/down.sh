#!/usr/bin/env bash
# Stops what deploy/local/up.sh started: the services, then PostgreSQL.
#   down.sh                  stop everything (data is kept)
#   down.sh --services-only  stop the services only
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
state="${FHUB_STATE_DIR:-/tmp/fhub-dev}"

for pidfile in "$state"/*.pid; do
  [[ -f "$pidfile" ]] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
done
if [[ "${1:-}" != "--services-only" ]]; then
  "$root/deploy/local/pg-cluster.sh" stop "$state/pg"
  echo "stopped; data kept in $state (delete the folder to start afresh)"
fi
