# `r1540 backup` and `r1540 restore`: a consistent copy while writers run
# (the CLI and a running server), verified (integrity check, audit chain) and
# audited; a restore refuses a bad backup and an existing database without
# --force, and changes nothing when it refuses; a restore under a running
# server is served by it.
. tests/cli/lib.sh
init_db --demo
# The reports in the database, or in a backup file: a backup is the SQLite
# backend's own file, read beneath r1540 (as are its integrity check and the
# tampering below).
cnt() { if [ $# = 0 ]; then json length report list; else sqlite_only "$1" "select count(*) from report"; fi; }

expect_ok "backup --help" r backup --help
expect_fail "backup without -o is a usage error" 2 "-o FILE is required" r backup
expect_ok "backup -o FILE" r backup -o "$T/b1.db"
expect_match "... prints the copy's checks and audit head" "$T/out" "integrity ok, audit log intact: [0-9]+ entries, head [0-9a-f]{64}"
expect_eq "... the copy passes integrity_check" "$(sqlite_only "$T/b1.db" "pragma integrity_check")" ok
expect_eq "... and is one file (no -wal beside it)" "$(ls "$T" | grep -c 'b1.db-')" 0
expect_eq "... holds the same data" "$(cnt "$T/b1.db")" "$(cnt)"
expect_eq "... and is audited in the live database" "$(audit_last)" "db.backup $T/b1.db"
echo keep >"$T/exists.db"
expect_fail "backup onto an existing file is refused" 5 "exists: a backup never replaces" r backup -o "$T/exists.db"
expect_eq "... and leaves it alone" "$(cat "$T/exists.db")" keep
expect_fail "backup of a missing database fails cleanly" 6 "." "$BIN" --db "$T/none.db" backup -o "$T/b0.db"
check_none() { [ ! -e "$T/b0.db" ]; }
if check_none; then ok "... and makes no file"; else not_ok "... and makes no file"; fi

# ---- a backup taken while the CLI writes is one snapshot ------------------------------
printf 'Note verbale.\n' >"$T/note.txt"
(i=0; while [ $i -lt 40 ]; do
    "$BIN" --db "$DB" report add FRA --kind letter --date 2024-01-01 --language en \
        --title "w$i" --file "$T/note.txt" >/dev/null 2>&1; i=$((i + 1)); done) &
W=$!
sleep 0.3
expect_ok "backup while a writer adds reports" r backup -o "$T/b2.db"
wait $W
R2=$T/r2.db
expect_ok "restore of that backup into a new database" "$BIN" --db "$R2" restore "$T/b2.db"
expect_ok "... whose audit log verifies" "$BIN" --db "$R2" audit verify
expect_eq "... every report in it has its audit entry (a snapshot, not a mix)" \
    "$("$BIN" --db "$R2" audit list --format json >"$T/r2.audit" && "$BIN" --db "$R2" report list --format json |
        jq --slurpfile a "$T/r2.audit" '[.[] | select(.title | startswith("w")) | "report:\(.id)" as $o
            | select([$a[0][] | select(.action == "report.add" and .object == $o)] | length == 0)] | length')" 0
expect_eq "... and the restore is its last audit entry" \
    "$(DB=$R2 audit_last)" "db.restore $T/b2.db"

# ---- a restore refuses and changes nothing ------------------------------------------
before=$(db_hash)
expect_fail "restore onto an existing database without --force is refused" 5 "restore --force replaces it" r restore "$T/b1.db"
expect_eq "... and changes nothing" "$(db_hash)" "$before"
echo 'not a database' >"$T/junk.db"
expect_fail "restore of a file that is no database" 4 "is not a database backup" r restore --force "$T/junk.db"
expect_fail "restore of a missing file" 3 "no such file" r restore --force "$T/missing.db"
cp "$T/b1.db" "$T/tampered.db"
sqlite_only "$T/tampered.db" "pragma recursive_triggers=0; drop trigger if exists audit_no_update; update audit set actor='mallory' where seq=1" 2>/dev/null ||
    sqlite_only "$T/tampered.db" "update audit set actor='mallory' where seq=1"
expect_fail "restore of a backup whose audit log was edited" 4 "audit log fails its check" r restore --force "$T/tampered.db"
expect_eq "... changes nothing" "$(db_hash)" "$before"
expect_eq "... and the backup files are never written" "$(sqlite_only "$T/b1.db" "select count(*) from audit where action='db.restore'")" 0
expect_fail "restore with two files is a usage error" 2 "expected one backup FILE" r restore a b

# ---- under a running server ---------------------------------------------------------
# port 0: the server takes a port no other test holds and names it
"$BIN" --db "$DB" serve --listen 127.0.0.1:0 >"$T/server.log" 2>&1 &
SPID=$!
i=0
PORT=""
while [ $i -lt 100 ] && { [ -z "$PORT" ] || ! curl -s -o /dev/null "http://127.0.0.1:$PORT/en/"; }; do
    sleep 0.1
    i=$((i + 1))
    PORT=$(sed -n 's|^r1540 serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$T/server.log")
done
r report add FRA --kind letter --date 2024-02-02 --language en --title 'After the backup' --file "$T/note.txt" >/dev/null
curl -s "http://127.0.0.1:$PORT/api/v1/states/FRA" >"$T/page1"
expect_ok "backup while the server runs" r backup -o "$T/b3.db"
expect_eq "... has the server's latest write" "$(sqlite_only "$T/b3.db" "select count(*) from report where title='After the backup'")" 1
expect_ok "restore --force of an older backup under the running server" r restore --force "$T/b1.db"
sleep 0.2
curl -s "http://127.0.0.1:$PORT/api/v1/states/FRA" >"$T/page2"
if grep -q 'After the backup' "$T/page1" && ! grep -q 'After the backup' "$T/page2"; then
    ok "... the server serves the restored data"
else
    not_ok "... the server serves the restored data" "before: $(grep -c 'After the backup' "$T/page1"), after: $(grep -c 'After the backup' "$T/page2")"
fi
expect_ok "... whose audit log verifies" r audit verify
expect_eq "... integrity_check ok" "$(sqlite_only "$DB" "pragma integrity_check")" ok
kill -TERM "$SPID"
wait "$SPID"
expect_eq "the server stops cleanly" "$?" 0
done_testing
