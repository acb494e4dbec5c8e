# The PostgreSQL backend (issue 14), as far as it is written: a throwaway
# cluster of this script's own (tests/pg_cluster.sh, stopped on EXIT also on
# failure), the experimental switch, connecting and refusing databases that
# are not r1540's, the schema's rules enforced by PostgreSQL itself, and the
# commands whose operations exist giving byte for byte what SQLite gives.
# Operations not written yet must refuse naming themselves, never answer.
. tests/cli/lib.sh
. tests/cli/pg_lib.sh

# ---- the switch, the URI, databases that are not r1540's ---------------------------
# no switch any more: a postgres URI is used as it is, whatever the environment
# (a database of its own: r1540test stays empty for the steps below)
unset R1540_PG_EXPERIMENTAL
pg_createdb noswitch
expect_ok "without any switch, init on a postgresql URI" "$BIN" --db "$(pg_url noswitch)" init
expect_ok "... and a command reads it" "$BIN" --db "$(pg_url noswitch)" state list
expect_match "... the states are there" "$T/out" "^FRA"
expect_ok "the old switch set to anything else changes nothing" \
    env R1540_PG_EXPERIMENTAL=no "$BIN" --db "$(pg_url noswitch)" state list
expect_fail "a malformed URI is refused" 6 "not a PostgreSQL connection URI" \
    "$BIN" --db "postgresql://[::1" state list
expect_fail "a database that does not exist" 6 "cannot connect" \
    "$BIN" --db "$(pg_url nosuchdb)" state list
expect_fail "postgres: works as a prefix too, and an empty database is not r1540's" 6 \
    "an empty database, not an r1540 one" "$BIN" --db "postgres:///r1540test?host=$PG_DIR" state list
expect_fail "a password in the URI never shows in a message" 6 "postgres database nosuchdb" \
    "$BIN" --db "postgresql://r1540:s3cr3t-pw@/nosuchdb?host=$PG_DIR" state list
if grep -q s3cr3t-pw "$T/err"; then not_ok "... and the password is not printed" "$(cat "$T/err")"; else ok "... and the password is not printed"; fi
# libpq quotes what it cannot read: here a bad %-escape inside the password
expect_fail "a URI libpq cannot read is refused" 6 "not a PostgreSQL connection URI: invalid percent-encoded token" \
    "$BIN" --db "postgresql://r1540:s3cr%zzt-pw@/nosuchdb?host=$PG_DIR" state list
if grep -q 's3cr' "$T/err"; then not_ok "... without printing the password" "$(cat "$T/err")"; else ok "... without printing the password"; fi

pg_createdb other
pg_psql other -c "CREATE TABLE payroll (id int); INSERT INTO payroll VALUES (7)"
expect_fail "init refuses a database holding other tables" 6 "holds 1 other table, not an r1540 database" \
    "$BIN" --db "$(pg_url other)" init
expect_eq "... and leaves them alone" "$(pg_psql other -c "SELECT id FROM payroll; SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" "7
1"

# ---- init, and what it loaded read back as SQLite reads it ------------------------------
expect_ok "init on an empty database" p init
init_db
r state list >"$T/sqlite_states" 2>&1
expect_ok "state list" p state list
expect_eq "state list is byte-identical to SQLite's" "$(sha256sum <"$T/out")" "$(sha256sum <"$T/sqlite_states")"
# the JSON form, and filters answered from the membership periods
for args in "--format json" "--ldc" "--sids --as-of 1995-01-01" "--group AFR --format json"; do
    # shellcheck disable=SC2086 # the options are split on purpose
    r state list $args >"$T/sqlite_states" 2>&1
    # shellcheck disable=SC2086
    expect_ok "state list $args" p state list $args
    expect_eq "... byte-identical to SQLite's" "$(sha256sum <"$T/out")" "$(sha256sum <"$T/sqlite_states")"
done
expect_ok "init again reloads the reference data" p init
expect_ok "audit verify" p audit verify
expect_match "... two entries in one unbroken chain" "$T/out" "intact: 2 entries"
# counted from the list itself: each engineer appends a migration to it
migrations=$(sed -n '/postgres_migrations\[\] = {/,/};/p' "$ROOT/src/store/postgres_schema.c" |
    grep -o 'postgres_migration_[a-z0-9_]*' | wc -l)
expect_eq "the schema number is the backend's migration count" "$(pg_psql r1540test -c "SELECT version FROM r1540_schema")" "$migrations"

