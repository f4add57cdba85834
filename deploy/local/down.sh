#!/usr/bin/env bash
# Stops what deploy/local/up.sh started: the services, then PostgreSQL.
#   down.sh                  stop everything (data is kept)
#   down.sh --services-only  stop the services only
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
state="${FHUB_STATE_DIR:-/tmp/fhub-dev}"

# Every process is asked to stop at once, so they wind down together (one
# waiting on another's stream would otherwise take its whole grace), then
# each gets up to 15 s before it is killed.
pids=()
for pidfile in "$state"/*.pid; do
  [[ -f "$pidfile" ]] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" && pids+=("$pid"); fi
  rm -f "$pidfile"
done
for pid in "${pids[@]}"; do
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
done
if [[ "${1:-}" != "--services-only" ]]; then
  "$root/deploy/local/pg-cluster.sh" stop "$state/pg"
  echo "stopped; data kept in $state (delete the folder to start afresh)"
fi
