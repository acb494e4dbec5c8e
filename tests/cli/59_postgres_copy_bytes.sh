# Hostile bytes through `r1540 copy` SQLite -> PostgreSQL -> SQLite. The
# PostgreSQL side writes rows with COPY FROM STDIN in its text format
# (postgres_tables.c), where a backslash, a tab, a newline and a carriage
# return must be escaped, "\N" is NULL and a line "\." ended the data in old
# protocols; bytea travels as escaped hex. Text values holding all of those,
# a text of 3 MB (several of the 1 MiB pieces the copy sends), and a
# document of every byte value (3 MB) must come back byte for byte; a text
# holding a NUL byte, which PostgreSQL's text cannot hold, is refused naming
# its table and column, and the target is left empty.
. tests/cli/lib.sh
. tests/cli/pg_lib.sh
export R1540_PG_EXPERIMENTAL=1

init_db
printf 'eine Datei\n' >"$T/doc.txt"
setup() {
    r report add DEU --kind first-report --date 2004-10-20 --language de --title "plain" --file "$T/doc.txt" &&
        r matrix new DEU --date 2005-03-01 &&
        r matrix set DEU 1 OP1-NPT X --source 1 --ref "plain"
} >"$T/setup.out" 2>&1
expect_ok "a SQLite database with a report, its document and a matrix entry" setup
# Beneath r1540: values its own checks would refuse (tabs, carriage returns),
# written with sqlite3 to test the transport alone.
HOSTILE="'tab' || char(9) || 'back\\slash \\N \\t \\\\' || char(10) || '\\.' || char(10) || 'cr' || char(13) || char(10) || 'end\\'"
sqlite_only "$DB" "UPDATE report SET title = $HOSTILE,
    document = CAST(X'00095C0A0D5C2E0A5C4E' || randomblob(3000000) || X'5C' AS BLOB)
    WHERE id = 1;
  UPDATE matrix_entry SET legal_reference = $HOSTILE,
    remark = replace(hex(zeroblob(1048576)), '00', 'x' || char(9) || '\\') || char(10) || '\\.'
    WHERE version_id = 1 AND item = 'OP1-NPT'"
expect_eq "... holding hostile text (checked beneath r1540)" \
    "$(sqlite_only "$DB" "SELECT instr(title, char(9)) > 0, instr(title, char(13)) > 0, length(document) FROM report")" \
    "1|1|3000011"
r fingerprint >"$T/fp"

expect_ok "copy SQLite -> PostgreSQL" r copy "$PG"
expect_eq "the fingerprints are equal" "$(p fingerprint 2>&1)" "$(cat "$T/fp")"
expect_eq "the title's bytes, read by psql beneath r1540" \
    "$(pg_psql r1540test -c "SELECT encode(convert_to(title, 'UTF8'), 'hex') FROM report")" \
    "$(sqlite_only "$DB" "SELECT lower(hex(title)) FROM report")"
expect_eq "the 3 MB remark's length and hash, read by psql" \
    "$(pg_psql r1540test -c "SELECT length(remark), md5(remark) FROM matrix_entry")" \
    "$(sqlite_only "$DB" "SELECT length(remark) FROM matrix_entry")|$(sqlite_only "$DB" "SELECT remark FROM matrix_entry" | head -c -1 | md5sum | cut -d' ' -f1)"
expect_eq "the document's bytes, read by psql" \
    "$(pg_psql r1540test -c "SELECT md5(document) FROM report")" \
    "$(sqlite_only "$DB" "SELECT hex(document) FROM report" | xxd -r -p | md5sum | cut -d' ' -f1)"
expect_ok "copy PostgreSQL -> SQLite" p copy "$T/back.db"
expect_eq "... equal fingerprints after the round trip" "$("$BIN" --db "$T/back.db" fingerprint)" "$(cat "$T/fp")"
expect_eq "... the very bytes of each hostile value" \
    "$(sqlite_only "$T/back.db" "SELECT hex(title), hex(document) FROM report; SELECT hex(legal_reference), hex(remark) FROM matrix_entry" | sha256sum)" \
    "$(sqlite_only "$DB" "SELECT hex(title), hex(document) FROM report; SELECT hex(legal_reference), hex(remark) FROM matrix_entry" | sha256sum)"

# A NUL byte inside a text: SQLite keeps it, PostgreSQL's text cannot.
sqlite_only "$DB" "UPDATE report SET title = 'a' || CAST(X'00' AS TEXT) || 'b' WHERE id = 1"
expect_eq "a title holding a NUL byte (beneath r1540)" "$(sqlite_only "$DB" "SELECT length(CAST(title AS BLOB)) FROM report")" "3"
pg_createdb nul
expect_fail "copy refuses it, naming the table and column" 4 "table report: column title: a text holding a NUL byte" \
    r copy "$(pg_url nul)"
expect_eq "... and leaves the target database empty" \
    "$(pg_psql nul -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" "0"

done_testing
