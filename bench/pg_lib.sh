# What bench/pg_accounts.sh and bench/pg_web_signed.sh share: sourced from
# the project's root with BENCH set to the bench's name (for its messages
# and its temporary folder). Gives BIN (R1540_BIN or ./r1540), SECS
# (BENCH_PG_SECS, 10: runs of five seconds gave one page ratios from 0.4 to
# 1.5 with the same binary), PW (the users' password), T (a temporary folder,
# removed on exit with the servers and the cluster), a throwaway PostgreSQL
# cluster (tests/pg_cluster.sh: PG_URL, pg_psql, ...) and serve, run and
# per_request below.
BIN=${R1540_BIN:-$PWD/r1540}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
SECS=${BENCH_PG_SECS:-10}
PW='correct horse battery staple'
export R1540_DATA=$PWD/data R1540_WEB=$PWD/web
for t in wrk curl sqlite3; do
    command -v "$t" >/dev/null 2>&1 || { echo "$BENCH bench: '$t' is missing (make deps)"; exit 1; }
done
. tests/pg_cluster.sh
T=$(mktemp -d "${TMPDIR:-/tmp}/r1540-$BENCH.XXXXXX")
cleanup() {
    # the servers are started in $(bench ...) subshells: their pids are in a file
    for p in $(cat "$T/pids" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
    pg_cluster_stop
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
pg_cluster_start >"$T/pg.log" 2>&1 || { cat "$T/pg.log"; exit 1; }

# serve DB NAME: starts a server on DB, its base URL in $B
serve() {
    log=$T/serve.$2.log
    "$BIN" --db "$1" serve --listen 127.0.0.1:0 --notify-interval 0 --per-address 0 >"$log" 2>&1 &
    echo $! >>"$T/pids"
    i=0
    B=
    while [ $i -lt 100 ] && [ -z "$B" ]; do
        sleep 0.1
        port=$(sed -n 's|^r1540 serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$log")
        [ -n "$port" ] && B=http://127.0.0.1:$port
        i=$((i + 1))
    done
    [ -n "$B" ] || { echo "$BENCH bench: no server on $2"; cat "$log"; exit 1; }
}

# run HEADER URL: "RPS P99" from wrk, with the request header HEADER (none
# when it is empty); errors under load are said
run() {
    if [ -n "$1" ]; then
        wrk -t2 -c32 -d"${SECS}s" --latency -H "$1" "$2" >"$T/wrk.out" 2>&1
    else
        wrk -t2 -c32 -d"${SECS}s" --latency "$2" >"$T/wrk.out" 2>&1
    fi
    if grep -q -e 'Non-2xx' -e 'Socket errors' "$T/wrk.out"; then
        echo "$BENCH bench: errors under load at $2:" >&2
        grep -e 'Non-2xx' -e 'Socket errors' "$T/wrk.out" >&2
    fi
    awk '
        /Requests\/sec:/ { rps = $2 }
        $1 == "99%" {
            v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
            p99 = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : v
        }
        END { if (rps == "" || p99 == "") exit 1; printf "%.0f %.2f\n", rps, p99 }
    ' "$T/wrk.out"
}

# per_request HEADER URL: how many statements PostgreSQL runs for one request
# (log_statement = all for the time of one request, counted in the cluster's
# log; r1540's statements are prepared, so each shows as "execute r1540_sN")
per_request() {
    curl -s -o /dev/null -H "$1" "$2"
    pg_psql r1540test -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
    sleep 0.3
    n0=$(wc -l <"$PG_DIR/server.log")
    curl -s -o /dev/null -H "$1" "$2"
    sleep 0.3
    pg_psql r1540test -c "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null
    tail -n +$((n0 + 1)) "$PG_DIR/server.log" | grep -c 'LOG:  execute r1540_s' || true
}
