# r1540 serve on the command line: bad options and a bad environment are
# refused before anything listens, each with its reason and exit status; a
# good start on port 0 says which port it took, answers, and stops on SIGTERM.
. tests/cli/lib.sh
init_db

expect_ok "serve --help" r serve --help
expect_match "... names the default address" "$T/out" "127.0.0.1:8540"
expect_fail "--listen without a port" 2 "expected ADDR:PORT" r serve --listen 127.0.0.1
expect_fail "--listen with a port over 65535" 2 "0 to 65535" r serve --listen 127.0.0.1:70000
expect_fail "--listen with a port that is not a number" 2 "0 to 65535" r serve --listen 127.0.0.1:http
expect_fail "--listen with a host name, not an address" 2 "not an IPv4 address" r serve --listen localhost:8540
expect_fail "--listen with an over-long host" 2 "expected ADDR:PORT" \
    r serve --listen "$(printf '%0100d' 1):80"
expect_fail "--threads 0" 2 "threads" r serve --threads 0 --listen 127.0.0.1:0
expect_fail "--threads 65" 2 "threads" r serve --threads 65 --listen 127.0.0.1:0
expect_fail "an unknown option" 2 "unknown option" r serve --bogus
expect_fail "an extra argument" 2 "unexpected argument 'extra'" r serve extra
expect_fail "a database that does not exist" 6 "" "$BIN" --db "$T/none.db" serve --listen 127.0.0.1:0
expect_fail "a templates folder that does not exist" 3 "templates" r serve --web "$T/noweb" --listen 127.0.0.1:0

# a copy of web/ with one broken template: refused, naming the file and line
mkdir -p "$T/web"
cp -r "$ROOT/web/templates" "$ROOT/web/static" "$T/web/"
printf 'line one\n{{#open}} never closed\n' >"$T/web/templates/broken.html"
expect_fail "a template with an unclosed section" 4 "broken.html.*never closed" \
    r serve --web "$T/web" --listen 127.0.0.1:0
rm "$T/web/templates/broken.html"
rm "$T/web/static/style.css"
expect_fail "a missing static file" 3 "style.css" r serve --web "$T/web" --listen 127.0.0.1:0

# a port another program holds
python3 -c 'import socket,time,sys; s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(); print(s.getsockname()[1], flush=True); time.sleep(30)' >"$T/port" &
holder=$!
while [ ! -s "$T/port" ]; do sleep 0.1; done
expect_fail "a port in use" 1 "cannot listen on 127.0.0.1:$(cat "$T/port")" \
    r serve --listen "127.0.0.1:$(cat "$T/port")"
kill "$holder"

# port 0: the server says which port it took, answers there, stops on SIGTERM
# the binary itself in the background (not the r function: $! would be a subshell)
"$BIN" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 >"$T/serve.out" 2>"$T/serve.err" &
pid=$!
i=0
while ! grep -q "serving" "$T/serve.out" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/serve.out")
check_port() { [ -n "$port" ] && [ "$port" -gt 0 ]; }
if check_port; then ok "port 0: the server names the port it took ($port)"; else not_ok "port 0: the server names the port it took" "$(cat "$T/serve.out" "$T/serve.err")"; fi
expect_eq "... and answers there" "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/en/")" 200
kill -TERM "$pid"
wait "$pid"
expect_eq "SIGTERM: exit status 0" "$?" 0
expect_match "... and it says it is finishing" "$T/serve.out" "SIGTERM received"
done_testing
