# The PostgreSQL backend's accounts (issue 14): sessions, sign-in attempts,
# API tokens and password resets. The CLI commands that reach them run on
# SQLite and on PostgreSQL and must give the same bytes; PostgreSQL refuses
# rows that break the SQLite schema's checks, whoever writes; and over HTTP,
# TWO servers on the one PostgreSQL database share sessions, CSRF tokens,
# the sign-in limit, API tokens and reset links (issue 14, item 4).
# Argon2 makes each sign-in cost about half a second: two users, few attempts.
. tests/cli/lib.sh
. tests/cli/pg_lib.sh

expect_ok "init on PostgreSQL" p init
init_db
PW='correct horse battery staple'
for db in "$DB" "$PG"; do
    printf '%s\n' "$PW" | "$BIN" --db "$db" user add admin --role admin >/dev/null 2>&1
    printf '%s\n' "$PW" | "$BIN" --db "$db" user add alice --role expert >/dev/null 2>&1
done

# ---- API tokens through the CLI -------------------------------------------------------------
# token add prints the new token, random on each backend: the rest of its
# output must be the same, and the token of the right shape.
both_token() { # both_token NAME ARGS...: token add on both, the token masked
    name=$1; shift
    r token add "$@" >"$T/sq.out" 2>"$T/sq.err"; src=$?
    p token add "$@" >"$T/pg.out" 2>"$T/pg.err"; prc=$?
    sed -i 's/^r1540_[0-9a-f]\{64\}$/TOKEN/' "$T/sq.out" "$T/pg.out"
    if [ "$src" -eq "$prc" ] && cmp -s "$T/sq.out" "$T/pg.out" && cmp -s "$T/sq.err" "$T/pg.err"; then
        ok "$name (exit $src)"
    else
        not_ok "$name" "sqlite exit $src, postgres exit $prc" "sqlite: $(cat "$T/sq.out" "$T/sq.err")" \
            "postgres: $(cat "$T/pg.out" "$T/pg.err")"
    fi
}
both_token "token add (read)" alice --label "für das Skript"
expect_match "... prints the token once" "$T/pg.out" "^TOKEN$"
both_token "token add (write, expiring)" admin --scope write --expires 2099-12-31 --label ci
both_token "token add of a third, alice's again" alice --scope write
both_token "token add for an unknown user" nobody
both_token "token add with a bad scope" alice --scope admin
both_token "token add expiring in the past" alice --expires 2001-01-01
both_token "token add with a 101-byte label" alice --label "$(printf 'é%.0s' $(seq 50))x"
both "token list: everyone's, by id" token list
both "token list USER" token list alice
both "token list --format json" token list --format json
both "token list of a user without tokens" token list nobody
both "token revoke" token revoke 2
both "token revoke again: no live token" token revoke 2
both "token revoke of an unknown id" token revoke 99
both "token revoke of a malformed id" token revoke 2x
both "token list shows it revoked" token list --format json
both_token "a new token after a revoke takes the next id" alice
both "... token list" token list
expect_eq "PostgreSQL keeps the hash only, never the token" \
    "$(pg_psql r1540test -c "SELECT count(*) FROM api_token WHERE token_hash ~ '^[0-9a-f]{64}$'")" 4

# ---- failed sign-ins: the list and lifting them --------------------------------------------------
# Only a sign-in on the web records one (tested below); for the list's order
# the same rows go into both databases: ties on time by id, newest first; an
# attempt in progress and one older than 30 days are not listed. SQLite
# numbers rows itself (rowid); PostgreSQL's id has no default (r1540 gives
# the highest + 1, as the rowid), so psql gives the ids here.
now=$(date +%s)
rows="('alice', '192.0.2.1', $now, 'failed'), ('alice', '192.0.2.1', $now, 'failed'),
    ('ghost', '2001:db8::1', $((now - 60)), 'failed'), ('alice', '192.0.2.2', $now, 'pending'),
    ('admin', '192.0.2.9', $((now - 86400)), 'lifted'), ('old', '192.0.2.1', $((now - 40 * 86400)), 'failed')"
