# `r1540 copy TARGET` (issue 14 item 3) and the fingerprint shared by both
# backends: a SQLite database built with the commands whose PostgreSQL
# operations exist (states, reports with documents and their text, matrices
# through the workflow, an account, a comment, a review answer, the audit
# log) is copied to PostgreSQL and back to a new SQLite file, and each copy
# must give the same fingerprint, `export --format json` and answers; then
# the refusals (a target holding anything, a target that is not r1540's, an
# unreachable one, a row the target refuses), which leave the target as it
# was, and never print a password given in the target's URI.
. tests/cli/lib.sh
. tests/cli/pg_lib.sh

# ---- the source: a SQLite database with a bit of everything PostgreSQL holds -----------
init_db
head -c 3000 /dev/urandom >"$T/doc.bin"
printf '%%PDF-1.4\n' | cat - "$T/doc.bin" >"$T/doc.pdf"
printf 'Loi relative à la non-prolifération des armes nucléaires.\n' >"$T/loi.txt"
setup() {
    r report add DEU --kind first-report --date 2004-10-20 --language de --title "Rapport über Ümlaute" --file "$T/doc.pdf" &&
        r report add FRA --kind letter --date 2006-01-02 --language fr --title "Lettre" --file "$T/loi.txt" &&
        r matrix new DEU --date 2005-03-01 &&
        r matrix set DEU 1 OP1-NPT X --source 1 --ref "Loi n° 1" &&
        r matrix set DEU 1 OP1-BWC NA &&
        r matrix send DEU 1 &&
        echo 'a long enough passphrase' | r user add deu-poc --role poc --state DEU &&
        r --as deu-poc matrix accept DEU 1 &&
        r matrix approve DEU 1 --date 2005-06-01 &&
        r matrix publish DEU 1 --date 2005-07-01 &&
        r matrix new DEU --from 1 --date 2006-03-01 &&
        r matrix set DEU 2 OP1-CWC '?'
} >"$T/setup.out" 2>&1
expect_ok "a SQLite database with reports, documents and their text, a published matrix, an account, a review answer" setup
expect_eq "... the review answer is there" "$(sqlite_only "$DB" "SELECT response FROM matrix_review")" "accepted"
r fingerprint >"$T/fp.sqlite"
r export --format json -o "$T/sqlite.json"

# ---- SQLite -> PostgreSQL --------------------------------------------------------------
expect_ok "copy SQLite -> PostgreSQL" r copy "$PG"
expect_match "... says how many rows it copied" "$T/out" "^copied [0-9]+ rows$"
expect_eq "... and shows no progress line when stderr is not a terminal" "$(cat "$T/err")" ""
expect_eq "the fingerprints of source and copy are equal" "$(p fingerprint 2>&1)" "$(cat "$T/fp.sqlite")"
expect_ok "audit verify passes on the copy" p audit verify
expect_eq "... the planner has statistics of every table (ANALYZE ran: none is 'never analyzed')" \
    "$(pg_psql r1540test -c "SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples < 0")" "0"
expect_eq "... and counted the matrix entries" \
    "$(pg_psql r1540test -c "SELECT reltuples::bigint = (SELECT count(*) FROM matrix_entry) AND reltuples > 0 FROM pg_class WHERE relname = 'matrix_entry'")" "t"
both "audit verify: the same chain, count and head on both" audit verify
both "report list" report list --format json
both "report get (document metadata and hash)" report get 1 --format json
p report get 1 -o "$T/back.pdf" >/dev/null 2>&1
expect_eq "the document comes back byte for byte" "$(sha256sum <"$T/back.pdf")" "$(sha256sum <"$T/doc.pdf")"
both "matrix show of the published version" matrix show DEU 1 --format json
both "matrix show of the draft made from it" matrix show DEU 2 --all
both "matrix diff" matrix diff DEU 1 2
both "user list (the account, its password still hashed)" user list
both "audit list" audit list
# the load held triggers off and foreign keys back: both are as init makes them
pg_createdb fresh
"$BIN" --db "$(pg_url fresh)" init >/dev/null 2>&1
schema_of() {
    pg_psql "$1" -c "SELECT conrelid::regclass, conname, pg_get_constraintdef(oid) FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace ORDER BY contype = 'f', CASE WHEN contype = 'f' THEN oid END, 1, 2" \
        -c "SELECT tgrelid::regclass, tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2" \
        -c "SELECT tgrelid::regclass, count(*) FROM pg_trigger WHERE tgisinternal GROUP BY 1 ORDER BY 1"
}
expect_eq "the copy's constraints (foreign keys in their order) and triggers are those init makes" \
    "$(schema_of r1540test | sha256sum)" "$(schema_of fresh | sha256sum)"
