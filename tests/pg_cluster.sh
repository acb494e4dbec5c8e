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
#   pg_cluster_pause / pg_cluster_resume
#                                     stops the server (fast: connections are
#                                     cut) and starts it again on the same data
#   pg_standby_start                  a hot standby made with pg_basebackup -R,
#                                     streaming from the cluster, on a socket
#                                     folder of its own ($PG_SB_DIR)
#   pg_standby_url NAME               the URI of database NAME on the standby
#
# Two settings, read by pg_cluster_start, for a script that walks the
# deployment guide (tests/cli/58_postgres_deploy.sh):
#   PG_SUPERUSER  the cluster's superuser (default r1540; PGUSER is set to it)
#   PG_PORT       also listen on TCP, on 127.0.0.1 and ::1 at this port (the
#                 socket is then .s.PGSQL.PG_PORT, and PGPORT is set). Unset:
#                 no TCP at all, the socket's default name.
#
# initdb's defaults are what streaming replication needs (wal_level replica,
# ten WAL senders, and pg_hba's "local replication all trust" with -A trust):
# the standby connects over the same Unix socket, still no TCP.
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
    PG_SUPERUSER=${PG_SUPERUSER:-r1540}
    $PG_AS "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U "$PG_SUPERUSER" --locale=C -E UTF8 \
        >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
    pg_server_start "$PG_DIR/data" "$PG_DIR" "$PG_DIR/server.log" ${PG_PORT:+"$PG_PORT"} || return 1
    export PGHOST="$PG_DIR" PGUSER="$PG_SUPERUSER"
    unset PGPASSWORD PGDATABASE PGPORT
    [ -z "${PG_PORT:-}" ] || export PGPORT="$PG_PORT"
    pg_createdb r1540test || return 1
    PG_URL=$(pg_url r1540test)
}

# pg_server_start DATA SOCKET-FOLDER LOG [PORT]: a server on DATA listening
# on a Unix socket in SOCKET-FOLDER, and without PORT on nothing else
# (listen_addresses=''); with PORT on the loopback at that port too.
pg_server_start() {
    listen="-c listen_addresses=''"
    [ -z "${4:-}" ] || listen="-c listen_addresses=localhost -p $4"
    $PG_AS "$PG_BIN/pg_ctl" -D "$1" -l "$3" -w -s \
        -o "$listen -k $2 -c fsync=off -c full_page_writes=off" \
        start >/dev/null || { cat "$3" >&2; return 1; }
}

pg_cluster_pause() { $PG_AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -s stop >/dev/null; }

pg_cluster_resume() { pg_server_start "$PG_DIR/data" "$PG_DIR" "$PG_DIR/server.log" ${PG_PORT:+"$PG_PORT"}; }

pg_standby_start() {
    PG_SB_DIR=$PG_DIR/sb
    mkdir -p "$PG_SB_DIR" && chmod 700 "$PG_SB_DIR" || return 1
    [ -z "$PG_AS" ] || chown postgres "$PG_SB_DIR" || return 1
    $PG_AS "$PG_BIN/pg_basebackup" -h "$PG_DIR" -U "$PG_SUPERUSER" -D "$PG_SB_DIR/data" -R -X stream -c fast \
        >"$PG_DIR/basebackup.log" 2>&1 || { cat "$PG_DIR/basebackup.log" >&2; return 1; }
    pg_server_start "$PG_SB_DIR/data" "$PG_SB_DIR" "$PG_SB_DIR/server.log"
}

pg_standby_url() { echo "postgresql:///$1?host=$PG_SB_DIR"; }

pg_cluster_stop() {
    [ -n "${PG_DIR:-}" ] || return 0
    [ -z "${PG_SB_DIR:-}" ] ||
        $PG_AS "$PG_BIN/pg_ctl" -D "$PG_SB_DIR/data" -m immediate -s stop >/dev/null 2>&1
    PG_SB_DIR=
    $PG_AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -s stop >/dev/null 2>&1
    rm -rf "$PG_DIR"
    PG_DIR=
}

pg_url() { echo "postgresql:///$1?host=$PG_DIR${PG_PORT:+&port=$PG_PORT}"; }

pg_createdb() { "$PG_BIN/createdb" -h "$PG_DIR" ${PG_PORT:+-p "$PG_PORT"} -U "$PG_SUPERUSER" "$1"; }

pg_psql() {
    db=$1; shift
    "$PG_BIN/psql" -h "$PG_DIR" ${PG_PORT:+-p "$PG_PORT"} -U "$PG_SUPERUSER" -d "$db" -X -q -v ON_ERROR_STOP=1 -At "$@"
}
