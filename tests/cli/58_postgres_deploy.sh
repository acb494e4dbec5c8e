# docs/deployment.md followed as an operator would, on this machine (issue 14,
# "Done when"): a throwaway cluster of the script's own (tests/pg_cluster.sh)
# standing for the database host, listening on the loopback with password
# authentication as a real one does; the role and the database made as the
# guide makes them, the password in a PGPASSFILE (never on a command line);
# `init --demo` on SQLite and `r1540 copy` to PostgreSQL, `export` the same
# on both and `audit verify`; two `r1540 serve` behind a real nginx with the
# guide's upstream and proxy_next_upstream, a write through one seen through
# nginx, one killed and nginx still answering; a standby made with
# `pg_basebackup -R` as the replication role the guide makes, `serve
# --read-only --primary` on it behind its own nginx port, showing a matrix
# published on the primary and refusing sign-in with the link; /healthz on
# all; then the failover the guide describes: the primary dies, the standby is
# promoted, the servers are pointed at it and restarted, writes work there and
# nothing acknowledged before is lost (synchronous_standby_names, as the guide
# advises for that). Everything started here is stopped on EXIT, also on
# failure. No TLS: the guide's TLS lines are nginx's own, not r1540's.
. tests/cli/lib.sh
export R1540_WEB="$ROOT/web"
NGX=""
SERVERS=""
cleanup() {
    for s in $SERVERS; do kill -9 "$s" 2>/dev/null; done
    [ -z "$NGX" ] || [ ! -s "$NGX/nginx.pid" ] || kill -TERM "$(cat "$NGX/nginx.pid")" 2>/dev/null
    pg_cluster_stop
    rm -rf "$T" "$NGX"
}
trap cleanup EXIT

# free_port: a TCP port nothing listens on now (the kernel's pick)
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
bail() { not_ok "$1" "$2"; echo "1..$N"; exit 1; }

# ---- the database host: a cluster with a superuser "postgres", TCP on the loopback ------
. tests/pg_cluster.sh
PG_SUPERUSER=postgres PG_PORT=$(free_port)
pg_cluster_start >"$T/pg.log" 2>&1 || bail "a throwaway PostgreSQL cluster starts" "$(head -c 600 "$T/pg.log")"
ok "a throwaway cluster listens on localhost:$PG_PORT and on a socket in $PG_DIR"
# the guide's pg_hba.conf: the socket stays the administrator's ("sudo -u
# postgres"); over TCP a password, for the replication line too
sed -i -e 's/^\(host .*\)trust$/\1scram-sha-256/' "$PG_DIR/data/pg_hba.conf"
sed -i -e '/^host *replication *all *127/i host    replication     replicator      127.0.0.1/32            scram-sha-256' \
    -e '/^host *replication *all *::1/i host    replication     replicator      ::1/128                 scram-sha-256' \
    "$PG_DIR/data/pg_hba.conf"
pg_psql postgres -c "SELECT pg_reload_conf()" >/dev/null

# "The role and the database" (createuser --pwprompt reads the password twice)
PW='a long role password, 1540'
RPW='the replicator password, 1540'
if printf '%s\n%s\n' "$PW" "$PW" | "$PG_BIN/createuser" --pwprompt r1540 >"$T/out" 2>&1 &&
    "$PG_BIN/createdb" --owner r1540 --locale C.UTF-8 --template template0 r1540 >>"$T/out" 2>&1; then
    ok "createuser --pwprompt r1540; createdb --owner r1540 --locale C.UTF-8 --template template0 r1540"
else bail "the role and the database as the guide makes them" "$(head -c 600 "$T/out")"; fi
expect_eq "... the role is no superuser and owns the database" \
    "$(pg_psql postgres -c "SELECT rolsuper FROM pg_roles WHERE rolname = 'r1540'; SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'r1540'")" "f