# ---- reports and the matrix workflow: the same commands, the same answers ----------------
# Each command runs on SQLite ($DB) and on PostgreSQL; their outputs and exit
# codes must be the same bytes. Dates are given, so nothing depends on today.
head -c 3000 /dev/urandom >"$T/doc.bin"
printf '%%PDF-1.4\n' | cat - "$T/doc.bin" >"$T/doc.pdf"
both "report add with a file" report add DEU --kind first-report --date 2004-10-20 --language de --title "Rapport über Ümlaute" --file "$T/doc.pdf"
both "report add, a second state" report add FRA --kind letter --date 2006-01-02 --language fr --title "Lettre"
both "report add of an unknown state" report add XXX --kind letter --date 2006-01-02 --language fr --title "x"
both "report list" report list
both "report list --format json" report list --format json
both "report get" report get 1 --format json
p report get 1 -o "$T/back.pdf" >/dev/null 2>&1
expect_eq "the stored file comes back byte for byte" "$(sha256sum <"$T/back.pdf")" "$(sha256sum <"$T/doc.pdf")"
both "matrix new" matrix new DEU --date 2005-03-01
both "matrix set with a source report" matrix set DEU 1 OP1-NPT X --source 1 --ref "Loi n° 1"
both "matrix set NA" matrix set DEU 1 OP1-BWC NA
both "matrix set of an unknown item" matrix set DEU 1 NOPE X
both "matrix set with another state's report" matrix set DEU 1 OP1-CWC X --source 2
both "matrix set with a missing report" matrix set DEU 1 OP1-CWC X --source 99
both "matrix send" matrix send DEU 1
both "matrix approve before the state accepted" matrix approve DEU 1 --date 2005-06-01
echo 'a long enough passphrase' | r user add deu-poc --role poc --state DEU >/dev/null 2>&1
echo 'a long enough passphrase' | p user add deu-poc --role poc --state DEU >/dev/null 2>&1
both "matrix comment (--as the point of contact)" matrix comment DEU 1 --text "Bitte prüfen" --item OP1-NPT --as deu-poc
both "matrix accept" --as deu-poc matrix accept DEU 1
both "matrix approve" matrix approve DEU 1 --date 2005-06-01
both "matrix publish" matrix publish DEU 1 --date 2005-07-01
both "matrix set on a published version" matrix set DEU 1 OP1-BWC X
both "matrix new --from" matrix new DEU --from 1 --date 2006-03-01
both "matrix show" matrix show DEU 1
both "matrix show --all" matrix show DEU 2 --all
both "matrix diff" matrix diff DEU 1 2
both "state show" state show DEU
both "status" status
# a version's entries go in one statement, each column an array literal: text
# that array syntax reads specially must come back as it went in (the import
# of a draft writes its entries again)
both "matrix set with quotes, backslashes, braces, commas and NULL" matrix set DEU 2 OP1-BWC X \
    --remark 'a "quoted" \back\\slash\, {braced, NULL}' --ref '\' --page '""'
r export --format json -o "$T/draft.json" >/dev/null 2>&1
both "import of it (its draft's entries in one statement)" import "$T/draft.json"
both "... read back the same" matrix show DEU 2 --all --format json
expect_ok "audit verify on PostgreSQL" p audit verify

# ---- the rules, enforced by PostgreSQL whoever writes -----------------------------------
refused "the audit log: no UPDATE" "r1540: the audit log is append-only" "UPDATE audit SET actor = 'x'"
refused "the audit log: no DELETE" "r1540: the audit log is append-only" "DELETE FROM audit"
refused "the audit log: no TRUNCATE" "r1540: the audit log is append-only" "TRUNCATE audit"
refused "a state code has its shape" "state_alpha3_check" \
    "INSERT INTO state SELECT 'fr1', 'QQ', '999', un_group, m49_region, m49_subregion, m49_intermediate, ldc, lldc, sids, name_ar, name_zh, name_en, name_fr, name_ru, name_es FROM state WHERE alpha3 = 'FRA'"
refused "a published version does not change" "r1540: an approved matrix version cannot change" \
    "UPDATE matrix_version SET note = 'x' WHERE state = 'DEU' AND number = 1"
refused "... nor its entries" "r1540: an approved matrix version cannot change" \
    "UPDATE matrix_entry SET mark = 'NA' WHERE version_id = 1"
refused "... nor is it deleted" "r1540: an approved matrix version cannot be deleted" \
    "DELETE FROM matrix_version WHERE id = 1"
refused "... not even by TRUNCATE" "r1540: an approved matrix version cannot" "TRUNCATE matrix_entry"
refused "a status moves only along the workflow" "r1540: the workflow does not allow" \
    "UPDATE matrix_version SET status = 'published' WHERE id = 2"
refused "a version is born a draft" "r1540: a new matrix version starts as a draft" \
    "INSERT INTO matrix_version VALUES (9, 'FRA', 1, 1, 'approved', '2005-01-01', '', '', '')"
refused "... nor does an entry go into it, also among a draft's in one statement" \
    "r1540: an approved matrix version cannot change" \
    "INSERT INTO matrix_entry (version_id, state, template_version, item, mark, legal_reference, source_report, page, remark) SELECT id, state, template_version, 'OP1-CTBT', 'X', '', NULL, '', '' FROM matrix_version WHERE state = 'DEU'"