sqlite_only "$DB" "INSERT INTO signin_attempt (name, address, at, outcome) VALUES $rows"
pg_psql r1540test -c "INSERT INTO signin_attempt (id, name, address, at, outcome)
    SELECT row_number() OVER (), * FROM (VALUES $rows) v"
both "user signins" user signins
both "user signins --format json" user signins --format json
both "user unlock NAME --address ADDR" user unlock alice --address 192.0.2.1
both "... again: nothing left to lift" user unlock alice --address 192.0.2.1
both "user unlock --address (IPv6, normalized)" user unlock --address 2001:DB8:0::1
both "user unlock of a name without failures" user unlock nobody
both "user unlock of a malformed name" user unlock "a b"
both "user signins after the lifts" user signins --format json
# audit entries carry their time and hashes over it: the rest must agree
lifts='[.[] | select(.action == "signin.lift") | "\(.actor) \(.object) \(.detail)"] | join(";")'
expect_eq "the lifts are audited alike" "$(p audit list --format json | jq -r "$lifts")" \
    "$(json "$lifts" audit list)"
expect_eq "... on PostgreSQL: what was lifted, by whom" "$(p audit list --format json | jq -r "$lifts")" \
    "cli:$(id -un) user:alice address:192.0.2.1 2 failed sign-ins lifted;cli:$(id -un) user:alice address:192.0.2.1 0 failed sign-ins lifted;cli:$(id -un) address:2001:db8::1 1 failed sign-ins lifted;cli:$(id -un) user:nobody 0 failed sign-ins lifted"

# ---- sessions end with a password change or when the user is disabled -----------------------------
# Sessions come from web sign-ins (below); here they are made in the table.
sess() { # sess N: a session of alice with token hash N
    pg_psql r1540test -c "INSERT INTO session SELECT lpad('$1', 64, '0'), id, 'csrf', 0, 0 FROM \"user\" WHERE name = 'alice'"
}
nsess() { pg_psql r1540test -c "SELECT count(*) FROM session"; }
sess 1; sess 2
expect_ok "user passwd on PostgreSQL" sh -c "printf '%s\n' 'a new long password' | \"$BIN\" --db \"$PG\" user passwd alice"
expect_eq "... ends the user's sessions" "$(nsess)" 0
sess 3
expect_ok "user disable" p user disable alice
expect_eq "... ends them too" "$(nsess)" 0
expect_ok "user enable" p user enable alice
sess 4
pg_psql r1540test -c "INSERT INTO \"user\" (id, name, role, pw_hash, created) VALUES (50, 'gone', 'expert', 'h', 'x');
    INSERT INTO session VALUES (repeat('5', 64), 50, 'c', 0, 0); DELETE FROM \"user\" WHERE id = 50"
expect_eq "a deleted user's sessions go with it (ON DELETE CASCADE), others stay" \
    "$(pg_psql r1540test -c "SELECT string_agg(left(token_hash, 1) || right(token_hash, 1), ',') FROM session")" "04"
pg_psql r1540test -c "DELETE FROM session"

# ---- the rules, enforced by PostgreSQL whoever writes -----------------------------------------
refused "a session keeps a 64-digit hash, not a token" "session_token_hash_check" \
    "INSERT INTO session VALUES ('short', 1, 'c', 0, 0)"
refused "a session belongs to a user" "session_user_id_fkey" \
    "INSERT INTO session VALUES (repeat('a', 64), 999, 'c', 0, 0)"
refused "a sign-in attempt names a well-formed user name" "signin_attempt_name_check" \
    "INSERT INTO signin_attempt VALUES (90, 'a b', '192.0.2.1', 0, 'failed')"
refused "... not a longer one" "signin_attempt_name_check" \
    "INSERT INTO signin_attempt VALUES (90, repeat('a', 65), '192.0.2.1', 0, 'failed')"
refused "... an address of 1 to 64 characters" "signin_attempt_address_check" \
    "INSERT INTO signin_attempt VALUES (90, 'a', repeat('1', 65), 0, 'failed')"
refused "... an outcome of pending, failed, lifted" "signin_attempt_outcome_check" \
    "INSERT INTO signin_attempt VALUES (90, 'a', '192.0.2.1', 0, 'ok')"
