#!/usr/bin/env bash
# A real TimescaleDB server (PostgreSQL 17, Debian trixie's postgresql-17-timescaledb, Apache licence)
# without Docker: a debootstrap chroot kept outside the repo so later runs reuse it.
# Usage (as root on Debian or Ubuntu): scripts/timescaledb-dev.sh up|down|status|url
set -euo pipefail

ROOT="${TSDB_ROOT:-/var/cache/zonetrace/tsdb-trixie}"
PORT="${TSDB_PORT:-5433}"
PGDATA=/var/lib/postgresql/17/main
CONF=/etc/postgresql/17/main
URL="postgres://postgres@127.0.0.1:${PORT}/zonetrace"

log() { echo "[timescaledb-dev] $*" >&2; }

mirror() {
  # Reuse the machine's own Debian mirror: it is the one that is reachable.
  local m
  m=$( { grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}'
         grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}'; } \
       | grep -E '/debian/?$' | head -n1 || true)
  echo "${m:-http://deb.debian.org/debian}"
}

bootstrap() {
  [ -x "$ROOT/usr/lib/postgresql/17/bin/postgres" ] && return 0
  command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
  log "debootstrap trixie into $ROOT (about a minute)"
  rm -rf "$ROOT.partial"
  mkdir -p "$(dirname "$ROOT")"
  debootstrap --variant=minbase --include=postgresql-17,postgresql-17-timescaledb trixie "$ROOT.partial" "$(mirror)" >"$ROOT.debootstrap.log" 2>&1 \
    || { tail -n 30 "$ROOT.debootstrap.log" >&2; exit 1; }
  mv "$ROOT.partial" "$ROOT"
}

configure() {
  [ -f "$ROOT$CONF/conf.d/zonetrace.conf" ] && return 0
  # No /dev/shm inside the chroot, hence mmap for dynamic shared memory.
  cat >"$ROOT$CONF/conf.d/zonetrace.conf" <<CONFEOF
listen_addresses = '127.0.0.1'
port = $PORT
shared_preload_libraries = 'timescaledb'
unix_socket_directories = '/tmp'
dynamic_shared_memory_type = mmap
timescaledb.telemetry_level = off
max_connections = 200
fsync = on
CONFEOF
  sed -i -E 's/^(host\s+all\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/' "$ROOT$CONF/pg_hba.conf"
}

running() { chroot "$ROOT" su postgres -s /bin/sh -c "/usr/lib/postgresql/17/bin/pg_ctl -D $PGDATA status" >/dev/null 2>&1; }

psql_chroot() { chroot "$ROOT" su postgres -s /bin/sh -c "psql -h /tmp -p $PORT -v ON_ERROR_STOP=1 -qAt $*"; }

up() {
  bootstrap
  configure
  mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
  if ! running; then
    rm -f "$ROOT$PGDATA/postmaster.pid"
    chroot "$ROOT" su postgres -s /bin/sh -c \
      "/usr/lib/postgresql/17/bin/pg_ctl -D $PGDATA -o '-c config_file=$CONF/postgresql.conf' -l /tmp/pg.log -w -t 60 start" >/dev/null
  fi
  psql_chroot "-d postgres -c \"select 1\"" >/dev/null
  if [ "$(psql_chroot "-d postgres -c \"select 1 from pg_database where datname='zonetrace'\"")" != 1 ]; then
    psql_chroot "-d postgres -c \"create database zonetrace\""
  fi
  log "up: $URL (licence $(psql_chroot "-d zonetrace -c \"show timescaledb.license\"" 2>/dev/null || echo '?'))"
  echo "$URL"
}

stop_test_clusters() {
  # Private clusters of tests/helpers/tsdb-instance.ts that an interrupted test run left behind.
  local d
  for d in "$ROOT"/tmp/zt-tsdb-*/; do
    [ -f "$d/postmaster.pid" ] || continue
    chroot "$ROOT" su postgres -s /bin/sh -c \
      "/usr/lib/postgresql/17/bin/pg_ctl -D /tmp/$(basename "$d") -m immediate -w stop" >/dev/null 2>&1 || true
  done
}

down() {
  [ -d "$ROOT" ] || return 0
  stop_test_clusters
  running && chroot "$ROOT" su postgres -s /bin/sh -c "/usr/lib/postgresql/17/bin/pg_ctl -D $PGDATA -m fast -w stop" >/dev/null || true
  mountpoint -q "$ROOT/proc" && umount "$ROOT/proc" || true
  log "down"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) if [ -d "$ROOT" ] && running; then echo "running $URL"; else echo "stopped"; exit 1; fi ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 up|down|status|url" >&2; exit 2 ;;
esac