r1540"
umask 077
printf 'localhost:%s:r1540:r1540:%s\n' "$PG_PORT" "$PW" >"$T/pgpass"
umask 022
# from here on r1540 knows only the URI and the password file, as in r1540.service
export PGPASSFILE="$T/pgpass"
unset PGHOST PGUSER PGPORT
R1540_DB="postgresql://r1540@localhost:$PG_PORT/r1540?connect_timeout=5"
PRIMARY_DB=$R1540_DB
pq() { "$BIN" --db "$PRIMARY_DB" "$@"; }
expect_fail "without the password file r1540 cannot connect" 6 "cannot connect.*password" \
    env PGPASSFILE=/dev/null "$BIN" --db "$PRIMARY_DB" state list

# ---- "Moving the database to PostgreSQL: r1540 copy" --------------------------------------
expect_ok "init --demo on SQLite" r init --demo
expect_ok "r1540 --db SQLITE copy 'postgresql://r1540@localhost:PORT/r1540?connect_timeout=5'" r copy "$PRIMARY_DB"
expect_ok "audit verify on PostgreSQL" pq audit verify
expect_match "... intact" "$T/out" "^audit log intact: [0-9]+ entries"
expect_eq "fingerprint: the same line on both" "$(pq fingerprint 2>&1)" "$(r fingerprint 2>&1)"
r export --format json -o - >"$T/sq.json" 2>&1
pq export --format json -o - >"$T/pg.json" 2>&1
if [ -s "$T/sq.json" ] && cmp -s "$T/sq.json" "$T/pg.json"; then ok "export --format json: byte-identical on both"
else not_ok "export --format json: byte-identical on both" "$(cmp "$T/sq.json" "$T/pg.json" 2>&1)"; fi
printf '%s\n' 'a long enough admin passphrase' | pq user add admin --role admin >/dev/null 2>&1
expect_ok "an administrator account on PostgreSQL" pq user list

# ---- "Two servers behind nginx" ----------------------------------------------------------
# serve NAME PORT DB ARGS...: r1540 serve as r1540.service starts it
serve() {
    name=$1; port=$2; db=$3; shift 3
    "$BIN" --db "$db" serve --listen "127.0.0.1:$port" --trusted-proxy 127.0.0.1 --per-address 0 \
        --threads 2 --notify-interval 0 "$@" >"$T/$name.log" 2>&1 &
    pid=$!
    SERVERS="$SERVERS $pid"
    eval "${name}_PID=$pid"
    i=0
    while [ $i -lt 300 ] && ! grep -q '^r1540 serving' "$T/$name.log"; do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1; i=$((i + 1))
    done
    grep -q '^r1540 serving' "$T/$name.log" || bail "server $name starts" "$(head -c 600 "$T/$name.log")"
}
PA=$(free_port); PB=$(free_port); PR=$(free_port); NP=$(free_port); NR=$(free_port)
serve A "$PA" "$PRIMARY_DB"
serve B "$PB" "$PRIMARY_DB"

# nginx as a process of its own, not root, with the guide's proxy settings
NGX=$(mktemp -d /tmp/r1540-nginx.XXXXXX)
NGX_AS=
if [ "$(id -u)" -eq 0 ]; then chown nobody "$NGX"; NGX_AS="runuser -u nobody --"; fi
cat >"$NGX/nginx.conf" <<EOF
worker_processes 1;
pid $NGX/nginx.pid;
error_log $NGX/error.log;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $NGX/body;
    proxy_temp_path $NGX/proxy;
    fastcgi_temp_path $NGX/fastcgi;
    uwsgi_temp_path $NGX/uwsgi;
    scgi_temp_path $NGX/scgi;
    upstream r1540 {
        server 127.0.0.1:$PA max_fails=2 fail_timeout=10s;
        server 127.0.0.1:$PB max_fails=2 fail_timeout=10s;
        keepalive 32;
    }
    upstream r1540_public {
        server 127.0.0.1:$PR;
        keepalive 8;
    }
    server {
        listen 127.0.0.1:$NP;
        client_max_body_size 26m;
        location / {
            proxy_pass http://r1540;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_read_timeout 60s;
            proxy_next_upstream error timeout http_503;
        }
    }
    server {
        listen 127.0.0.1:$NR;
        location / {
            proxy_pass http://r1540_public;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_next_upstream error timeout http_503;
        }
    }
}
EOF
[ -z "$NGX_AS" ] || chown -R nobody "$NGX"
if $NGX_AS /usr/sbin/nginx -t -q -p "$NGX" -e "$NGX/error.log" -c "$NGX/nginx.conf" >"$T/out" 2>&1 &&
    $NGX_AS /usr/sbin/nginx -p "$NGX" -e "$NGX/error.log" -c "$NGX/nginx.conf" >>"$T/out" 2>&1; then
    ok "nginx -t, and nginx started (not as root) with the guide's upstream"