refused "the rules hold on the copy: a published version does not change" \
    "r1540: an approved matrix version cannot change" "UPDATE matrix_version SET note = 'x' WHERE id = 1"
refused "... the audit log is append-only" "r1540: the audit log is append-only" "DELETE FROM audit"
expect_eq "the password hash is copied, never re-hashed" \
    "$(pg_psql r1540test -c "SELECT pw_hash FROM \"user\" WHERE name = 'deu-poc'")" \
    "$(sqlite_only "$DB" "SELECT pw_hash FROM user WHERE name = 'deu-poc'")"
# export needs every operation of the PostgreSQL backend; on a branch where
# one is missing, say which (from r1540's own refusal) instead of comparing
if p export --format json -o "$T/pg.json" 2>"$T/err"; then
    expect_eq "export --format json of source and copy: the same bytes" \
        "$(sha256sum <"$T/pg.json")" "$(sha256sum <"$T/sqlite.json")"
elif ! grep -q "does not implement the operation" "$T/err"; then
    not_ok "export --format json of the copy" "$(head -c 600 "$T/err")"
else
    ok "# SKIP export on PostgreSQL: $(sed -n "s/.*operation '\([a-z_]*\)'.*/the backend lacks the operation \1/p" "$T/err" | head -n 1)"
fi
# ids kept, and what assigns ids moved past them: the next report and its
# pages (report_page.id is an identity column on PostgreSQL, whose sequence
# the copy moved past the copied pages) get new ids
both "a report with text added after the copy takes the next id on both" \
    report add NLD --kind letter --date 2021-01-01 --language fr --title "Après" --file "$T/loi.txt"
expect_eq "... and its page the next page id" "$(pg_psql r1540test -c "SELECT max(id) FROM report_page")" \
    "$(sqlite_only "$DB" "SELECT max(id) FROM report_page")"

# ---- PostgreSQL -> a new SQLite file ---------------------------------------------------
# (the audit entries of that last report differ in their time between the
# backends, so the PostgreSQL copy is compared with PostgreSQL's fingerprint;
# export leaves the audit log out and is compared with SQLite's)
r export --format json -o "$T/sqlite.json"
expect_ok "copy PostgreSQL -> a new SQLite file" p copy "$T/back.db"
expect_eq "the fingerprints are equal" "$("$BIN" --db "$T/back.db" fingerprint 2>&1)" "$(p fingerprint 2>&1)"
expect_ok "export --format json of the copy" "$BIN" --db "$T/back.db" export --format json -o "$T/back.json"
expect_eq "... the same bytes as the SQLite database's that went through the same commands" \
    "$(sha256sum <"$T/back.json")" "$(sha256sum <"$T/sqlite.json")"
expect_ok "audit verify passes on it" "$BIN" --db "$T/back.db" audit verify
expect_eq "search gives the same hits in the copy (the index came with the pages)" \
    "$("$BIN" --db "$T/back.db" search "prolifération" --format json 2>&1)" "$(r search "prolifération" --format json 2>&1)"
expect_eq "the copy's schema is the one init makes (tables, indexes, triggers)" \
    "$(sqlite_only "$T/back.db" "SELECT type, name, sql FROM sqlite_master ORDER BY 1, 2" | sha256sum)" \
    "$(sqlite_only "$DB" "SELECT type, name, sql FROM sqlite_master ORDER BY 1, 2" | sha256sum)"

# ---- SQLite -> SQLite, on a terminal -----------------------------------------------------
# (script, of util-linux, gives the command a terminal)
if command -v script >/dev/null; then
    script -qec "$BIN --db $DB copy $T/same.db" /dev/null >"$T/tty.out" 2>&1
    expect_match "on a terminal, a progress line names the table being copied" "$T/tty.out" \
        "copy: table [0-9]+ of [0-9]+, [a-z_]+: [0-9]+ rows"
