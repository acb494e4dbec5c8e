#!/bin/sh
# The inbox's unread count on every signed-in page (page_common in
# src/web/router.c, store_notify_unread): what it costs an account whose
# inbox has grown long, against an account with an empty inbox, in the same
# run on the same server.
#
#   baseline : an expert with no notifications.
#   busy     : an expert with BENCH_UNREAD_N (50000) notifications already read
#              and 3 unread, written straight into the demo database.
#
# Both ask for their own inbox settings page (a small signed-in page, so that
# the count's share shows): the median of BENCH_UNREAD_ONE (101) requests in a
# row, curl's time_total, and the ratio busy / baseline. The script checks
# that the busy account's pages show 3 unread and prints SQLite's plan for
# the count. R1540_BIN runs another binary (a build of an earlier commit).
set -eu
cd "$(dirname "$0")/.."
BIN=${R1540_BIN:-$PWD/r1540}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
N=${BENCH_UNREAD_N:-50000}
ONE=${BENCH_UNREAD_ONE:-101}
PW='correct horse battery staple'
export R1540_DATA=$PWD/data R1540_WEB=$PWD/web
for t in curl python3 sqlite3; do
    command -v "$t" >/dev/null 2>&1 || { echo "inbox_unread bench: '$t' is missing (make deps)"; exit 1; }
done

T=$(mktemp -d "${TMPDIR:-/tmp}/r1540-unread.XXXXXX")
SPID=
cleanup() {
    [ -n "$SPID" ] && kill "$SPID" 2>/dev/null && wait "$SPID" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

"$BIN" --db "$T/demo.db" init --demo >/dev/null
for u in quiet busy; do
    echo "$PW" | "$BIN" --db "$T/demo.db" user add "$u" --role expert >/dev/null
done
# read ones first, then the 3 unread: the newest, as an inbox grows; already
# mailed, so that the sender leaves them alone
sqlite3 "$T/demo.db" "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $N + 3)
    INSERT INTO notification (user_id, event, state, number, link, created, read_at, mail)
    SELECT (SELECT id FROM user WHERE name = 'busy'), 'version-sent', 'FRA', i,
           'states/FRA/versions/1', 1700000000 + i, CASE WHEN i <= $N THEN 1700000000 + i ELSE 0 END,
           'skipped' FROM k"

"$BIN" --db "$T/demo.db" serve --listen 127.0.0.1:0 >"$T/server.log" 2>&1 &
SPID=$!
PORT=
i=0
while [ $i -lt 100 ] && [ -z "$PORT" ]; do
    sleep 0.1
    PORT=$(sed -n 's|^r1540 serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$T/server.log")
    i=$((i + 1))
done
[ -n "$PORT" ] || { echo "inbox_unread bench: the server did not start"; cat "$T/server.log"; exit 1; }
B=http://127.0.0.1:$PORT

# sign_in USER: the session cookie's value on stdout
sign_in() {
    curl -s -c "$T/jar.$1" -o /dev/null -H 'Content-Type: application/json' \
        -d "{\"name\":\"$1\",\"password\":\"$PW\"}" "$B/api/v1/login"
    awk '$6 == "r1540_session" { print $7 }' "$T/jar.$1"
}
QUIET=$(sign_in quiet)
BUSY=$(sign_in busy)
[ -n "$QUIET" ] && [ -n "$BUSY" ] || { echo "inbox_unread bench: sign-in failed"; exit 1; }
PAGE=/en/inbox/settings
curl -s -o "$T/page" -H "Cookie: r1540_session=$BUSY" "$B$PAGE"
grep -q 'class="count" title="[^"]*">3</span>' "$T/page" ||
    { echo "inbox_unread bench: the busy account's page does not show 3 unread"; exit 1; }
curl -s -o "$T/page" -H "Cookie: r1540_session=$QUIET" "$B$PAGE"
! grep -q 'class="count"' "$T/page" ||
    { echo "inbox_unread bench: the quiet account's page shows an unread count"; exit 1; }

# one COOKIE: the median time_total of ONE requests in a row, in ms.
one() {
    for i in $(seq "$ONE"); do
        curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: r1540_session=$1" "$B$PAGE"
    done | sort -n | awk '{ t[NR] = $1 } END { printf "%.2f", t[int((NR + 1) / 2)] * 1000 }'
}
one "$QUIET" >/dev/null # warm up
quiet=$(one "$QUIET")
busy=$(one "$BUSY")
echo "demo data; $PAGE, median of $ONE requests; busy: $N read + 3 unread notifications"
echo "plan: $(sqlite3 "$T/demo.db" "EXPLAIN QUERY PLAN SELECT count(*) FROM notification
    WHERE user_id = 1 AND read_at = 0" | sed -n 's/^.*--//p')"
printf '%-34s %8s %9s\n' "account" "one ms" "ratio"
printf '%-34s %8s %9s\n' "quiet: empty inbox (baseline)" "$quiet" "1.00"
printf '%-34s %8s %9s\n' "busy: $N read, 3 unread" "$busy" \
    "$(awk -v a="$busy" -v b="$quiet" 'BEGIN { printf "%.2f", a / b }')"
