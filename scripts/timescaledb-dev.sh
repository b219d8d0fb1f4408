#!/usr/bin/env bash
# A real TimescaleDB server (PostgreSQL 17, Debian trixie's postgresql-17-timescaledb, Apache licence)
# without Docker: a debootstrap chroot kept outside the repo so later runs reuse it.
# Usage (as root on Debian or Ubuntu): scripts/timescaledb-dev.sh up|down|status|url
#        scripts/timescaledb-dev.sh replica up|down|destroy|status|url   (a streaming replica, DATABASE_READ_URL)
set -euo pipefail

ROOT="${TSDB_ROOT:-/var/cache/zonetrace/tsdb-trixie}"
PORT="${TSDB_PORT:-5433}"
PGDATA=/var/lib/postgresql/17/main
CONF=/etc/postgresql/17/main
URL="postgres://postgres@127.0.0.1:${PORT}/zonetrace"
# The replica: a second data directory in the same chroot, its own port, its configuration inside it.
REPLICA_PORT="${TSDB_REPLICA_PORT:-5434}"
REPLICA_DATA=/var/lib/postgresql/17/replica
REPLICA_URL="postgres://postgres@127.0.0.1:${REPLICA_PORT}/zonetrace"
REPLICA_SLOT=zonetrace_replica

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

# Apart from configure(), so a chroot configured before replicas existed gets it too. wal_level (replica)
# and max_wal_senders (10) are already what streaming needs; only pg_hba asked for a password.
allow_replication() {
  local hba="$ROOT$CONF/pg_hba.conf" keep="$ROOT$CONF/conf.d/zonetrace-replication.conf" changed=
  if ! grep -qE '^host\s+replication\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
    if grep -qE '^host\s+replication\s+all\s+127\.0\.0\.1/32' "$hba"; then
      sed -i -E 's/^(host\s+replication\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/' "$hba"
    else
      echo 'host    replication     all             127.0.0.1/32            trust' >>"$hba"
    fi
    changed=1
  fi
  # A replica stopped for long must not keep WAL without bound (a full disk, and slow writes meanwhile): past
  # this its slot is invalidated and `replica up` makes the replica again.
  if [ ! -f "$keep" ]; then
    echo "max_slot_wal_keep_size = '2GB'" >"$keep"
    changed=1
  fi
  # A reload, never a restart: other tests and helpers are using the server.
  if [ -n "$changed" ] && running; then
    chroot "$ROOT" su postgres -s /bin/sh -c "/usr/lib/postgresql/17/bin/pg_ctl -D $PGDATA reload" >/dev/null
  fi
  return 0
}

running() { chroot "$ROOT" su postgres -s /bin/sh -c "/usr/lib/postgresql/17/bin/pg_ctl -D $PGDATA status" >/dev/null 2>&1; }

psql_chroot() { chroot "$ROOT" su postgres -s /bin/sh -c "psql -h /tmp -p $PORT -v ON_ERROR_STOP=1 -qAt $*"; }

up() {
  bootstrap
  configure
  allow_replication
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
  replica_down >/dev/null 2>&1 || true
  running && chroot "$ROOT" su postgres -s /bin/sh -c "/usr/lib/postgresql/17/bin/pg_ctl -D $PGDATA -m fast -w stop" >/dev/null || true
  mountpoint -q "$ROOT/proc" && umount "$ROOT/proc" || true
  log "down"
}

replica_running() {
  [ -f "$ROOT$REPLICA_DATA/PG_VERSION" ] &&
    chroot "$ROOT" su postgres -s /bin/sh -c "/usr/lib/postgresql/17/bin/pg_ctl -D $REPLICA_DATA status" >/dev/null 2>&1
}