else
    ok "# SKIP the progress line on a terminal: no script(1) to make one"
    r copy "$T/same.db" >/dev/null 2>&1
fi
expect_eq "copy SQLite -> SQLite: equal fingerprints" "$("$BIN" --db "$T/same.db" fingerprint 2>&1)" "$(r fingerprint)"

# ---- refusals: the target must hold nothing, and is left as it was ---------------------
fp=$(p fingerprint)
expect_fail "a PostgreSQL target that holds an r1540 database is refused" 5 \
    "target: already holds an r1540 database; copy writes only into an empty one" r copy "$PG"
expect_eq "... and left as it was" "$(p fingerprint)" "$fp"
expect_fail "so is a SQLite target that exists" 5 "already holds an r1540 database" p copy "$T/back.db"
pg_createdb other
pg_psql other -c "CREATE TABLE payroll (id int); INSERT INTO payroll VALUES (7)"
expect_fail "a database that is not r1540's is refused" 6 "target: postgres database other: holds 1 other table" \
    r copy "$(pg_url other)"
expect_eq "... and left alone" "$(pg_psql other -c "SELECT id FROM payroll; SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" "7
1"
printf 'not a database' >"$T/note.txt"
expect_fail "a file that is not a database is refused" 6 "target: " r copy "$T/note.txt"
expect_eq "... and left alone" "$(cat "$T/note.txt")" "not a database"
expect_fail "an unreachable target" 6 "target: postgres database nosuchdb: cannot connect" \
    r copy "$(pg_url nosuchdb)"
expect_fail "a password in the target's URI" 6 "postgres database nosuchdb" \
    r copy "postgresql://r1540:s3cr3t-pw@/nosuchdb?host=$PG_DIR"
if grep -q s3cr3t-pw "$T/out" "$T/err"; then not_ok "... is never printed" "$(cat "$T/err")"; else ok "... is never printed"; fi
pg_createdb withpw
expect_ok "a copy into a URI with a password (the test cluster trusts the socket)" \
    r copy "postgresql://r1540:s3cr3t-pw@/withpw?host=$PG_DIR"
if grep -q s3cr3t-pw "$T/out" "$T/err"; then not_ok "... prints no password" "$(cat "$T/out")"; else ok "... prints no password"; fi
expect_fail "copy takes one target" 2 "copy takes one argument" r copy
expect_fail "... not two" 2 "copy takes one argument" r copy "$T/x.db" "$T/y.db"

# A row the target's constraints refuse (put into a source copy by sqlite3
# with its CHECKs switched off): the copy fails naming the table and leaves
# no target behind, on either backend.
r copy "$T/bad.db" >/dev/null 2>&1
sqlite_only "$T/bad.db" "PRAGMA ignore_check_constraints = 1; UPDATE matrix_entry SET mark = 'Y' WHERE version_id = 2"
pg_createdb failing
expect_fail "a row PostgreSQL refuses fails the copy, naming its table" 4 "table matrix_entry: .*mark" \
    "$BIN" --db "$T/bad.db" copy "$(pg_url failing)"
expect_eq "... and leaves the target database as it was: empty" \
    "$(pg_psql failing -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'; SELECT count(*) FROM pg_proc WHERE proname LIKE 'r1540%'")" "0
0"
expect_fail "a row SQLite refuses fails the copy too" 4 "table matrix_entry: .*mark" \
    "$BIN" --db "$T/bad.db" copy "$T/bad2.db"
if [ -e "$T/bad2.db" ]; then not_ok "... and removes the file it made"; else ok "... and removes the file it made"; fi
# A reference to nothing (put in with sqlite3's foreign keys off): PostgreSQL
# checks the foreign keys when it makes them again at the end of the load
r copy "$T/dangling.db" >/dev/null 2>&1
sqlite_only "$T/dangling.db" "PRAGMA foreign_keys = OFF; UPDATE matrix_entry SET source_report = 99 WHERE version_id = 2 AND item = 'OP1-CWC'"
pg_createdb dangling
expect_fail "a row referencing nothing fails the copy to PostgreSQL" 4 "does not exist" \
    "$BIN" --db "$T/dangling.db" copy "$(pg_url dangling)"
