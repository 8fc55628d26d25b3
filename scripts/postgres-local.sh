#!/usr/bin/env bash
# A private PostgreSQL cluster on loopback for tests and migration authoring.
#   scripts/postgres-local.sh start DIR PORT   → prints the postgresql:// URL of database "tandem"
#   scripts/postgres-local.sh stop DIR
# Uses Debian's PostgreSQL server binaries (scripts/ensure-system.sh installs them).
set -euo pipefail
cmd=${1:?usage: postgres-local.sh start DIR PORT | stop DIR}
dir=$(realpath -m "${2:?data directory required}")

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "tandem: PostgreSQL server binaries not found; run 'bash scripts/ensure-system.sh' (installs Debian's postgresql)." >&2
  exit 1
fi

as_owner() {
  # initdb and postgres refuse to run as root.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    port=${3:?port required}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_owner "$bindir/initdb" -D "$dir" -A trust -U tandem --no-sync -E UTF8 >/dev/null
    fi
    if ! as_owner "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null \
        || { echo "tandem: PostgreSQL did not start; see $dir/server.log (is port $port in use?)" >&2; exit 1; }
    fi
    as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U tandem -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='tandem'" | grep -q 1 \
      || as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U tandem tandem
    echo "postgresql://tandem@127.0.0.1:$port/tandem"
    ;;
  stop)
    if [ -f "$dir/PG_VERSION" ]; then as_owner "$bindir/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true; fi
    ;;
  *) echo "usage: postgres-local.sh start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
