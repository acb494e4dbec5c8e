#!/bin/sh
# Memory and connection limits under hostile clients (docs/internals/security.md,
# "Memory and connection limits"), against the real server on a free loopback
# port: a body is refused before it is read when the route or the session does
# not allow it; uploads are spooled to disk under a global budget; the open-data
# files are built once and sent from files; made-up query parameters do not
# grow the answer cache and known ones stay within its byte budget; one address
# cannot hold more than --per-address connections. Memory is read from
# /proc/PID/status (growth, never time). TAP output.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

# rss KIB of the server now; hwm its peak so far
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$SPID/status"; }
hwm() { awk '/^VmHWM:/ { print $2 }' "/proc/$SPID/status"; }
# the sanitizers' quarantine keeps freed memory: no memory figures there
SAN=0
grep -q __asan_init "$BIN" && SAN=1
check_mem() { # check_mem NAME KIB-GROWTH KIB-LIMIT
    if [ $SAN = 1 ]; then ok "$1 # SKIP memory figures under ASan"; return; fi
    if [ "$2" -lt "$3" ]; then ok "$1 (grew $2 KiB)"; else not_ok "$1" "grew $2 KiB, limit $3 KiB"; fi
}

# early_status HEAD: sends the request head (Content-Length but no body) and
# prints the status of the answer that comes back without the body, "none"
# when the server waits for the body instead (10 s).
early_status() {
    python3 - "$PORT" "$1" <<'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(sys.argv[2].replace("\\r\\n", "\r\n").encode())
s.settimeout(10)
try:
    line = s.recv(64).split(b"\r\n")[0].decode()
    print(line.split(" ")[1] if line.startswith("HTTP/") else "none")
except Exception:
    print("none")
EOF
}

init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
echo "$PW" | r user add pocdeu --role poc --state DEU >/dev/null 2>>"$T/init.err" ||
    { cat "$T/init.err"; echo "Bail out! user add"; exit 1; }
SERVE_ARGS="--upload-budget 1"
start_server
api_login pocdeu || { echo "Bail out! sign-in"; exit 1; }
SID=$(sed -n 's/.*r1540_session\t\([0-9a-f]*\).*/\1/p' "$T/jar.pocdeu")
MP='Content-Type: multipart/form-data; boundary=xx\r\n'

# ---- bodies are refused before they are read ----------------------------------------
expect_eq "anonymous 20 MB upload: 401 before the body is read" \
    "$(early_status "POST /api/v1/states/FRA/reports HTTP/1.1\r\nHost: x\r\n${MP}Content-Length: 20000000\r\n\r\n")" 401
expect_eq "anonymous 20 MB upload to a page: sign-in redirect before the body" \
    "$(early_status "POST /en/states/FRA/reports HTTP/1.1\r\nHost: x\r\n${MP}Content-Length: 20000000\r\n\r\n")" 303
expect_eq "20 MB to a URL that only ends in /reports: 413 before the body" \
    "$(early_status "POST /en/nothing/reports HTTP/1.1\r\nHost: x\r\n${MP}Content-Length: 20000000\r\n\r\n")" 413
expect_eq "a PoC's upload to another state: 403 before the body" \
    "$(early_status "POST /api/v1/states/FRA/reports HTTP/1.1\r\nHost: x\r\nCookie: r1540_session=$SID\r\n${MP}Content-Length: 20000000\r\n\r\n")" 403
expect_eq "a PoC's 30 MB upload to their state: 413 before the body" \
    "$(early_status "POST /api/v1/states/DEU/reports HTTP/1.1\r\nHost: x\r\nCookie: r1540_session=$SID\r\n${MP}Content-Length: 30000000\r\n\r\n")" 413
expect_eq "an anonymous 1 MB JSON body: 413 before the body" \
    "$(early_status "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n")" 413
head -c 100000 /dev/zero | tr '\0' 'a' >"$T/big.form"
{ printf 'name=x&password='; cat "$T/big.form"; } >"$T/login.form"
expect "a 100 KB anonymous sign-in form is 413" 413 --data-binary "@$T/login.form" "$B/en/login"
expect "a chunked anonymous body over 16 KB is 413" 413 -H 'Transfer-Encoding: chunked' \
    -H 'Content-Type: application/json' --data-binary "@$T/big.form" "$B/api/v1/login"
expect "a multipart part without a field name is 400 (it crashed the server)" 400 \
    -H 'Content-Type: multipart/form-data; boundary=XyZ' \
    --data-binary @tests/fuzz/corpus/multipart/no-name.txt "$B/api/v1/login"
expect "... and the server still answers" 200 "$B/en/"
api pocdeu POST states/DEU/requests "{\"note\":\"$(head -c 50000 "$T/big.form")\"}"
check "a signed-in 50 KB JSON body is read (not 413: $CODE)" test "$CODE" != 413 -a "$CODE" != 000

# ---- uploads are spooled under a budget (here 1 MB) -------------------------------------
printf '%s\n' '%PDF-1.4' '1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj' \
    '2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj' \
    '3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>> endobj' \
    'trailer <</Root 1 0 R>>' '%%EOF' >"$T/doc.pdf"
