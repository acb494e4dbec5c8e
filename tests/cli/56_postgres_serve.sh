# Serving from PostgreSQL (issue 14, items 4 and 5): /healthz on both
# backends, `serve --read-only` (on SQLite, and on a hot standby made with
# pg_basebackup -R from this script's own cluster), two servers on one
# database seeing each other's and the CLI's writes, one of them killed with
# SIGKILL under load while the other answers, 2 x 32 concurrent CLI writers
# losing no acknowledged write and leaving one unbroken audit chain, and
# PostgreSQL stopped and started again under a running server (503, then
# answers again without a restart, and its cached answers not stale). Each
# commit is announced (NOTIFY, heard by every server's change listener) and a
# rolled-back write is not; a listener whose connection is cut comes back.
# --read-only never migrates (a schema older than the binary is refused).
# A standby whose WAL receiver is gone says so on /healthz. A database host
# that answers nothing (tests/pg_silent_proxy.py) gives 503s within the
# default connect_timeout, not hung workers. One cluster, one standby, few requests;
# the timings (how soon a write shows on the other server) are in
# bench/postgres_serve.sh, not here.
#
# Writes go through the CLI, not through signed-in web forms: sessions, CSRF
# and sign-in limits across two servers are 52_postgres_accounts.sh's.
. tests/cli/lib.sh
. tests/cli/pg_lib.sh
export R1540_WEB="$ROOT/web"
SERVERS=""
PROXY=""
trap 'for s in $SERVERS $PROXY; do kill -9 "$s" 2>/dev/null; done; pg_cluster_stop; rm -rf "$T"' EXIT

