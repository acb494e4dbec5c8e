# Durability under kill -9: in each of 20 trials a client uploads reports
# through the running server's API while `r1540 import` loads 300 reports in
# one transaction; both processes are killed with SIGKILL at a moment that
# moves from trial to trial. After each: every upload the server acknowledged
# (201) is in the database, the import is there whole or not at all (and whole
# when it said so), PRAGMA integrity_check is ok and the audit chain verifies.
. tests/cli/lib.sh
init_db --demo
PW='correct horse battery staple'
echo "$PW" | r user add pocdeu --role poc --state DEU >/dev/null
printf 'Note verbale.\n' >"$T/note.txt"
export R1540_WEB="$ROOT/web"

# The first start listens on port 0 and reads the port it got from the
# server's "serving" line (no other test can take it in between); the
# restarts after each kill listen on that $PORT again.
PORT=""
serve() {
    from=$(($(cat "$T/server.log" 2>/dev/null | wc -l) + 1))
    "$BIN" --db "$DB" serve --listen "127.0.0.1:${PORT:-0}" >>"$T/server.log" 2>&1 &
    SPID=$!
    i=0
    while [ $i -lt 200 ]; do
        [ -n "$PORT" ] ||
            PORT=$(tail -n "+$from" "$T/server.log" | sed -n 's|^r1540 serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p')
        B=http://127.0.0.1:${PORT:-0}
        [ -n "$PORT" ] && curl -s -o /dev/null "$B/en/" && break
        sleep 0.05
        i=$((i + 1))
    done
}

# an import file of 300 new reports whose titles name the trial
import_file() {
    python3 - "$1" "$T/imp$1.json" <<'EOF'
import base64, hashlib, json, sys
t = int(sys.argv[1]); reps = []
for k in range(300):
    body = ("Imported note %d/%d\n" % (t, k)).encode()
    reps.append({"id": 800000 + t * 1000 + k, "state": "DEU", "kind": "letter",
                 "date": "2024-01-01", "language": "en", "title": "imp%d-%d" % (t, k),
                 "filename": "n.txt", "media_type": "text/plain; charset=utf-8",
                 "size": len(body), "sha256": hashlib.sha256(body).hexdigest(),
                 "document": base64.b64encode(body).decode()})
json.dump({"format": "r1540", "format_version": 1, "demo": False, "template_version": 1,
           "states": [], "reports": reps, "matrices": []}, open(sys.argv[2], "w"))
EOF
}

serve
curl -s -c "$T/jar" -H 'Content-Type: application/json' \
    -d "{\"name\":\"pocdeu\",\"password\":\"$PW\"}" "$B/api/v1/login" >"$T/login"
CSRF=$(sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$T/login")
[ -n "$CSRF" ] || { echo "Bail out! sign-in"; exit 1; }
: >"$T/acked"

lost=0 torn=0 broken=0 unverified=0 acks=0 whole=0
t=1
while [ $t -le 20 ]; do
    import_file $t
    ( i=0
      while :; do
          i=$((i + 1))
          code=$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar" -H "X-CSRF-Token: $CSRF" \
              -F kind=letter -F date=2024-05-01 -F language=en -F "title=w$t-$i" \
              -F "file=@$T/note.txt" "$B/api/v1/states/DEU/reports")
          [ "$code" = 201 ] && echo "w$t-$i" >>"$T/acked"
          [ "$code" = 000 ] && break
      done ) &
    WPID=$!
    "$BIN" --db "$DB" import "$T/imp$t.json" >"$T/imp.out" 2>&1 &
    IPID=$!
    # from 0.05 s to 1 s: early in the import, in its commit, or after it
    sleep "$(awk -v t=$t 'BEGIN { printf "%.2f", 0.05 * t }')"
    kill -KILL "$SPID" "$IPID" 2>/dev/null
    wait "$IPID"
    irc=$?
    wait "$SPID" 2>/dev/null
    wait "$WPID"
    n=$(json "[.[] | select(.title | startswith(\"imp$t-\"))] | length" report list)
    if [ "$n" != 0 ] && [ "$n" != 300 ]; then torn=$((torn + 1)); fi
    if [ "$irc" = 0 ] && [ "$n" != 300 ]; then lost=$((lost + 1)); fi
    [ "$n" = 300 ] && whole=$((whole + 1))
    # SQLite's own check of its file after the kill, beneath r1540.
    [ "$(sqlite_only "$DB" "pragma integrity_check")" = ok ] || broken=$((broken + 1))
    r audit verify >/dev/null 2>&1 || unverified=$((unverified + 1))
    serve
    t=$((t + 1))
done
sort -u "$T/acked" >"$T/acked.sorted"
json '.[].title | select(test("^w.*-"))' report list | sort -u >"$T/stored"
acks=$(wc -l <"$T/acked.sorted")
missing=$(comm -23 "$T/acked.sorted" "$T/stored" | wc -l)
kill -TERM "$SPID"
wait "$SPID"

check_gt() { if [ "$2" -gt "$3" ]; then ok "$1 ($2)"; else not_ok "$1" "got $2"; fi; }
check_gt "uploads were acknowledged across the 20 trials" "$acks" 0
expect_eq "every acknowledged upload survived kill -9 ($acks of them)" "$missing" 0
expect_eq "no import is half there after kill -9 ($whole of 20 whole)" "$torn" 0
expect_eq "no import that reported success was lost" "$lost" 0
expect_eq "integrity_check is ok after every kill" "$broken" 0
expect_eq "the audit chain verifies after every kill" "$unverified" 0
expect_eq "each stored upload has its audit entry" \
    "$(r audit list --format json >"$T/audit.json" && r report list --format json | jq --slurpfile a "$T/audit.json" '[.[] | select(.title | test("^w.*-")) | .sha256 as $h
        | select([$a[0][] | select(.action == "report.add" and (.detail | contains($h)))] | length == 0)] | length')" 0
done_testing