refused "an API token keeps a lowercase hex SHA-256" "api_token_token_hash_check" \
    "INSERT INTO api_token (id, user_id, token_hash, scope, created) VALUES (90, 1, repeat('A', 64), 'read', 'x')"
refused "... unique" "api_token_token_hash_key" \
    "INSERT INTO api_token (id, user_id, token_hash, scope, created) SELECT 90, 1, token_hash, 'read', 'x' FROM api_token WHERE id = 1"
refused "... of a known user" "api_token_user_id_fkey" \
    "INSERT INTO api_token (id, user_id, token_hash, scope, created) VALUES (90, 999, repeat('a', 64), 'read', 'x')"
refused "... with a scope of read or write" "api_token_scope_check" \
    "INSERT INTO api_token (id, user_id, token_hash, scope, created) VALUES (90, 1, repeat('a', 64), 'admin', 'x')"
refused "... a label of at most 100 bytes (not characters)" "api_token_label_check" \
    "INSERT INTO api_token (id, user_id, token_hash, scope, label, created) VALUES (90, 1, repeat('a', 64), 'read', repeat('é', 51), 'x')"
refused "... an expiry date YYYY-MM-DD or none" "api_token_expires_check" \
    "INSERT INTO api_token (id, user_id, token_hash, scope, created, expires) VALUES (90, 1, repeat('a', 64), 'read', 'x', 'soon')"
refused "a password reset keeps a lowercase hex SHA-256" "password_reset_token_hash_check" \
    "INSERT INTO password_reset VALUES (repeat('g', 64), 1, 0, 1, 0)"
refused "... of a known user" "password_reset_user_id_fkey" \
    "INSERT INTO password_reset VALUES (repeat('a', 64), 999, 0, 1, 0)"
refused "... expiring after it was made" "password_reset_check" \
    "INSERT INTO password_reset VALUES (repeat('a', 64), 1, 5, 5, 0)"
refused "... used 0 or 1" "password_reset_used_check" \
    "INSERT INTO password_reset VALUES (repeat('a', 64), 1, 0, 1, 2)"
expect_eq "there is no login_failure table (SQLite's migration 5 replaced it by signin_attempt)" \
    "$(pg_psql r1540test -c "SELECT count(*) FROM pg_tables WHERE tablename = 'login_failure'")" 0

