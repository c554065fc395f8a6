#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: initdb in a temporary folder,
# start it on a free loopback port, export DATABASE_URL, run the command, stop, clean up.
# Uses Debian's server binaries (kept off PATH in /usr/lib/postgresql/<version>/bin).
# initdb refuses to run as root, so as root the server runs as the postgres user.
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "tests/postgres.sh: no PostgreSQL server found (apt-get install postgresql)" >&2
    exit 1
fi

workdir=$(mktemp -d -t directory-pg.XXXXXX)
chmod 755 "$workdir"
as_owner=()
if [ "$(id -u)" = 0 ]; then
    chown postgres "$workdir"
    as_owner=(runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
    "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$workdir"
}
trap stop EXIT

"${as_owner[@]}" "$pg_bin/initdb" -D "$workdir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$workdir/initdb.log" 2>&1 \
    || { cat "$workdir/initdb.log" >&2; exit 1; }
# Durability settings off: this server lives for one test run.
"${as_owner[@]}" "$pg_bin/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w \
    -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$workdir/server.log" >&2; exit 1; }
"$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qAt -c "select 'PostgreSQL ' || current_setting('server_version') || ' on port $port'"

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/directory"
"$@"
