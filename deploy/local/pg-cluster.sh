#!/usr/bin/env bash
# A private PostgreSQL cluster for development and tests.
#
#   pg-cluster.sh start DIR   initdb into DIR if needed, start, create the hub's
#                             database and one role per service; prints the
#                             admin connection string
#   pg-cluster.sh stop DIR    stop it (fast shutdown)
#   pg-cluster.sh dsn DIR     print the admin connection string
#
# The cluster listens on a Unix socket in DIR only (no TCP port to collide
# with), and DIR is readable by its owner alone. initdb refuses to run as root,
# so as root the cluster runs as the unprivileged system user fhubpg, created
# on first use. FHUB_PG_FAST=1 trades durability for speed (tests).
set -euo pipefail

readonly SERVICES=(frameworks registry pricing referrals)
readonly PG_USER=fhubpg
readonly ADMIN=fhub_admin
readonly DATABASE=fhub

die() { echo "pg-cluster: $*" >&2; exit 1; }

pg_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$dir" && -x "$dir/initdb" ]] ||
    die "PostgreSQL server binaries not found; run deploy/local/install-deps.sh"
  echo "$dir"
}

as_owner() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u "$PG_USER" -- "$@"
  else
    "$@"
  fi
}

ensure_owner_user() {
  [[ $EUID -eq 0 ]] || return 0
  id -u "$PG_USER" >/dev/null 2>&1 ||
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
}

admin_dsn() { echo "host=$1 user=$ADMIN dbname=postgres"; }

psql_admin() {
  local dir=$1; shift
  "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -U "$ADMIN" -d postgres "$@"
}

create_hub_database() {
  local dir=$1
  # The registry measures distances with contrib's cube and earthdistance
  # (and indexes with btree_gist), which only a superuser may install. In template1 every database made
  # later has them too (the tests make one per test).
  local db
  for db in template1 postgres; do
    "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -U "$ADMIN" -d "$db" \
      -c "CREATE EXTENSION IF NOT EXISTS cube; CREATE EXTENSION IF NOT EXISTS earthdistance; CREATE EXTENSION IF NOT EXISTS btree_gist"
  done
  if [[ -z $(psql_admin "$dir" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'") ]]; then
    psql_admin "$dir" -c "CREATE DATABASE $DATABASE"
  fi
  local svc
  for svc in "${SERVICES[@]}"; do
    # Each service logs in as its own role and owns only its own schema.
    psql_admin "$dir" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fhub_$svc') THEN
    CREATE ROLE fhub_$svc LOGIN;
  END IF;
END \$\$;
GRANT CONNECT, CREATE ON DATABASE $DATABASE TO fhub_$svc;
SQL
  done
  "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -U "$ADMIN" -d "$DATABASE" \
    -c "CREATE EXTENSION IF NOT EXISTS cube; CREATE EXTENSION IF NOT EXISTS earthdistance; CREATE EXTENSION IF NOT EXISTS btree_gist"
}

start() {
  local dir=$1
  ensure_owner_user
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  (( ${#dir} < 90 )) || die "DIR '$dir' is too long for a Unix socket path"
  [[ $EUID -ne 0 ]] || chown "$PG_USER" "$dir"
  chmod 700 "$dir"
  as_owner test -w "$dir" ||
    die "$PG_USER cannot write '$dir' (a parent folder is closed to it); use a folder under /tmp"
  local bin; bin=$(pg_bin)
  if [[ ! -f "$dir/data/PG_VERSION" ]]; then
    as_owner "$bin/initdb" -D "$dir/data" -U "$ADMIN" --auth=trust \
      --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    {
      echo "listen_addresses = ''"
      echo "unix_socket_directories = '$dir'"
      echo "max_connections = 200"
      echo "shared_buffers = 128MB"
      if [[ "${FHUB_PG_FAST:-0}" == 1 ]]; then
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
      fi
    } | as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
  fi
  if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >/dev/null ||
      { tail -n 20 "$dir/postgres.log" >&2; die "PostgreSQL did not start"; }
  fi
  create_hub_database "$dir"
  admin_dsn "$dir"
}

stop() {
  local dir=$1
  [[ -f "$dir/data/PG_VERSION" ]] || return 0
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
}

case "${1:-}" in
  start) [[ $# -eq 2 ]] || die "usage: $0 start DIR"; start "$2" ;;
  stop) [[ $# -eq 2 ]] || die "usage: $0 stop DIR"; stop "$2" ;;
  dsn) [[ $# -eq 2 ]] || die "usage: $0 dsn DIR"; admin_dsn "$(cd "$2" && pwd)" ;;
  *) die "usage: $0 start|stop|dsn DIR" ;;
esac