else bail "nginx starts" "$(head -c 600 "$T/out" "$NGX/error.log" 2>/dev/null)"; fi
i=0; while [ $i -lt 50 ] && [ ! -s "$NGX/nginx.pid" ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "... its master runs as $( [ -n "$NGX_AS" ] && echo nobody || id -un)" \
    "$(ps -o user= -p "$(cat "$NGX/nginx.pid")" | tr -d ' ')" "$( [ -n "$NGX_AS" ] && echo nobody || id -un)"
NGINX=http://127.0.0.1:$NP
NGINX_RO=http://127.0.0.1:$NR

get() { url=$1; shift; CODE=$(curl -s -m 30 -o "$T/body" -w '%{http_code}' "$@" "$url"); }
expect_get() {
    name=$1; want=$2; pattern=$3; shift 3
    get "$@"
    if [ "$CODE" = "$want" ] && grep -qE -- "$pattern" "$T/body"; then ok "$name"; else
        not_ok "$name" "status $CODE (wanted $want)" "$(head -c 400 "$T/body")" "wanted: $pattern"
    fi
}
HEALTH='^\{"status":"ok","backend":"postgresql","schema":[0-9]+,"read_only":false,"standby":false\}$'
expect_get "/healthz on server A" 200 "$HEALTH" "http://127.0.0.1:$PA/healthz"
expect_get "/healthz on server B" 200 "$HEALTH" "http://127.0.0.1:$PB/healthz"
expect_get "/healthz through nginx" 200 "$HEALTH" "$NGINX/healthz"
expect_get "a public page through nginx" 200 'France' "$NGINX/en/states/FRA"

# a write through A: sign in on A (the session is a row of the database), make an API token
CJ="$T/cookies"
get "http://127.0.0.1:$PA/api/v1/login" -c "$CJ" -H 'Content-Type: application/json' \
    -d '{"name":"admin","password":"a long enough admin passphrase"}'
CSRF=$(sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$T/body")
[ "$CODE" = 200 ] && [ -n "$CSRF" ] && ok "sign-in on server A" || not_ok "sign-in on server A" "$CODE $(head -c 300 "$T/body")"
expect_get "a write through A: an API token made (201)" 201 '"label":"made on A"' \
    "http://127.0.0.1:$PA/api/v1/tokens" -b "$CJ" -H "X-CSRF-Token: $CSRF" \
    -H 'Content-Type: application/json' -d '{"label":"made on A"}'
# round robin: four requests through nginx reach both servers
seen=0
for i in 1 2 3 4; do
    get "$NGINX/api/v1/tokens" -b "$CJ"
    [ "$CODE" = 200 ] && grep -q '"made on A"' "$T/body" && seen=$((seen + 1))
done
expect_eq "... seen through nginx on every request, whichever server answers (and the session with it)" "$seen" 4

kill -9 "$A_PID"; wait "$A_PID" 2>/dev/null
answered=0
for i in 1 2 3 4 5 6; do get "$NGINX/en/states/DEU"; [ "$CODE" = 200 ] && answered=$((answered + 1)); done
expect_eq "server A killed (SIGKILL): nginx answers every request from B" "$answered" 6
expect_get "... the signed-in API too" 200 '"made on A"' "$NGINX/api/v1/tokens" -b "$CJ"
posted=0
for i in 1 2; do
    get "$NGINX/api/v1/tokens" -b "$CJ" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
        -d "{\"label\":\"while A is down $i\"}"
    [ "$CODE" = 201 ] && posted=$((posted + 1))
done
expect_eq "... and a POST through nginx (A refuses the connection: nothing was sent, nginx tries B)" "$posted" 2
serve A "$PA" "$PRIMARY_DB"
expect_get "A started again answers /healthz" 200 "$HEALTH" "http://127.0.0.1:$PA/healthz"

# ---- "A standby serving the public site" -----------------------------------------------
# the replication role, a password file for the standby's postgres user, pg_basebackup -R
SB_PORT=$(free_port)
SB_DIR=$PG_DIR/sb
mkdir -p "$SB_DIR" && chmod 700 "$SB_DIR"
printf '%s\n%s\n' "$RPW" "$RPW" | "$PG_BIN/createuser" -h "$PG_DIR" -p "$PG_PORT" -U postgres \
    --replication --pwprompt replicator >"$T/out" 2>&1 &&
    ok "createuser --replication --pwprompt replicator" || not_ok "createuser replicator" "$(cat "$T/out")"
printf 'localhost:%s:replication:replicator:%s\n' "$PG_PORT" "$RPW" >"$SB_DIR/pgpass"
chmod 600 "$SB_DIR/pgpass"
[ -z "$PG_AS" ] || chown -R postgres "$SB_DIR"
if PGPASSFILE=$SB_DIR/pgpass $PG_AS "$PG_BIN/pg_basebackup" -h localhost -p "$PG_PORT" -U replicator \
    -D "$SB_DIR/data" -R -X stream -c fast >"$T/out" 2>&1; then
    ok "pg_basebackup -h localhost -U replicator -D ... -R -X stream -c fast"
else not_ok "pg_basebackup -R" "$(head -c 600 "$T/out")"; fi
PG_SB_DIR=$SB_DIR # pg_cluster_stop stops it
pg_server_start "$SB_DIR/data" "$SB_DIR" "$SB_DIR/server.log" "$SB_PORT" >"$T/out" 2>&1 &&
    ok "the standby starts (hot standby, streaming)" || not_ok "the standby starts" "$(head -c 600 "$T/out")"
printf 'localhost:%s:r1540:r1540:%s\n' "$SB_PORT" "$PW" >>"$T/pgpass"
STANDBY_DB="postgresql://r1540@localhost:$SB_PORT/r1540?connect_timeout=5"
# the guide: synchronous_standby_names on the primary once the standby streams,
# so that a commit is acknowledged only when the standby has it
pg_psql postgres -c "ALTER SYSTEM SET synchronous_standby_names = '*'" -c "SELECT pg_reload_conf()" >/dev/null
i=0
while [ $i -lt 100 ] && [ "$(pg_psql postgres -c "SELECT sync_state FROM pg_stat_replication")" != sync ]; do
    sleep 0.1; i=$((i + 1))
done
expect_eq "the standby streams, synchronous" "$(pg_psql postgres -c "SELECT sync_state FROM pg_stat_replication")" sync

serve R "$PR" "$STANDBY_DB" --read-only --primary "$NGINX/"
expect_get "/healthz on the read-only server: standby, read-only, its lag" 200 \
    '^\{"status":"ok","backend":"postgresql","schema":[0-9]+,"read_only":true,"standby":true,"replica_lag_seconds":([0-9]+\.[0-9]{3}|null),"wal_receiver":true,"last_replay_seconds":([0-9]+\.[0-9]{3}|null)\}$' \
    "http://127.0.0.1:$PR/healthz"
expect_get "... and through its nginx port" 200 '"standby":true' "$NGINX_RO/healthz"
expect_get "the standby lists DEU's published versions 1 to 3 (4 is approved, not published)" 200 \
    '"number":3,.*"count":3,' "$NGINX_RO/api/v1/versions?state=DEU"
expect_get "... and has no public page for DEU v4" 404 '' "$NGINX_RO/en/states/DEU/versions/4"
expect_ok "matrix publish DEU 4 on the primary" pq matrix publish DEU 4
i=0; while [ $i -lt 750 ]; do
    get "$NGINX_RO/en/states/DEU/versions/4"; [ "$CODE" = 200 ] && break; sleep 0.02; i=$((i + 1)); done
expect_get "the standby's public page shows the matrix published on the primary" 200 \
    'Go to the primary site' "$NGINX_RO/en/states/DEU/versions/4"
expect_get "... and its API lists it" 200 '"number":4,.*"count":4,' "$NGINX_RO/api/v1/versions?state=DEU"
expect_get "sign-in on the standby is refused, with the link to the primary site" 403 \
    "href=\"$NGINX/\"" "$NGINX_RO/en/login"
expect_get "... an API sign-in too" 403 '"code":"read-only"' "$NGINX_RO/api/v1/login" \
    -H 'Content-Type: application/json' -d '{"name":"admin","password":"a long enough admin passphrase"}'

# ---- "Failover" --------------------------------------------------------------------------
expect_get "a write acknowledged just before the primary dies (through nginx)" 201 '"label":"last before"' \
    "$NGINX/api/v1/tokens" -b "$CJ" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
    -d '{"label":"last before"}'
pq audit verify >"$T/head" 2>&1
HEAD=$(sed -n 's/.*head \([0-9a-f]*\)$/\1/p' "$T/head")
$PG_AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -s stop >/dev/null 2>&1
expect_get "the primary is gone: /healthz on server A is 503" 503 '"status":"unavailable"' "http://127.0.0.1:$PA/healthz"
expect_get "... and on server B" 503 '"status":"unavailable"' "http://127.0.0.1:$PB/healthz"
# nginx passes the last server's 503 on, or gives its own 502 once max_fails
# has taken both servers out of the upstream: an error either way, at once
get "$NGINX/healthz"
case $CODE in 502 | 503) ok "... and through nginx an error at once ($CODE)" ;;
*) not_ok "... and through nginx an error at once" "status $CODE" ;; esac
expect_get "... the read-only server goes on" 200 '"standby":true' "$NGINX_RO/healthz"
if $PG_AS "$PG_BIN/pg_ctl" -D "$SB_DIR/data" -w -s promote >"$T/out" 2>&1; then ok "pg_ctl promote on the standby"
else not_ok "pg_ctl promote" "$(head -c 600 "$T/out")"; fi
expect_eq "... it is no standby any more" \
    "$("$PG_BIN/psql" -h "$SB_DIR" -p "$SB_PORT" -U postgres -d r1540 -XAtc 'SELECT pg_is_in_recovery()')" f
