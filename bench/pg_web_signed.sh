#!/bin/sh
# Signed-in HTML pages on PostgreSQL against the same on SQLite (issue 14:
# signed-in uncached pages on PostgreSQL at least 0.7x SQLite's). What
# bench/web_signed.sh measures on SQLite alone, here side by side:
#
#   draft     : an expert's largest draft version page (~180 KB)
#   workspace : the expert's workspace, and the Committee's (which says of
#               each version sent to a state whether it accepted it)
#   public    : /en/states and /api/v1/states without a cookie (issue 14:
#               public cached answers the same as on SQLite)
#
# The first two with the expert's session cookie: never answered from the answer cache
# (the script checks that each answer is 200, carries the user's own CSRF
# token and says Cache-Control: no-store). Each backend gets the demo data
# (`r1540 init --demo`: the same records and ids on both) and its own server
# with the default threads; PostgreSQL runs in a throwaway cluster
# (tests/pg_cluster.sh, Unix socket). Load: wrk, 2 threads, 32 connections,
# BENCH_PG_SECS (10) seconds per page, sharing the machine's cores with the
# server and PostgreSQL. Figures: requests per second and p99 latency of
# each, PostgreSQL/SQLite, and how many statements PostgreSQL runs for one
# request of each page (its log). R1540_BIN runs another binary.
set -eu
cd "$(dirname "$0")/.."
BENCH=pg_web_signed
. bench/pg_lib.sh

# check NAME COOKIE CSRF URL: the signed-in answer is 200, the user's own
# (their CSRF token in the page) and not cacheable
check() {
    curl -s -D "$T/hdr" -o "$T/page" -H "Cookie: r1540_session=$2" "$4"
    grep -q "^HTTP/1.1 200" "$T/hdr" || { echo "pg_web_signed bench: $4 is not 200 on $1"; exit 1; }
    grep -qF "$3" "$T/page" || { echo "pg_web_signed bench: $4 lacks the CSRF token on $1"; exit 1; }
    tr -d '\r' <"$T/hdr" | grep -qi '^cache-control: no-store$' ||
        { echo "pg_web_signed bench: $4 may be cached on $1"; exit 1; }
}

# the draft with the most entries, found in SQLite: the demo gives the same
# versions and ids on both backends
"$BIN" --db "$T/bench.db" init --demo >/dev/null
DRAFT=$(sqlite3 "$T/bench.db" "SELECT v.state || '/versions/' || v.number FROM matrix_version v
    JOIN matrix_entry e ON e.version_id = v.id WHERE v.status = 'draft'
    GROUP BY v.id ORDER BY count(*) DESC, v.id LIMIT 1")
# PostgreSQL gets the same records by `r1540 copy` (which ends with ANALYZE)
"$BIN" --db "$T/bench.db" copy "$PG_URL" >/dev/null

# signin DB NAME ROLE: adds the user NAME with ROLE to DB, signs them in on
# $B; sets $cookie and $csrf
signin() {
    echo "$PW" | "$BIN" --db "$1" user add "$2" --role "$3" >/dev/null
    curl -s -c "$T/jar" -o "$T/login" -H 'Content-Type: application/json' \
        -d "{\"name\":\"$2\",\"password\":\"$PW\"}" "$B/api/v1/login"
    cookie=$(awk '$6 == "r1540_session" { print $7 }' "$T/jar")
    csrf=$(sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$T/login")
    [ -n "$cookie" ] && [ -n "$csrf" ] || { echo "pg_web_signed bench: sign-in of $2 failed"; exit 1; }
}

# bench DB NAME: serves DB with an expert and a Committee member signed in;
# prints "NAME RPS P99 ..." for each page (and, on PostgreSQL, the statements
# per request of each signed-in page)
bench() {
    serve "$1" "$2"
    signin "$1" exp expert
    check "$2" "$cookie" "$csrf" "$B/en/states/$DRAFT"
    check "$2" "$cookie" "$csrf" "$B/en/workspace"
    h="Cookie: r1540_session=$cookie"
    signin "$1" com committee
    check "$2" "$cookie" "$csrf" "$B/en/workspace"
    hc="Cookie: r1540_session=$cookie"
    line="$2 $(run "$h" "$B/en/states/$DRAFT") $(run "$h" "$B/en/workspace")"
    line="$line $(run "$hc" "$B/en/workspace")"
    line="$line $(run "" "$B/en/states") $(run "" "$B/api/v1/states")"
    if [ "$2" = postgres ]; then
        line="$line $(per_request "$h" "$B/en/states/$DRAFT")"
        line="$line $(per_request "$h" "$B/en/workspace")"
        line="$line $(per_request "$hc" "$B/en/workspace")"
    fi
    echo "$line"
}

sq=$(bench "$T/bench.db" sqlite)
pg=$(bench "$PG_URL" postgres)
echo "signed-in pages (expert) and public answers, demo data, wrk -t2 -c32, $SECS s each: requests/s, p99 ms"
echo "$sq $pg" | awk -v draft="$DRAFT" '{
    printf "  draft %-14s sqlite %6d/s p99 %7.2f   postgres %6d/s p99 %7.2f   ratio %.2f   %d statements/request\n", draft, $2, $3, $13, $14, $13 / $2, $23
    printf "  workspace (expert)   sqlite %6d/s p99 %7.2f   postgres %6d/s p99 %7.2f   ratio %.2f   %d statements/request\n", $4, $5, $15, $16, $15 / $4, $24
    printf "  workspace (Committee) sqlite %5d/s p99 %7.2f   postgres %6d/s p99 %7.2f   ratio %.2f   %d statements/request\n", $6, $7, $17, $18, $17 / $6, $25
    printf "  public /en/states    sqlite %6d/s p99 %7.2f   postgres %6d/s p99 %7.2f   ratio %.2f   (answer cache)\n", $8, $9, $19, $20, $19 / $8
    printf "  public /api/v1/states sqlite %5d/s p99 %7.2f   postgres %6d/s p99 %7.2f   ratio %.2f   (answer cache)\n", $10, $11, $21, $22, $21 / $10
}'