expect_eq "... and leaves the target database empty" \
    "$(pg_psql dangling -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" "0"
expect_fail "... and to SQLite" 4 "table matrix_entry: " "$BIN" --db "$T/dangling.db" copy "$T/dangling2.db"

# ---- a matrix comment -------------------------------------------------------------------
# SQLite's matrix_comment gained columns (sent, answered, answered_by: the
# comment drafts) that PostgreSQL's may not have on this branch: the copy then
# refuses naming them (computed by r1540), and this part is skipped.
r matrix send DEU 2 >/dev/null 2>&1
expect_ok "a comment of the point of contact on version 2" \
    r --as deu-poc matrix comment DEU 2 --text "Bitte prüfen" --item OP1-CWC
pg_createdb comments
"$BIN" --db "$DB" copy "$(pg_url comments)" >"$T/out" 2>"$T/err"
rc=$?
if [ "$rc" -eq 5 ] && grep -q "the target has no place for" "$T/err"; then
    ok "# SKIP copying a comment: PostgreSQL lacks $(sed -n "s/.*no place for the source's \(.*\) (its r1540.*/\1/p" "$T/err")"
else
    expect_eq "copy with a comment to PostgreSQL" "$rc $(cat "$T/err")" "0 "
    expect_eq "... equal fingerprints" "$("$BIN" --db "$(pg_url comments)" fingerprint 2>&1)" "$(r fingerprint)"
fi

# ---- the demo: every table it fills must exist on PostgreSQL ---------------------------
# On a branch where some of the demo's tables are not in the PostgreSQL schema
# yet, the copy refuses naming them (computed by r1540, before writing
# anything): that part is skipped with their names.
"$BIN" --db "$T/demo.db" init --demo >/dev/null 2>&1
pg_createdb demo
"$BIN" --db "$T/demo.db" copy "$(pg_url demo)" >"$T/out" 2>"$T/err"
rc=$?
if [ "$rc" -eq 5 ] && grep -q "the target has no place for" "$T/err"; then
    ok "# SKIP the demo copy: PostgreSQL lacks $(sed -n "s/.*no place for the source's \(.*\) (its r1540.*/\1/p" "$T/err")"
    expect_eq "... refused before writing: the target is left empty" \
        "$(pg_psql demo -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" "0"
else
    expect_eq "init --demo, then copy to PostgreSQL" "$rc $(cat "$T/err")" "0 "
    expect_eq "... equal fingerprints" "$("$BIN" --db "$(pg_url demo)" fingerprint 2>&1)" \
        "$("$BIN" --db "$T/demo.db" fingerprint)"
    "$BIN" --db "$T/demo.db" export --format json -o "$T/demo.json"
    if "$BIN" --db "$(pg_url demo)" export --format json -o "$T/demo.pg.json" 2>"$T/err"; then
        expect_eq "... byte-identical JSON exports" "$(sha256sum <"$T/demo.pg.json")" "$(sha256sum <"$T/demo.json")"
    elif grep -q "does not implement the operation" "$T/err"; then
        ok "# SKIP the demo's export on PostgreSQL: $(sed -n "s/.*operation '\([a-z_]*\)'.*/the backend lacks the operation \1/p" "$T/err" | head -n 1)"
    else
        not_ok "the demo's export on PostgreSQL" "$(head -c 600 "$T/err")"
    fi
    # the practices' index terms (practice_fts on PostgreSQL, a column of
    # practice in the interface on both) come back too
    expect_eq "... the practices' index rows are on PostgreSQL" \
        "$(pg_psql demo -c "SELECT count(*) FROM practice_fts")" \
        "$(sqlite_only "$T/demo.db" "SELECT count(*) FROM practice_fts")"
    expect_ok "... and the way back, PostgreSQL to a new SQLite file" \
        "$BIN" --db "$(pg_url demo)" copy "$T/demo.back.db"
    expect_eq "... with the same fingerprint" "$("$BIN" --db "$T/demo.back.db" fingerprint 2>&1)" \
        "$("$BIN" --db "$T/demo.db" fingerprint)"
fi

done_testing
