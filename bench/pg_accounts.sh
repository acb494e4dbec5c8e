#!/bin/sh
# Signed-in requests on PostgreSQL against the same on SQLite (issue 14: signed-in
# uncached answers on PostgreSQL at least 0.7x SQLite's). Every signed-in
# request reads its session (and its user) from the store, so this is what the
# accounts area of the PostgreSQL backend costs per request:
#
#   session : GET /api/v1/tokens with a session cookie (the caller's tokens)
#   bearer  : GET /api/v1/users with an API token (Authorization: Bearer)
#
# Each backend gets a fresh database with two users and one token, and its own
# server; PostgreSQL runs in a throwaway cluster (tests/pg_cluster.sh, Unix
# socket). Load: wrk, 2 threads, 32 connections, BENCH_PG_SECS (10) seconds per
# answer, sharing the machine's cores with the server and PostgreSQL.
# Figures: requests per second and p99 latency of each, PostgreSQL/SQLite, and
# how many statements PostgreSQL runs for one request of each (its log).
set -eu
cd "$(dirname "$0")/.."
BENCH=pg_accounts
. bench/pg_lib.sh

# bench DB NAME: sets up DB, serves it, prints "NAME session RPS P99 bearer RPS P99"
# (and, on the prepared PostgreSQL run, the statements per request of each)
bench() {
    "$BIN" --db "$1" init >/dev/null
    echo "$PW" | "$BIN" --db "$1" user add admin --role admin >/dev/null
    echo "$PW" | "$BIN" --db "$1" user add exp --role expert >/dev/null
    tok=$("$BIN" --db "$1" token add admin 2>/dev/null | head -1)
    serve "$1" "$2"
    curl -s -c "$T/jar" -o /dev/null -H 'Content-Type: application/json' \
        -d "{\"name\":\"exp\",\"password\":\"$PW\"}" "$B/api/v1/login"
    cookie=$(awk '$6 == "r1540_session" { print $7 }' "$T/jar")
    [ -n "$cookie" ] || { echo "pg_accounts bench: sign-in failed on $2"; exit 1; }
    for check in "Cookie: r1540_session=$cookie $B/api/v1/tokens" "Authorization: Bearer $tok $B/api/v1/users"; do
        code=$(curl -s -o /dev/null -w '%{http_code}' -H "${check% *}" "${check##* }")
        [ "$code" = 200 ] || { echo "pg_accounts bench: ${check##* } is $code on $2"; exit 1; }
    done
    line="$2 $(run "Cookie: r1540_session=$cookie" "$B/api/v1/tokens") $(run "Authorization: Bearer $tok" "$B/api/v1/users")"
    if [ "$2" = postgres ]; then
        line="$line $(per_request "Cookie: r1540_session=$cookie" "$B/api/v1/tokens")"
        line="$line $(per_request "Authorization: Bearer $tok" "$B/api/v1/users")"
    fi
    echo "$line"
}

sq=$(bench "$T/bench.db" sqlite)
pg=$(bench "$PG_URL" postgres)
# the same without the prepared statements (postgres_stmt.c), on a second database
pg_createdb unprepared
unp=$(export R1540_PG_PREPARE=0; bench "$(pg_url unprepared)" postgres-unprepared)
echo "signed-in API answers, wrk -t2 -c32, $SECS s each: requests/s, p99 ms"
echo "$sq $pg $unp" | awk '{
    printf "  session cookie  sqlite %6d/s p99 %6.2f   postgres %6d/s p99 %6.2f   ratio %.2f   unprepared %6d/s (%.2f)   %d statements/request\n", $2, $3, $7, $8, $7 / $2, $14, $14 / $2, $11
    printf "  bearer token    sqlite %6d/s p99 %6.2f   postgres %6d/s p99 %6.2f   ratio %.2f   unprepared %6d/s (%.2f)   %d statements/request\n", $4, $5, $9, $10, $9 / $4, $16, $16 / $4, $12
}'