# ---- two servers, one database: sessions, CSRF, the sign-in limit, tokens, resets ----------------
LOG=$T/server
serve() { # serve NAME: starts r1540 serve on PostgreSQL; URL_NAME its address
    # the production wait for the write lock, not lib.sh's 200 ms: parallel
    # sign-ins below queue for it on a loaded machine
    R1540_BUSY_TIMEOUT_MS=5000 "$BIN" --db "$PG" serve --listen 127.0.0.1:0 --threads 2 --notify-interval 0 \
        --web "$ROOT/web" >"$LOG.$1" 2>&1 &
    eval "PID_$1=\$!"
    i=0
    while [ $i -lt 100 ]; do
        port=$(sed -n 's|^r1540 serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$LOG.$1")
        if [ -n "$port" ]; then eval "URL_$1=http://127.0.0.1:$port"; return 0; fi
        sleep 0.1
        i=$((i + 1))
    done
    not_ok "server $1 starts" "$(head -c 600 "$LOG.$1")"
    echo "1..$N"
    exit 1
}
trap 'kill $PID_A $PID_B 2>/dev/null; wait 2>/dev/null; pg_cluster_stop; rm -rf "$T"' EXIT
PID_A=; PID_B=
serve A
serve B
ok "two servers on the one PostgreSQL database"
# req CURL-ARGS...: CODE the status, $T/body the body
req() { CODE=$(curl -s -m 60 -o "$T/body" -w '%{http_code}' "$@"); [ -n "$CODE" ] || CODE=000; }
expect_code() { # expect_code NAME STATUS CURL-ARGS...
    name=$1; want=$2; shift 2
    req "$@"
    if [ "$CODE" = "$want" ]; then ok "$name"; else
        not_ok "$name" "status $CODE (wanted $want)" "$(head -c 400 "$T/body")"; fi
}
json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" "$T/body" | head -1; }
signin() { # signin URL NAME PASSWORD [JAR]
    req ${4:+-c "$4"} -H 'Content-Type: application/json' \
        -d "{\"name\":\"$2\",\"password\":\"$3\"}" "$1/api/v1/login"
}
A=$URL_A; B=$URL_B
JSON='Content-Type: application/json'

# a session idle for over 30 minutes: the next sign-in purges it
pg_psql r1540test -c "INSERT INTO session SELECT repeat('e', 64), id, 'c', 0, 0 FROM \"user\" WHERE name = 'alice'"
signin "$A" admin "$PW" "$T/jar"
expect_eq "admin signs in on server A" "$CODE" 200
csrf=$(json_field csrf)
expect_eq "... a session row in PostgreSQL, under its hash; the idle one purged" \
    "$(pg_psql r1540test -c "SELECT count(*) FROM session WHERE token_hash ~ '^[0-9a-f]{64}$' AND token_hash <> repeat('e', 64)")|$(pg_psql r1540test -c "SELECT count(*) FROM session")" "1|1"
# last_seen is written at most once a minute: made two minutes old, B sets it
pg_psql r1540test -c "UPDATE session SET last_seen = last_seen - 120"
expect_code "the session works on server B" 200 -b "$T/jar" "$B/api/v1/signins"
expect_eq "... which marks it seen (session_touch)" \
    "$(pg_psql r1540test -c "SELECT last_seen >= $(date +%s) - 60 FROM session")" t
expect_code "a write on B without the CSRF token is refused" 403 -b "$T/jar" -H "$JSON" \
    -d '{"scope":"read","label":"from B"}' "$B/api/v1/tokens"
expect_code "... with a wrong one too" 403 -b "$T/jar" -H "$JSON" -H "X-CSRF-Token: $(printf '0%.0s' $(seq 64))" \
    -d '{"scope":"read","label":"from B"}' "$B/api/v1/tokens"
expect_code "... and done with the token A gave" 201 -b "$T/jar" -H "$JSON" -H "X-CSRF-Token: $csrf" \
    -d '{"scope":"read","label":"from B"}' "$B/api/v1/tokens"
tok=$(sed -n 's/.*"\(r1540_[0-9a-f]\{64\}\)".*/\1/p' "$T/body" | head -1)
tid=$(pg_psql r1540test -c "SELECT max(id) FROM api_token")
expect_eq "... the token made on B is in the database, audited" \
    "$(pg_psql r1540test -c "SELECT label FROM api_token WHERE id = $tid")|$(p audit list --format json | grep -c '"action":"token.add"')" "from B|5"
expect_code "the Bearer token works on server A" 200 -H "Authorization: Bearer $tok" "$A/api/v1/users"
expect_code "... and on B" 200 -H "Authorization: Bearer $tok" "$B/api/v1/users"
expect_code "a read token cannot write" 403 -H "Authorization: Bearer $tok" -H "$JSON" \
    -d '{"name":"alice"}' "$A/api/v1/signins/lift"
expect_ok "r1540 token revoke on PostgreSQL" p token revoke "$tid"
expect_code "the revoked token no longer works on A" 401 -H "Authorization: Bearer $tok" "$A/api/v1/users"
expect_code "... nor on B" 401 -H "Authorization: Bearer $tok" "$B/api/v1/users"
expect_code "an unknown token does not work" 401 -H "Authorization: Bearer r1540_$(printf 'a%.0s' $(seq 64))" "$A/api/v1/users"

# The limit: 5 failures of a name from an address. Three on A, two on B,
# then the right password is refused on both; lifting it (CLI) lets it in.
for url in "$A" "$A" "$A" "$B" "$B"; do
    signin "$url" alice 'wrong wrong wrong'
    printf '%s ' "$CODE" >>"$T/wrong"
done
expect_eq "five wrong passwords, on A and B: 401 each" "$(cat "$T/wrong")" "401 401 401 401 401 "
signin "$B" alice 'a new long password'
expect_eq "... the right one is then refused on B (429)" "$CODE" 429
signin "$A" alice 'a new long password'
expect_eq "... and on A: the failures counted on both limit both" "$CODE" 429
expect_eq "... five failures kept, one lockout audited" \
    "$(p user signins --format json | grep -c '"name":"alice","address":"127.0.0.1","outcome":"failed"')|$(p audit list --format json | grep -c '"action":"signin.lockout"')" "5|1"
expect_ok "r1540 user unlock alice on PostgreSQL" p user unlock alice
expect_eq "... lifts the five" "$(cat "$T/out")" "user:alice: 5 failed sign-ins lifted"
signin "$B" alice 'a new long password' "$T/jar.alice"
expect_eq "... alice signs in on B again" "$CODE" 200
expect_code "... and her session works on A" 200 -b "$T/jar.alice" "$A/api/v1/tokens"
expect_eq "... her lifted failures stay listed; the old attempt was purged by the sign-ins" \
    "$(p user signins --format json | grep -c '"name":"alice","address":"127.0.0.1","outcome":"lifted"')|$(pg_psql r1540test -c "SELECT count(*) FROM signin_attempt WHERE name = 'old'")" "5|0"

# A reset link: issued on A, opened on B, used once, whichever server.
expect_code "admin issues a reset link for alice on B" 201 -b "$T/jar" -H "$JSON" -H "X-CSRF-Token: $csrf" \
    -d '{}' "$B/api/v1/users/alice/reset"
link=$(json_field link)
expect_eq "... a link to a 64-digit token" "$(echo "$link" | grep -c '^/en/reset/[0-9a-f]\{64\}$')" 1
expect_eq "... only its hash is stored" \
    "$(pg_psql r1540test -c "SELECT count(*) FROM password_reset WHERE token_hash = '${link##*/}'")|$(pg_psql r1540test -c "SELECT count(*) FROM password_reset")" "0|1"
expect_code "the link opens on A" 200 "$A$link"
expect_code "a new password through it on A" 303 -d 'password=the third long password' \
    -d 'password2=the third long password' "$A$link"
expect_code "... the link is then gone on B (410)" 410 "$B$link"
expect_code "... and cannot be used again there" 410 -d 'password=yet another password' \
    -d 'password2=yet another password' "$B$link"
expect_code "... alice's session ended with the reset" 401 -b "$T/jar.alice" "$B/api/v1/tokens"

# Parallel guesses at one name, half to each server: the throttle counts and
# records under the write lock both take at begin, so at most 5 are checked.
pids=
for i in $(seq 16); do
    if [ $((i % 2)) -eq 0 ]; then url=$A; else url=$B; fi
    curl -s -m 60 -o /dev/null -w '%{http_code}\n' -H "$JSON" \
        -d "{\"name\":\"carol\",\"password\":\"guess $i\"}" "$url/api/v1/login" >>"$T/parallel" &
    pids="$pids $!"
done
# shellcheck disable=SC2086 # one pid per word
wait $pids
expect_eq "16 parallel guesses on two servers: 5 checked (401), 11 refused (429)" \
    "$(grep -c 401 "$T/parallel") $(grep -c 429 "$T/parallel")" "5 11"
expect_eq "... 5 failures recorded" \
    "$(pg_psql r1540test -c "SELECT count(*) FROM signin_attempt WHERE name = 'carol' AND outcome = 'failed'")" 5

# Sign-out on B ends the session A made.
expect_code "admin signs out on B" 200 -b "$T/jar" -H "$JSON" -H "X-CSRF-Token: $csrf" -d '{}' \
    "$B/api/v1/logout"
expect_code "... the session no longer works on A" 401 -b "$T/jar" "$A/api/v1/signins"
expect_eq "... no session is left in the database" \
    "$(pg_psql r1540test -c "SELECT count(*) FROM session")" 0
expect_ok "audit verify: one unbroken chain from the two servers and the CLI" p audit verify
kill "$PID_A" "$PID_B" 2>/dev/null
wait "$PID_A" "$PID_B" 2>/dev/null
PID_A=; PID_B=
expect_eq "neither server logged an error" "$(cat "$LOG.A" "$LOG.B" | grep -ciE 'error|does not implement')" 0

done_testing
