#!/bin/sh
# The web server under load, against nginx serving the same bytes.
#
#   r1540 serve : a state's page (/en/states/FRA) and its API call
#                 (/api/v1/states/FRA), anonymous GETs on loopback
#   baseline    : Debian's nginx serving the bytes of those two answers, fetched
#                 once from r1540, as static files (2 workers, keep-alive,
#                 access log off), started by this script with its own config
#
# Load: wrk, 2 threads, 64 and 256 connections, BENCH_WEB_SECS (10) seconds
# each, sharing the machine's cores with the server. Figures: requests per
# second and the 99th percentile latency, with the ratios r1540 / nginx.
# Targets: throughput at least half of nginx's (ratio >= 0.5), p99 no more than
# twice nginx's (ratio <= 2), server peak RSS under 50 MB.
set -eu
cd "$(dirname "$0")/.."
BIN=$PWD/r1540
SECS=${BENCH_WEB_SECS:-10}
THREADS=${BENCH_WEB_THREADS:-}
export R1540_DATA=$PWD/data
for t in wrk nginx curl python3; do
    command -v "$t" >/dev/null 2>&1 || [ -x "/usr/sbin/$t" ] ||
        { echo "web bench: '$t' is missing (make deps)"; exit 1; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

T=$(mktemp -d "${TMPDIR:-/tmp}/r1540-webbench.XXXXXX")
R1540_PID=
NGINX_PID=
cleanup() {
    [ -n "$R1540_PID" ] && kill "$R1540_PID" 2>/dev/null && wait "$R1540_PID" 2>/dev/null
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# waits until URL answers (5 s at most)
wait_up() {
    for i in $(seq 50); do
        curl -s -o /dev/null "$1" && return 0
        sleep 0.1
    done
    echo "web bench: nothing answers at $1"
    exit 1
}

# r1540 on a demo database.
"$BIN" --db "$T/demo.db" init --demo >/dev/null
P1=$(free_port)
"$BIN" --db "$T/demo.db" serve --listen "127.0.0.1:$P1" ${THREADS:+--threads "$THREADS"} \
    >"$T/r1540.log" 2>&1 &
R1540_PID=$!
wait_up "http://127.0.0.1:$P1/en/"

# The bytes nginx serves: the two answers as r1540 gives them.
mkdir -p "$T/www"
curl -sf -o "$T/www/page.html" "http://127.0.0.1:$P1/en/states/FRA"
curl -sf -o "$T/www/api.json" "http://127.0.0.1:$P1/api/v1/states/FRA"
chmod 755 "$T" "$T/www"
chmod 644 "$T/www/page.html" "$T/www/api.json"

# nginx in the foreground, with its pid, logs and temporary files in $T so that
# it runs as root or not (as root its workers run as nobody, hence the chmod).
# Connections are kept for the whole run, as r1540 keeps them.
P2=$(free_port)
cat >"$T/nginx.conf" <<CONF
worker_processes 2;
pid $T/nginx.pid;
error_log $T/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    types { text/html html; application/json json; }
    client_body_temp_path $T/client_body;
    proxy_temp_path $T/proxy;
    fastcgi_temp_path $T/fastcgi;
    uwsgi_temp_path $T/uwsgi;
    scgi_temp_path $T/scgi;
    server {
        listen 127.0.0.1:$P2;
        root $T/www;
    }
}
CONF
"$NGINX" -e "$T/nginx-error.log" -p "$T" -c "$T/nginx.conf" -g 'daemon off;' 2>>"$T/nginx-error.log" &
NGINX_PID=$!
wait_up "http://127.0.0.1:$P2/page.html"
curl -sf "http://127.0.0.1:$P2/page.html" | cmp -s - "$T/www/page.html" ||
    { echo "web bench: nginx does not serve the page's bytes"; exit 1; }

# run URL CONNS: wrk's requests/s and p99 in ms, as "RPS P99"; fails on errors.
run() {
    wrk -t2 -c"$2" -d"${SECS}s" --latency "$1" >"$T/wrk.out" 2>&1
    if grep -q -e 'Non-2xx' -e 'Socket errors' "$T/wrk.out"; then
        echo "web bench: errors under load at $1 ($2 connections):" >&2
        grep -e 'Non-2xx' -e 'Socket errors' "$T/wrk.out" >&2
    fi
    awk '
        /Requests\/sec:/ { rps = $2 }
        $1 == "99%" {
            v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
            p99 = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : (u == "m") ? v * 60000 : v
        }
        END { if (rps == "" || p99 == "") exit 1; printf "%.0f %.2f\n", rps, p99 }
    ' "$T/wrk.out"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "page $(($(wc -c <"$T/www/page.html") / 1024)) KiB, API answer $(($(wc -c <"$T/www/api.json") / 1024)) KiB;" \
    "wrk -t2, ${SECS} s per run; $(sed -n 's/.*(\([0-9]*\) threads).*/\1/p' "$T/r1540.log") r1540 threads, 2 nginx workers"
printf '%-10s %5s  %9s %9s %6s  %9s %9s %6s\n' "answer" "conns" "r1540 r/s" "nginx r/s" "ratio" \
    "r1540 p99" "nginx p99" "ratio"
fail=0
for what in page api; do
    case $what in
        page) path=/en/states/FRA file=page.html ;;
        api) path=/api/v1/states/FRA file=api.json ;;
    esac
    for c in 64 256; do
        set -- $(run "http://127.0.0.1:$P1$path" "$c")
        r_rps=$1 r_p99=$2
        set -- $(run "http://127.0.0.1:$P2/$file" "$c")
        n_rps=$1 n_p99=$2
        rr=$(ratio "$r_rps" "$n_rps")
        pr=$(ratio "$r_p99" "$n_p99")
        printf '%-10s %5s  %9s %9s %6s  %7sms %7sms %6s\n' "$what" "$c" "$r_rps" "$n_rps" "$rr" \
            "$r_p99" "$n_p99" "$pr"
        awk -v r="$rr" -v p="$pr" 'BEGIN { exit !(r >= 0.5 && p <= 2) }' || fail=$((fail + 1))
    done
done
echo "targets: r/s ratio >= 0.5, p99 ratio <= 2 ($fail of 4 runs miss them)"
hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$R1540_PID/status")
printf 'r1540 serve peak RSS (VmHWM): %s MB (target < 50)\n' "$(awk -v k="$hwm" 'BEGIN { printf "%.1f", k / 1024 }')"
