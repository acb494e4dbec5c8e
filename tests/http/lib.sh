# Shared helpers for the HTTP tests: a fresh demo database with users of every
# role, the real server ($R1540_BIN serve) on a free loopback port, curl for
# requests, TAP lines for results. Sourced by tests/http/run.sh.
set -u
BIN=${R1540_BIN:-./r1540}
case $BIN in /*) ;; *) BIN="$PWD/$BIN" ;; esac
ROOT=$PWD
T=$(mktemp -d)
# $T/test.db, or the database tests/on_postgres.sh gives
DB=${R1540_TEST_DB:-$T/test.db}
LOG=$T/server.log
N=0
SPID=""
PW='correct horse battery staple'
export R1540_DATA="$ROOT/data" R1540_WEB="$ROOT/web"
trap 'stop_server >/dev/null 2>&1; rm -rf "$T"' EXIT

ok() { N=$((N + 1)); echo "ok $N - $1"; }
not_ok() { N=$((N + 1)); echo "not ok $N - $1"; shift; for l in "$@"; do echo "#   $l"; done; }
check() { # check NAME CONDITION-COMMAND...
    name=$1; shift
    if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}
expect_eq() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:  $2" "want: $3"; fi; }
done_testing() { echo "1..$N"; }

r() { "$BIN" --db "$DB" "$@"; }

# Starts the server, its output appended to $LOG. The first start listens on
# port 0 and reads the port the kernel gave from the server's "serving" line
# (a port picked beforehand could be taken by a test running alongside before
# the server binds it); a restart listens on that $PORT again. Its TMPDIR
# (upload spools, open-data files) is $T/tmp, which no other test sees.
start_server() {
    from=$(($(cat "$LOG" 2>/dev/null | wc -l) + 1))
    mkdir -p "$T/tmp"
    # shellcheck disable=SC2086 # SERVE_ARGS: extra options, split on spaces
    TMPDIR="$T/tmp" "$BIN" --db "$DB" serve --listen "127.0.0.1:${PORT:-0}" --threads 4 ${SERVE_ARGS:-} >>"$LOG" 2>&1 &
    SPID=$!
    i=0
    while [ $i -lt 100 ]; do
        [ -n "${PORT:-}" ] ||
            PORT=$(tail -n "+$from" "$LOG" | sed -n 's|^r1540 serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p')
        B=http://127.0.0.1:${PORT:-0}
        [ -n "${PORT:-}" ] && curl -s -o /dev/null "$B/en/" 2>/dev/null && return 0
        kill -0 "$SPID" 2>/dev/null || break
        sleep 0.1
        i=$((i + 1))
    done
    echo "# the server did not start:"; sed 's/^/#   /' "$LOG"
    echo "Bail out! no server"
    exit 1
}

# Stops the server with SIGTERM; SRC is its exit status.
stop_server() {
    SRC=""
    [ -n "$SPID" ] || return 0
    kill -TERM "$SPID" 2>/dev/null
    wait "$SPID"
    SRC=$?
    SPID=""
}

# ---- requests ---------------------------------------------------------------

# req CURL-ARGS...: CODE is the status, $T/body the body, $T/hdr the headers.
req() {
    CODE=$(curl -s -m 60 -o "$T/body" -D "$T/hdr" -w '%{http_code}' "$@")
    [ -n "$CODE" ] || CODE=000
}

# expect NAME STATUS CURL-ARGS...: the answer has that status.
expect() {
    name=$1; want=$2; shift 2
    req "$@"
    if [ "$CODE" = "$want" ]; then ok "$name"; else
        not_ok "$name" "status $CODE (wanted $want)" "$(head -c 400 "$T/body" | tr '\n' ' ')"
    fi
}

# header NAME: the value of a header of the last answer ("" if absent).
header() {
    tr -d '\r' <"$T/hdr" | awk -v h="$1" 'tolower($0) ~ "^" tolower(h) ":" { sub(/^[^:]*: */, ""); print; exit }'
}

body_has() { grep -qF -- "$1" "$T/body"; }
body_lacks() { ! grep -qF -- "$1" "$T/body"; }

# A JSON string or number member of the last body (the last one if several): json_get KEY.
json_get() {
    sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^\",}]*\\).*/\\1/p" "$T/body" | head -1
}

# ---- sessions ---------------------------------------------------------------
# Each user has an API session ($T/jar.USER, token in $T/csrf.USER) and a
# browser-like page session ($T/pjar.USER); "-" is the public.

api_login() {
    rm -f "$T/jar.$1"
    req -c "$T/jar.$1" -H 'Content-Type: application/json' \
        -d "{\"name\":\"$1\",\"password\":\"$PW\"}" "$B/api/v1/login"
    json_get csrf >"$T/csrf.$1"
    [ "$CODE" = 200 ] && [ -s "$T/csrf.$1" ]
}

# api USER METHOD PATH [JSON]: an API call with the user's cookie and token.
api() {
    u=$1; m=$2; p=$3; shift 3
    if [ $# -gt 0 ]; then set -- -d "$1"; fi
    if [ "$u" = - ]; then
        req -X "$m" -H 'Content-Type: application/json' "$@" "$B/api/v1/$p"
    else
        req -X "$m" -b "$T/jar.$u" -H "X-CSRF-Token: $(cat "$T/csrf.$u")" \
            -H 'Content-Type: application/json' "$@" "$B/api/v1/$p"
    fi
}

# api_expect NAME STATUS USER METHOD PATH [JSON]
api_expect() {
    name=$1; want=$2; shift 2
    api "$@"
    if [ "$CODE" = "$want" ]; then ok "$name"; else
        not_ok "$name" "status $CODE (wanted $want)" "$(head -c 400 "$T/body" | tr '\n' ' ')"
    fi
}

# page_login USER: the sign-in form, as a browser fills it in.
page_login() {
    rm -f "$T/pjar.$1"
    req -c "$T/pjar.$1" "$B/en/login?next=workspace"
    tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/body")
    req -b "$T/pjar.$1" -c "$T/pjar.$1" --data-urlencode "login_token=$tok" \
        --data-urlencode "name=$1" --data-urlencode "password=$PW" \
        --data-urlencode "next=workspace" "$B/en/login"
    [ "$CODE" = 303 ]
}

# page_csrf USER PATH: the CSRF token of the forms of a page the user sees.
page_csrf() {
    req -b "$T/pjar.$1" "$B/en/$2"
    sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1
}

# Reads through r1540 (fingerprint, json, audit_count, audit_last, audit_detail)
# and the one way beneath it (sqlite_only).
. tests/store_access.sh