# The frozen check of an INSERT locks its versions (FOR SHARE, migration 13):
# a status change waits for the inserting transaction, so an entry cannot
# slip into a version approved meanwhile.
pg_psql r1540test -c "BEGIN" -c "INSERT INTO matrix_entry (version_id, state, template_version, item, mark, legal_reference, source_report, page, remark) SELECT id, state, template_version, 'OP1-CTBT', 'X', '', NULL, '', '' FROM matrix_version WHERE state = 'DEU' AND number = 2" \
    -c "SELECT pg_sleep(60)" -c "ROLLBACK" >"$T/holder.out" 2>&1 &
holder=$!
for _ in $(seq 100); do
    [ "$(pg_psql r1540test -c "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'")" = 1 ] && break
    sleep 0.1
done
refused "an entry's insert holds its version against a status change until it ends" \
    "could not obtain lock on row in relation \"matrix_version\"" \
    "SELECT 1 FROM matrix_version WHERE state = 'DEU' AND number = 2 FOR NO KEY UPDATE NOWAIT"
pg_psql r1540test -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'" >/dev/null
wait "$holder"
expect_eq "... and the insert was held, never kept" \
    "$(pg_psql r1540test -c "SELECT count(*) FROM matrix_entry WHERE item = 'OP1-CTBT'")" "0"
refused "an entry's source is a report of its own state" "foreign key" \
    "INSERT INTO matrix_entry (version_id, state, template_version, item, mark, legal_reference, source_report, page, remark) SELECT 2, 'DEU', template_version, 'OP1-CWC', 'X', '', 2, '', '' FROM matrix_version WHERE id = 2"
refused "a mark has its shape" "matrix_entry_mark_check" \
    "UPDATE matrix_entry SET mark = 'Y' WHERE version_id = 2"
pg_psql r1540test -c "UPDATE meta SET value = '100' WHERE key = 'max_document_bytes'"
refused "a document over the maximum size is refused by the database" "r1540: the document is larger than the maximum" \
    "INSERT INTO report VALUES (50, 'FRA', 'letter', '2006-01-01', 'fr', 't', 'a.pdf', 'application/pdf', 101, 'x', decode(repeat('ab', 101), 'hex'))"
refused "... also when attached later" "r1540: the document is larger than the maximum" \
    "UPDATE report SET document = decode(repeat('ab', 101), 'hex') WHERE id = 2"
refused "a membership names a known state" "foreign key" \
    "INSERT INTO state_membership VALUES ('ZZZ', 'LDC', '2000-01-01', '', 'test')"
expect_ok "audit verify still passes" p audit verify

# ---- what is not written yet says so -------------------------------------------------------
# The first operation of this list still a weak stub (nm: 'W', postgres_todo.c)
# is asked through a command that reaches it and no other missing one first;
# operations get written on several branches, so the list names a few.
# When none is missing any more, there is nothing left to check here.
missing=
for pair in "fingerprint:fingerprint" "token_list:token list" "signin_list:user signins"; do
    op=${pair%%:*}
    if nm "$BIN" 2>/dev/null | grep -q " W pg_$op\$"; then missing=$pair; break; fi
done
if [ -n "$missing" ]; then
    # shellcheck disable=SC2086 # the command's words are split on purpose
    expect_fail "an operation not written yet (${missing%%:*}) refuses naming itself" 1 \
        "does not implement the operation '${missing%%:*}' yet" p ${missing#*:}
else
    ok "# SKIP every operation of the candidates is written"
fi

# ---- a failed first init removes what it made ------------------------------------------------
# A type named report (not a table: the database counts as empty) makes the
# migration that creates the report table fail after the first ones committed.
pg_createdb fresh
pg_psql fresh -c "CREATE TYPE report AS (x int)"
expect_fail "a first init that fails half-way" 1 "schema migration 3: .*\"report\" already exists" \
    "$BIN" --db "$(pg_url fresh)" init
expect_eq "... leaves no table and no function of r1540's behind" \
    "$(pg_psql fresh -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'; SELECT count(*) FROM pg_proc WHERE proname LIKE 'r1540%'")" "0
0"
pg_psql fresh -c "DROP TYPE report"
expect_ok "... so that init can start again there" "$BIN" --db "$(pg_url fresh)" init
expect_ok "init with a password in the URI (the test cluster trusts the socket)" \
    "$BIN" --db "postgresql://r1540:s3cr3t-pw@/fresh?host=$PG_DIR" init
expect_eq "... says so without the password" "$(cat "$T/out")" "postgresql://r1540:***@/fresh?host=$PG_DIR: initialized"

echo "1..$N"
