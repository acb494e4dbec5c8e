# A throwaway PostgreSQL cluster for the tests that run r1540 on PostgreSQL.
# Source it, then call pg_cluster_start: it makes a cluster with initdb in a
# fresh folder (mktemp -d), listening on no TCP port, only on a Unix socket in
# that folder, and starts it with pg_ctl. pg_cluster_stop stops it and removes
# the folder; the caller traps it on EXIT so a failing test stops it too.
#
#   PG_DIR      the folder (data in $PG_DIR/data, the socket in $PG_DIR)
#   PG_URL      the libpq URI of the database "r1540test", socket form
#   pg_createdb NAME [psql options]   creates an empty database NAME
#   pg_psql NAME ARGS...              runs psql on NAME, quietly, failing on error
#   pg_url NAME                       prints the URI of database NAME
#
# PostgreSQL refuses to run as root: as root (a container, CI), the server
# runs as the postgres user Debian's package creates, in a folder it owns.
#
# Debian's postgresql package puts initdb and pg_ctl under
# /usr/lib/postgresql/VERSION/bin, off the PATH: the newest one is used.
pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

pg_cluster_start() {
    PG_BIN=$(pg_bin)
    if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
        echo "pg_cluster: initdb not found (install Debian's postgresql package)" >&2
        return 1
    fi
    PG_DIR=$(mktemp -d /tmp/r1540-pg.XXXXXX)
    PG_AS=
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$PG_DIR" || return 1
        PG_AS="runuser -u postgres --"
    fi
    # C locale: the tests compare orderings with SQLite's byte order; r1540's
    # own columns are COLLATE "C" anyway, this keeps psql's output stable too.
    $PG_AS "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U r1540 --locale=C -E UTF8 \
        >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
    # listen_addresses='': no TCP at all; the socket lives in our own folder
    $PG_AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -s \
        -o "-c listen_addresses='' -k $PG_DIR -c fsync=off -c full_page_writes=off" \
        start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
    export PGHOST="$PG_DIR" PGUSER=r1540
    unset PGPASSWORD PGDATABASE PGPORT
    pg_createdb r1540test || return 1
    PG_URL=$(pg_url r1540test)
}

pg_cluster_stop() {
    [ -n "${PG_DIR:-}" ] || return 0
    $PG_AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -s stop >/dev/null 2>&1
    rm -rf "$PG_DIR"
    PG_DIR=
}

pg_url() { echo "postgresql:///$1?host=$PG_DIR"; }

pg_createdb() { "$PG_BIN/createdb" -h "$PG_DIR" -U r1540 "$1"; }

pg_psql() {
    db=$1; shift
    "$PG_BIN/psql" -h "$PG_DIR" -U r1540 -d "$db" -X -q -v ON_ERROR_STOP=1 -At "$@"
}