# serve NAME DB ARGS...: starts `r1540 serve` on a free port; $NAME is its
# base URL, ${NAME}_PID its process. No notification sender: it would only
# log that its operations are not written yet on PostgreSQL.
serve() {
    name=$1; db=$2; shift 2
    "$BIN" --db "$db" serve --listen 127.0.0.1:0 --threads 2 --notify-interval 0 "$@" \
        >"$T/$name.log" 2>&1 &
    pid=$!
    SERVERS="$SERVERS $pid"
    eval "${name}_PID=$pid"
    i=0
    while [ $i -lt 300 ]; do
        port=$(sed -n 's|^r1540 serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$T/$name.log")
        [ -n "$port" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
        i=$((i + 1))
    done
    if [ -z "$port" ]; then
        not_ok "server $name starts" "$(head -c 600 "$T/$name.log")"
        done_testing
        exit 1
    fi
    eval "${name}=http://127.0.0.1:$port"
}

# get URL [CURL-ARGS...]: CODE and $T/body.
get() {
    url=$1; shift
    CODE=$(curl -s -m 30 -o "$T/body" -w '%{http_code}' "$@" "$url")
}

# expect_get NAME STATUS PATTERN URL [CURL-ARGS...]: the answer's status, and
# its body matches PATTERN (grep -E).
expect_get() {
    name=$1; want=$2; pattern=$3; shift 3
    get "$@"
    if [ "$CODE" = "$want" ] && grep -qE -- "$pattern" "$T/body"; then ok "$name"; else
        not_ok "$name" "status $CODE (wanted $want)" "$(head -c 400 "$T/body")" "wanted: $pattern"
    fi
}

# until_seen NAME PATTERN URL: the answer at URL comes to match PATTERN. It
# polls (every 20 ms, giving up after 15 s, never a timing assertion): how
# soon is measured in bench/postgres_serve.sh.
until_seen() {
    i=0
    while [ $i -lt 750 ]; do
        get "$3"
        if [ "$CODE" = 200 ] && grep -qE -- "$2" "$T/body"; then ok "$1"; return; fi
        sleep 0.02
        i=$((i + 1))
    done
    not_ok "$1" "status $CODE" "$(head -c 400 "$T/body")" "wanted: $2"
}

# listeners DB: how many sessions on database DB listen for r1540's changes.
listeners() {
    pg_psql "$1" -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$1' AND query = 'LISTEN r1540_change'"
}

# until_listeners NAME DB N: polls (up to 15 s) until N sessions listen.
until_listeners() {
    i=0
    while [ $i -lt 150 ]; do
        [ "$(listeners "$2")" = "$3" ] && { ok "$1"; return; }
        sleep 0.1
        i=$((i + 1))
    done
    not_ok "$1" "$(listeners "$2") listening, wanted $3"
}

# total URL: the count of the reports list at URL (a cached public answer).
total() { curl -s -m 30 "$1/api/v1/reports?per_page=1" | sed -n 's/.*"count":\([0-9]*\).*/\1/p'; }

alive() { if kill -0 "$2" 2>/dev/null; then ok "$1"; else not_ok "$1" "$(tail -n 5 "$T/$3.log")"; fi; }

# ---- SQLite: /healthz and --read-only, writing nothing ------------------------------
init_db
expect_fail "--primary without --read-only is refused" 2 "--primary goes with --read-only" \
    r serve --primary https://example.org/ --listen 127.0.0.1:0
expect_fail "--primary must be an http(s) URL" 2 "expected an http:// or https:// URL" \
    r serve --read-only --primary 'javascript:alert(1)' --listen 127.0.0.1:0
expect_fail "--primary with a quote is refused (it becomes a link)" 2 "expected an http" \
    r serve --read-only --primary 'https://x/"onmouseover=' --listen 127.0.0.1:0
serve S "$DB"
expect_get "SQLite: /healthz is 200 with the backend, schema and mode" 200 \
    '^\{"status":"ok","backend":"sqlite","schema":[1-9][0-9]*,"read_only":false,"standby":false\}$' "$S/healthz"
curl -s -D "$T/hdr" -o /dev/null "$S/healthz?x=1"
expect_match "... never cached (Cache-Control: no-store)" "$T/hdr" "Cache-Control: no-store"
kill -TERM "$S_PID"; wait "$S_PID" 2>/dev/null

before=$(r fingerprint)
serve RO "$DB" --read-only --primary https://r1540.example.org/
expect_get "SQLite --read-only: /healthz says read_only" 200 '"backend":"sqlite".*"read_only":true' "$RO/healthz"
expect_get "SQLite --read-only: a public page" 200 'Go to the primary site' "$RO/en/states"
if grep -q '/en/login' "$T/body"; then not_ok "... offers no sign-in link"; else ok "... offers no sign-in link"; fi
expect_get "SQLite --read-only: the public API" 200 '"states":' "$RO/api/v1/states"
expect_get "the sign-in page is refused, with a link to the primary site" 403 \
    'read-only copy of the site.*|href="https://r1540.example.org/"' "$RO/en/login"
grep -q 'href="https://r1540.example.org/"' "$T/body" && ok "... the link is there" || not_ok "... the link is there" "$(head -c 400 "$T/body")"
expect_get "... in the page's language (French)" 403 'copie en lecture seule' "$RO/fr/login"
expect_get "a sign-in form posted is refused" 403 'read-only copy' "$RO/en/login" \
    -d 'name=admin&password=x&csrf=y'
expect_get "an API sign-in is refused with code read-only and the primary" 403 \
    '"code":"read-only".*"primary":"https://r1540.example.org/"' "$RO/api/v1/login" \
    -H 'Content-Type: application/json' -d '{"name":"admin","password":"x"}'
expect_get "an API write is refused" 403 '"code":"read-only"' "$RO/api/v1/reports" \
    -H 'Content-Type: application/json' -d '{}'
expect_get "a page that needs a user is refused" 403 'read-only copy' "$RO/en/workspace"
expect_get "an API token is refused (its check is the primary's)" 403 '"code":"read-only"' \
    "$RO/api/v1/states" -H 'Authorization: Bearer r1540_0000'
expect_get "a session cookie is ignored: the page is the public one" 200 'Go to the primary site' \
    "$RO/en/states" -H 'Cookie: r1540_session=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff'
kill -TERM "$RO_PID"; wait "$RO_PID" 2>/dev/null
expect_eq "the read-only server wrote nothing (the same fingerprint)" "$(r fingerprint)" "$before"

# a file whose schema is one behind the binary: a read-only server does not
# migrate it, and says how to
cp "$DB" "$T/old.db"
python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); v = c.execute('PRAGMA user_version').fetchone()[0]; c.execute('PRAGMA user_version = %d' % (v - 1)); c.commit()" "$T/old.db"
old_version=$(python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA user_version').fetchone()[0])" "$T/old.db")
expect_fail "SQLite --read-only: a schema older than the binary is refused, not migrated" 6 \
    "older than this r1540's.*read-only server does not migrate" \
    timeout 60 "$BIN" --db "$T/old.db" serve --read-only --listen 127.0.0.1:0
expect_eq "... and the file's schema number is unchanged" \
    "$(python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA user_version').fetchone()[0])" "$T/old.db")" "$old_version"

# ---- PostgreSQL: a primary with a published-to-be matrix, and a standby ----------------
expect_ok "init on PostgreSQL" p init
echo 'a long enough passphrase' | p user add deu-poc --role poc --state DEU >/dev/null 2>&1
p report add DEU --kind first-report --date 2004-10-20 --language de --title "Bericht" >/dev/null 2>&1
for step in "matrix new DEU --date 2005-03-01" "matrix set DEU 1 OP1-NPT X --source 1" \
    "matrix send DEU 1" "--as deu-poc matrix accept DEU 1" "matrix approve DEU 1 --date 2005-06-01"; do
    # shellcheck disable=SC2086 # the words of the step are its arguments
    p $step >"$T/out" 2>&1 || not_ok "PostgreSQL: $step" "$(cat "$T/out")"
done
if pg_standby_start >"$T/sb.log" 2>&1; then ok "a standby made with pg_basebackup -R starts"; else
    not_ok "a standby made with pg_basebackup -R starts" "$(head -c 600 "$T/sb.log")"; fi
SB=$(pg_standby_url r1540test)
expect_fail "the standby refuses a write of the CLI" 6 "read-only transaction" \
    "$BIN" --db "$SB" report add FRA --kind letter --date 2006-01-02 --language fr --title x

# --read-only on PostgreSQL: no migration either (a database of its own,
# one schema number behind)
pg_createdb r1540old
OLD=$(pg_url r1540old)
"$BIN" --db "$OLD" init >/dev/null
pg_psql r1540old -c "UPDATE r1540_schema SET version = version - 1"
old_version=$(pg_psql r1540old -c "SELECT version FROM r1540_schema")
expect_fail "PostgreSQL --read-only: a schema older than the binary is refused, not migrated" 6 \
    "older than this r1540's.*read-only server does not migrate" \
    timeout 60 "$BIN" --db "$OLD" serve --read-only --listen 127.0.0.1:0
expect_eq "... and the schema number is unchanged" \
    "$(pg_psql r1540old -c "SELECT version FROM r1540_schema")" "$old_version"

# each commit is announced on r1540_change (NOTIFY in the writing transaction),
# a rolled-back write is not: psql listening while the CLI writes
notices() { # notices NAME COUNT CMD...: COUNT notices heard while CMD runs
    name=$1; want=$2; shift 2
    rm -f "$T/fifo" "$T/notices"
    mkfifo "$T/fifo"
    pg_psql r1540test <"$T/fifo" >"$T/notices" 2>&1 &
    lp=$!
    exec 3>"$T/fifo"
    echo "LISTEN r1540_change; SELECT 'listening';" >&3
    i=0
    while ! grep -q listening "$T/notices" && [ $i -lt 300 ]; do sleep 0.05; i=$((i + 1)); done
    "$@" >/dev/null 2>&1
    # psql prints what it heard after its next statement; a notice is sent
    # at the commit, before the command exits, and this statement comes after
    echo "SELECT pg_sleep(0.5); SELECT 'done';" >&3
    exec 3>&-
    wait "$lp"
    expect_eq "$name" "$(grep -c 'Asynchronous notification "r1540_change"' "$T/notices")" "$want"
}
notices "a CLI write's commit is announced once on r1540_change" 1 \
    p report add FRA --kind letter --date 2006-01-02 --language fr --title "announced"
notices "a write rolled back announces nothing (the notice waits for the commit)" 0 \
    pg_psql r1540test -c "BEGIN" -c "UPDATE meta SET value = value" -c "SELECT pg_sleep(0.2)" -c "ROLLBACK"
notices "... and the same write committed is announced" 1 \
    pg_psql r1540test -c "BEGIN" -c "UPDATE meta SET value = value" -c "COMMIT"
notices "a write PostgreSQL refuses announces nothing" 0 p matrix set DEU 1 OP1-NPT Y --source 1

serve A "$PG"
serve B "$PG"
serve C "$SB" --read-only --primary https://r1540.example.org/
until_listeners "each server on the primary listens for changes (A and B)" r1540test 2
expect_eq "the standby's server does not (a standby refuses LISTEN; it polls)" \
    "$(pg_psql postgres -h "$PG_SB_DIR" -c "SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN r1540_change'")" 0
migrations=$(pg_psql r1540test -c "SELECT version FROM r1540_schema")
expect_get "PostgreSQL: /healthz on the primary" 200 \
    "^\\{\"status\":\"ok\",\"backend\":\"postgresql\",\"schema\":$migrations,\"read_only\":false,\"standby\":false\\}\$" "$A/healthz"
expect_get "PostgreSQL: /healthz on the standby reports it, read-only, and its lag" 200 \
    "^\\{\"status\":\"ok\",\"backend\":\"postgresql\",\"schema\":$migrations,\"read_only\":true,\"standby\":true,\"replica_lag_seconds\":([0-9]+\\.[0-9]{3}|null),\"wal_receiver\":true,\"last_replay_seconds\":([0-9]+\\.[0-9]{3}|null)\\}\$" "$C/healthz"

# the versions list, cached by B and C before the publication
expect_get "B: no published version yet (and the answer is cached)" 200 '"versions":\[\]' "$B/api/v1/versions"
expect_get "C: no published version on the standby yet" 200 '"versions":\[\]' "$C/api/v1/versions"
expect_ok "the matrix is published through the CLI" p matrix publish DEU 1 --date 2005-07-01
until_seen "B's cached API shows the CLI's publication" '"state":"DEU"' "$B/api/v1/versions"
until_seen "A shows it too" '"state":"DEU"' "$A/api/v1/versions"
until_seen "the read-only server on the standby shows the published matrix" '"state":"DEU"' \
    "$C/api/v1/versions"
expect_get "... and its page" 200 'Go to the primary site' "$C/en/states/DEU/versions/1"
expect_get "the standby's server refuses a write, with the link" 403 \
    '"code":"read-only".*"primary":"https://r1540.example.org/"' "$C/api/v1/login" \
    -H 'Content-Type: application/json' -d '{"name":"deu-poc","password":"a long enough passphrase"}'
expect_get "... and its sign-in page (in Russian)" 403 'только для чтения' "$C/ru/login"
expect_get "/healthz on the standby after the publication" 200 '"standby":true,"replica_lag_seconds":' "$C/healthz"
alive "the standby's server is still running" "$C_PID" C

# the listeners' connections cut (as by a network fault): B still sees a
# write (its poll, then its listener back), and both listeners come back
n0=$(total "$B")
pg_psql r1540test -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query = 'LISTEN r1540_change'" >/dev/null
p report add FRA --kind letter --date 2006-01-02 --language fr --title "listener cut" >/dev/null
until_seen "B's cached API shows a write made while its listener was cut" "\"count\":$((n0 + 1))[,}]" \
    "$B/api/v1/reports?per_page=1"
until_listeners "... and A's and B's listeners listen again" r1540test 2

# ---- 2 x 32 concurrent CLI writers, and a server killed with SIGKILL under load -------
# Two groups of 32 writers (reports of DEU, reports of FRA) for a few seconds,
# each keeping the ids r1540 acknowledged; meanwhile A and B answer a reading
# load, and A is killed with SIGKILL half-way through.
reader() { # reader NAME URL: GETs until the writers are done; counts the failures
    fails=0
    while [ ! -e "$T/writers.done" ]; do
        c=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$2/api/v1/reports?per_page=5")
        [ "$c" = 200 ] || fails=$((fails + 1))
    done
    echo "$fails" >"$T/reader.$1"
}
writer() { # writer GROUP I STATE: one write, then more until $END
    while :; do
        if id=$(R1540_BUSY_TIMEOUT_MS=30000 p report add "$3" --kind letter --date 2006-01-02 \
            --language en --title "w $1 $2" 2>>"$T/writer.err"); then
            echo "$id" >>"$T/acked.$1.$2"
        fi
        [ "$(date +%s)" -lt "$END" ] || break
    done
}
rm -f "$T/writers.done"
reader A "$A" & RA=$!
reader B "$B" & RB=$!
WPIDS=""
END=$(($(date +%s) + 3))
for i in $(seq 1 32); do
    writer a "$i" DEU & WPIDS="$WPIDS $!"
    writer b "$i" FRA & WPIDS="$WPIDS $!"
done
sleep 2
kill -9 "$A_PID"
# shellcheck disable=SC2086 # the writers' pids
wait $WPIDS
touch "$T/writers.done"
wait "$RA" "$RB"
expect_get "B answers after A was killed" 200 '"reports":' "$B/api/v1/reports?per_page=5"
expect_eq "B answered every read of the load (no failure)" "$(cat "$T/reader.B")" 0
alive "B is still running" "$B_PID" B
cat "$T"/acked.* 2>/dev/null | sort -n >"$T/acked"
acked=$(wc -l <"$T/acked")
# how many depends on the machine's load; each writer makes one at least
if [ "$acked" -ge 64 ]; then ok "the writers were acknowledged ($acked writes)"; else
    not_ok "the writers were acknowledged" "$acked writes" "$(head -c 600 "$T/writer.err")"; fi
pg_psql r1540test -c "SELECT id FROM report WHERE title LIKE 'w %' ORDER BY id" >"$T/stored"
expect_eq "every acknowledged write is stored, and only those" "$(sha256sum <"$T/stored")" "$(sha256sum <"$T/acked")"
expect_eq "the ids are distinct" "$(sort -u "$T/acked" | wc -l)" "$acked"
expect_ok "audit verify after the concurrent writers" p audit verify
expect_match "... one unbroken chain" "$T/out" "intact: [0-9]+ entries"
expect_eq "... with an entry for each acknowledged write" \
    "$(pg_psql r1540test -c "SELECT count(*) FROM audit WHERE action = 'report.add' AND object IN (SELECT 'report:' || id FROM report WHERE title LIKE 'w %')")" \
    "$acked"

# ---- PostgreSQL stopped and started under a running server ----------------------------
expect_get "B caches the versions list" 200 '"state":"DEU"' "$B/api/v1/versions"
pg_cluster_pause
expect_get "PostgreSQL stopped: /healthz is 503" 503 \
    '^\{"status":"unavailable","message":"the database cannot be reached"\}$' "$B/healthz"
expect_get "... a page is 503 with a clear message" 503 'The database is busy or cannot be used' "$B/en/states"
expect_get "... the cached API answer is not served stale: 503" 503 '"code":"unavailable"' "$B/api/v1/versions"
alive "... and the server did not crash" "$B_PID" B
expect_fail "... a CLI write is refused, saying why (exit 6)" 6 "cannot connect" \
    p report add FRA --kind letter --date 2006-01-02 --language fr --title "during the gap"
until_seen "the standby's /healthz says its WAL receiver is gone, and the lag is not 0" \
    '"wal_receiver":false,"last_replay_seconds":[0-9]' "$C/healthz"
if grep -q '"replica_lag_seconds":0.000' "$T/body"; then not_ok "... a cut-off standby is not 0 behind" "$(cat "$T/body")"
else ok "... a cut-off standby is not 0 behind"; fi
pg_cluster_resume
expect_get "PostgreSQL started again: /healthz is 200 without a restart" 200 '"status":"ok"' "$B/healthz"
expect_get "... and the API answers from the database again" 200 '"state":"DEU"' "$B/api/v1/versions"
expect_get "... a page too" 200 'Deutschland|Germany' "$B/en/states"
alive "... the same server process" "$B_PID" B
until_listeners "... B's listener is back" r1540test 1
n0=$(total "$B")
p report add FRA --kind letter --date 2006-01-02 --language fr --title "after the restart" >/dev/null
until_seen "... and B's cached answers follow a CLI write after the restart" "\"count\":$((n0 + 1))[,}]" \
    "$B/api/v1/reports?per_page=1"
until_seen "the standby's WAL receiver is back" '"wal_receiver":true' "$C/healthz"

# ---- a database host that answers nothing -----------------------------------------
# D reaches PostgreSQL over TCP through tests/pg_silent_proxy.py; the URI
# gives no connect_timeout, so r1540's default applies. Gone silent, the
# host cuts D's connections and never answers a new one: D answers 503
# within the default (5 s) and a margin, every worker, several requests at
# once, and 200 again when the host is back.
python3 "$ROOT/tests/pg_silent_proxy.py" "$PG_DIR/.s.PGSQL.5432" "$T/proxy.port" "$T/silent" &
PROXY=$!
i=0
while [ ! -s "$T/proxy.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
serve D "postgresql://r1540@127.0.0.1:$(cat "$T/proxy.port")/r1540test"
expect_get "D (over TCP) answers" 200 '"status":"ok"' "$D/healthz"
touch "$T/silent"
for k in 1 2 3 4; do
    curl -s -m 15 -o /dev/null -w '%{http_code} %{time_total}\n' "$D/en/states" >"$T/silent.$k" &
done
wait_all=0
for k in 1 2 3 4; do
    while [ ! -s "$T/silent.$k" ] && [ $wait_all -lt 200 ]; do sleep 0.1; wait_all=$((wait_all + 1)); done
done
silent_codes=$(cut -d' ' -f1 "$T"/silent.1 "$T"/silent.2 "$T"/silent.3 "$T"/silent.4 | tr '\n' ' ')
if [ "$silent_codes" = "503 503 503 503 " ]; then
    ok "the host silent: 4 requests at once are each answered 503 within 15 s"
else
    not_ok "the host silent: 4 requests at once are each answered 503 within 15 s" \
        "got (status, seconds): $(cat "$T"/silent.1 "$T"/silent.2 "$T"/silent.3 "$T"/silent.4 | tr '\n' ';')" \
        "D's log: $(tail -c 600 "$T/D.log")"
fi
expect_get "... and /healthz is 503 (not hung)" 503 '"status":"unavailable"' "$D/healthz" -m 15
alive "... D did not crash" "$D_PID" D
rm -f "$T/silent"
until_seen "the host back: D answers again without a restart" 'Deutschland|Germany' "$D/en/states"
kill -TERM "$D_PID"; wait "$D_PID"; drc=$?
expect_eq "D stops on SIGTERM with exit 0" "$drc" 0
kill -TERM "$B_PID" "$C_PID"
wait "$B_PID"; brc=$?
wait "$C_PID"; crc=$?
expect_eq "B and C stop on SIGTERM with exit 0 (under ASan: no leak)" "$brc $crc" "0 0"
if grep -q 'AddressSanitizer\|LeakSanitizer\|runtime error' "$T"/*.log; then
    not_ok "no sanitizer report in the servers' logs" "$(grep -h -A3 'AddressSanitizer\|LeakSanitizer\|runtime error' "$T"/*.log | head -c 600)"
else ok "no sanitizer report in the servers' logs"; fi
done_testing