expect_eq "... and holds no synchronous_standby_names (writes would wait for a standby)" \
    "$("$PG_BIN/psql" -h "$SB_DIR" -p "$SB_PORT" -U postgres -d r1540 -XAtc 'SHOW synchronous_standby_names')" ""
# point the read-write servers' R1540_DB at it and restart them (same addresses: nginx unchanged)
for s in A B; do
    eval "pid=\$${s}_PID"; kill -TERM "$pid"; wait "$pid" 2>/dev/null
done
serve A "$PA" "$STANDBY_DB"
serve B "$PB" "$STANDBY_DB"
expect_get "after the restart /healthz through nginx is 200, on the promoted database" 200 "$HEALTH" "$NGINX/healthz"
"$BIN" --db "$STANDBY_DB" audit verify >"$T/out" 2>&1
expect_eq "the audit chain on the new primary is intact and ends at the head kept before the failure" \
    "$(sed -n 's/.*head \([0-9a-f]*\)$/\1/p' "$T/out")" "$HEAD"
expect_get "the write acknowledged before the failure is there" 200 '"last before"' "$NGINX/api/v1/tokens" -b "$CJ"
expect_get "the session made on the old primary still works; a write on the new one (201)" 201 \
    '"label":"after failover"' "$NGINX/api/v1/tokens" -b "$CJ" -H "X-CSRF-Token: $CSRF" \
    -H 'Content-Type: application/json' -d '{"label":"after failover"}'
expect_get "... seen through the other server too" 200 '"after failover"' "http://127.0.0.1:$PB/api/v1/tokens" -b "$CJ"
expect_ok "audit verify on the new primary after the new writes" "$BIN" --db "$STANDBY_DB" audit verify
expect_get "the read-only server, on the promoted database, goes on read-only" 200 \
    '"read_only":true,"standby":false' "$NGINX_RO/healthz"
for s in A B R; do eval "pid=\$${s}_PID"; kill -TERM "$pid"; wait "$pid" 2>/dev/null; done
ok "the servers stop on SIGTERM"
echo "1..$N"