cp "$T/doc.pdf" "$T/big.pdf"
head -c 1500000 /dev/zero | tr '\0' ' ' >>"$T/big.pdf"
upload() { # upload FILE TITLE
    req -b "$T/jar.pocdeu" -H "X-CSRF-Token: $(cat "$T/csrf.pocdeu")" -F kind=letter \
        -F date=2024-05-01 -F language=en -F "title=$2" -F "file=@$1" "$B/api/v1/states/DEU/reports"
}
upload "$T/big.pdf" over-budget
expect_eq "an upload over the spool budget is 503" "$CODE" 503
check "... and stores nothing" test "$(json '[.[] | select(.title == "over-budget")] | length' report list)" = 0
upload "$T/doc.pdf" small
expect_eq "then a small upload is stored (the budget was given back)" "$CODE" 201
id=$(json '.[] | select(.title == "small") | .id' report list)
req "$B/en/reports/$id/file"
check "... and reads back byte for byte" cmp -s "$T/body" "$T/doc.pdf"
check "no spool file is left behind" test -z "$(find "$T/tmp" -maxdepth 1 -name 'r1540-upload-*' -newer "$T/doc.pdf" 2>/dev/null)"
stop_server
expect_eq "the server stopped cleanly (no leak, no sanitizer report)" "$SRC" 0

# ---- the open-data files: built once, sent from files -------------------------------------
SERVE_ARGS=""
start_server

# a signed-in upload stalled after 15 MB holds none of them in memory (spooled)
before=$(rss)
python3 - "$PORT" "$SID" "$(cat "$T/csrf.pocdeu")" >"$T/stall" <<'EOF' &
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
part = (b'--xx\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
        b'Content-Type: application/pdf\r\n\r\n%PDF-1.4\n')
s.sendall(b"POST /api/v1/states/DEU/reports HTTP/1.1\r\nHost: x\r\n"
          b"Cookie: r1540_session=" + sys.argv[2].encode() + b"\r\nX-CSRF-Token: " +
          sys.argv[3].encode() + b"\r\nContent-Type: multipart/form-data; boundary=xx\r\n"
          b"Content-Length: 20000000\r\n\r\n" + part)
for _ in range(15 * 16):
    s.sendall(b" " * 65536)
print("stalled", flush=True)
time.sleep(3)
EOF
STALL=$!
while [ ! -s "$T/stall" ] && kill -0 $STALL 2>/dev/null; do sleep 0.1; done
sleep 0.5
check_mem "a signed-in upload stalled after 15 MB holds none of it in memory" $(($(rss) - before)) 8000
wait $STALL
req "$B/en/data/r1540.json"
cp "$T/body" "$T/export1"
expect_eq "r1540.json is 200" "$CODE" 200
check "... with the length of the file" test "$(header Content-Length)" = "$(wc -c <"$T/export1")"
req "$B/en/data/r1540.json"
check "a second download is the same bytes" cmp -s "$T/body" "$T/export1"
before=$(rss)
i=0
READERS=""
while [ $i -lt 24 ]; do
    curl -s -o /dev/null --limit-rate 100k -m 4 "$B/en/data/r1540.json" &
    READERS="$READERS $!"
    i=$((i + 1))
done
sleep 3
during=$(rss)
expect "a page answers while 24 slow readers hold the export" 200 -m 10 "$B/en/states"
# shellcheck disable=SC2086
wait $READERS
check_mem "24 slow readers of the 16 MB export hold no copy of it" $((during - before)) 60000
r report add DEU --kind letter --date 2024-06-01 --language en --title 'Fresh letter' \
    --file "$T/doc.pdf" >/dev/null
sleep 0.2
req "$B/en/data/reports.csv"
check "a change from another process is in the next export" body_has 'Fresh letter'
req "$B/en/data/overview.xlsx"
cp "$T/body" "$T/en.xlsx"
req "$B/fr/data/overview.xlsx"
check "overview.xlsx is built per language" sh -c "! cmp -s '$T/body' '$T/en.xlsx'"

# ---- the answer cache ---------------------------------------------------------------
req "$B/en/review?zz=1"
check "a made-up parameter is not echoed into the page's links" body_lacks 'zz=1'
urls() { # urls PATH N: a curl config of N URLs PATH1, PATH2, ...
    i=0
    while [ $i -lt "$2" ]; do i=$((i + 1)); printf 'url = "%s%s"\noutput = /dev/null\n' "$B/$1" $i; done
}
req "$B/en/review"
before=$(rss)
urls 'en/review?zz=' 300 | curl -s -K -
check_mem "300 made-up parameters on a 250 KB page do not grow the cache" $(($(rss) - before)) 30000
before=$(rss)
urls 'api/v1/review?msg=' 300 | curl -s -K -
check_mem "300 known parameters on a 240 KB answer stay within the 32 MB budget" \
    $(($(rss) - before)) 45000
expect "the pages still answer" 200 "$B/en/review?msg=7"
stop_server
expect_eq "the server stopped cleanly and removed its open-data folder" \
    "$SRC $(find "$T/tmp" -maxdepth 1 -name 'r1540-opendata-*' -newer "$T/en.xlsx" 2>/dev/null | wc -l)" "0 0"

# ---- connections per address -------------------------------------------------------------
SERVE_ARGS="--per-address 3"
start_server
# three connections held open until the 4th has been tried (at most 2 minutes)
python3 - "$PORT" "$T/release" >"$T/idle" <<'EOF' &
import os, socket, sys, time
ss = [socket.create_connection(("127.0.0.1", int(sys.argv[1]))) for _ in range(3)]
print("open", flush=True)
for _ in range(2400):
    if os.path.exists(sys.argv[2]): break
    time.sleep(0.05)
EOF
IDLE=$!
while [ ! -s "$T/idle" ]; do sleep 0.1; done
sleep 0.3
req -m 5 "$B/en/"
expect_eq "a 4th connection from the address is refused" "$CODE" 000
: >"$T/release"
wait $IDLE
sleep 0.3
expect "once they close, the address is served again" 200 "$B/en/"
stop_server
expect_eq "the server stopped cleanly" "$SRC" 0
SERVE_ARGS="--per-address -1"
"$BIN" --db "$DB" serve --listen 127.0.0.1:0 --per-address -1 >"$T/bad.out" 2>&1
check "--per-address -1 is a usage error" test $? -ne 0
done_testing