replica_up() {
  up >/dev/null
  # A slot invalidated while the replica was stopped (max_slot_wal_keep_size) cannot feed it again: rebuild.
  if [ -f "$ROOT$REPLICA_DATA/standby.signal" ] && ! replica_running &&
    [ "$(psql_chroot "-d postgres -c \"select count(*) from pg_replication_slots where slot_name = '$REPLICA_SLOT' and wal_status <> 'lost'\"")" = 0 ]; then
    log "replica: its slot is gone or lost, making it again"
    rm -rf "${ROOT:?}$REPLICA_DATA"
  fi
  if [ ! -f "$ROOT$REPLICA_DATA/standby.signal" ]; then
    log "replica: pg_basebackup from port $PORT into $REPLICA_DATA"
    # -R writes standby.signal and primary_conninfo; -X stream carries the WAL written during the copy; the
    # slot keeps the primary's WAL until the replica has it, so a replica stopped for a while catches up
    # (`replica destroy` drops it). A checkpoint racing the slot's creation can invalidate it: try again.
    local try
    for try in 1 2 3; do
      rm -rf "${ROOT:?}$REPLICA_DATA"
      drop_replica_slot
      chroot "$ROOT" su postgres -s /bin/sh -c \
        "/usr/lib/postgresql/17/bin/pg_basebackup -h 127.0.0.1 -p $PORT -U postgres -D $REPLICA_DATA -R -X stream -C -S $REPLICA_SLOT -c fast" >&2 &&
        break
      [ "$try" = 3 ] && { log "replica: pg_basebackup failed 3 times"; exit 1; }
      log "replica: pg_basebackup failed, trying again"
      sleep 2
    done
    # Debian keeps the primary's configuration in /etc; the replica's lives in its own data directory.
    # A standby needs max_connections (and worker counts) at least the primary's.
    cat >"$ROOT$REPLICA_DATA/postgresql.conf" <<CONFEOF
listen_addresses = '127.0.0.1'
port = $REPLICA_PORT
hba_file = '$CONF/pg_hba.conf'
ident_file = '$CONF/pg_ident.conf'
shared_preload_libraries = 'timescaledb'
unix_socket_directories = '/tmp'
dynamic_shared_memory_type = mmap
timescaledb.telemetry_level = off
max_connections = 200
hot_standby = on
hot_standby_feedback = on
CONFEOF
    chroot "$ROOT" chown postgres:postgres "$REPLICA_DATA/postgresql.conf"
  fi
  if ! replica_running; then
    rm -f "$ROOT$REPLICA_DATA/postmaster.pid"
    chroot "$ROOT" su postgres -s /bin/sh -c \
      "/usr/lib/postgresql/17/bin/pg_ctl -D $REPLICA_DATA -l /tmp/pg-replica.log -w -t 60 start" >/dev/null
  fi
  local i
  for i in $(seq 1 60); do
    [ "$(chroot "$ROOT" su postgres -s /bin/sh -c "psql -h /tmp -p $REPLICA_PORT -qAt -d zonetrace -c 'select pg_is_in_recovery()'" 2>/dev/null)" = t ] && break
    sleep 1
  done
  # A test run stopped while it held replay paused (tests/replica/) must not leave the replica frozen.
  chroot "$ROOT" su postgres -s /bin/sh -c "psql -h /tmp -p $REPLICA_PORT -qAt -d postgres -c 'select pg_wal_replay_resume()'" >/dev/null
  log "replica up: $REPLICA_URL (streaming from port $PORT)"
  echo "$REPLICA_URL"
}

drop_replica_slot() {
  psql_chroot "-d postgres -c \"select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '$REPLICA_SLOT' and not active\"" >/dev/null
}

replica_destroy() {
  replica_down
  rm -rf "${ROOT:?}$REPLICA_DATA"
  running && drop_replica_slot
  log "replica destroyed (data directory and slot)"
}

replica_down() {
  replica_running && chroot "$ROOT" su postgres -s /bin/sh -c "/usr/lib/postgresql/17/bin/pg_ctl -D $REPLICA_DATA -m fast -w stop" >/dev/null
  log "replica down"
}

replica() {
  case "${1:-}" in
    up) replica_up ;;
    down) replica_down ;;
    destroy) replica_destroy ;;
    status) if [ -d "$ROOT" ] && replica_running; then echo "running $REPLICA_URL"; else echo "stopped"; exit 1; fi ;;
    url) echo "$REPLICA_URL" ;;
    *) echo "usage: $0 replica up|down|destroy|status|url" >&2; exit 2 ;;
  esac
}

case "${1:-}" in
  replica) replica "${2:-}" ;;
  up) up ;;
  down) down ;;
  status) if [ -d "$ROOT" ] && running; then echo "running $URL"; else echo "stopped"; exit 1; fi ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 up|down|status|url|replica up|down|status|url" >&2; exit 2 ;;
esac
