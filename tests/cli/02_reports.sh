# Reports: adding documents, reading them back byte for byte, and bad input.
. tests/cli/lib.sh
init_db --max-document-bytes 4096

printf '%%PDF-1.4\n%% a tiny test document\n1 0 obj << >> endobj\ntrailer << >>\n%%%%EOF\n' >"$T/report.pdf"
expect_ok "add a first report with its PDF" r report add fr --kind first-report --date 2004-10-28 --language fr --title "Rapport national" --file "$T/report.pdf"
id=$(cat "$T/out")
expect_eq "the new id is printed" "$id" "1"
expect_ok "get the document back" r report get "$id" -o "$T/back.pdf"
expect_eq "the document comes back byte for byte" "$(cmp "$T/report.pdf" "$T/back.pdf" && echo same)" "same"
r report get "$id" >"$T/meta"
expect_match "sha256 is recorded" "$T/meta" "sha256: $(sha256sum "$T/report.pdf" | cut -c1-64)"
expect_match "media type detected from the bytes" "$T/meta" "application/pdf"
r report list FRA --format json >"$T/list.json"
expect_eq "report list --format json parses" "$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d[0]["kind"], d[0]["state"])' "$T/list.json")" "first-report FRA"

# Text that looks like SQL or HTML is stored and shown verbatim.
title="Robert'); DROP TABLE report;-- <script>alert(1)</script> \"quoted\""
expect_ok "SQL metacharacters in a title" r report add FRA --kind letter --date 2010-05-05 --language en --title "$title"
r report get "$(cat "$T/out")" >"$T/meta2"
expect_eq "the title comes back verbatim" "$(grep '^title: ' "$T/meta2" | cut -c8-)" "$title"
expect_eq "the report table survived" "$(json length report list)" "2"

h=$(db_hash)
head -c 5000 /dev/zero | tr '\0' 'a' >"$T/big.txt"
expect_fail "an oversized document is refused" 5 "more than the limit of 4096" r report add FRA --kind letter --date 2011-01-01 --language en --title "Big" --file "$T/big.txt"
printf '\177ELF\002\001\001\000\000\000\000\000' >"$T/program.pdf"
expect_fail "a binary that is not a document is refused" 4 "not a PDF, Word" r report add FRA --kind letter --date 2011-01-01 --language en --title "Bin" --file "$T/program.pdf"
: >"$T/empty.pdf"
expect_fail "an empty file is refused" 4 "the file is empty" r report add FRA --kind letter --date 2011-01-01 --language en --title "Empty" --file "$T/empty.pdf"
expect_fail "unknown kind" 4 "kind: must be one of" r report add FRA --kind memo --date 2011-01-01 --language en --title "x"
expect_fail "impossible date" 4 "not a date" r report add FRA --kind letter --date 2011-02-30 --language en --title "x"
expect_fail "date before resolution 1540" 4 "before resolution 1540" r report add FRA --kind letter --date 2003-01-01 --language en --title "x"
expect_fail "date in the future" 4 "in the future" r report add FRA --kind letter --date 2999-01-01 --language en --title "x"
expect_fail "bad language code" 4 "language" r report add FRA --kind letter --date 2011-01-01 --language English --title "x"
expect_fail "a title with a newline" 4 "title" r report add FRA --kind letter --date 2011-01-01 --language en --title "two
lines"
expect_fail "an empty title" 4 "title" r report add FRA --kind letter --date 2011-01-01 --language en --title ""
expect_fail "a title of 10,000 characters" 4 "title" r report add FRA --kind letter --date 2011-01-01 --language en --title "$(head -c 10000 /dev/zero | tr '\0' 't')"
expect_fail "invalid UTF-8 in a title" 4 "title" r report add FRA --kind letter --date 2011-01-01 --language en --title "$(printf 'bad \377\376 bytes')"
expect_fail "unknown state" 3 "unknown state" r report add ZZZ --kind letter --date 2011-01-01 --language en --title "x"
expect_fail "missing file" 3 "No such file" r report add FRA --kind letter --date 2011-01-01 --language en --title "x" --file "$T/nope.pdf"
expect_fail "missing required options" 2 "required" r report add FRA --kind letter
expect_eq "none of the bad reports changed the database" "$(db_hash)" "$h"

expect_fail "get an unknown id" 3 "no report with id 99" r report get 99
expect_fail "get a non-numeric id" 2 "not a number" r report get "1;DROP"
expect_fail "the file of a report without one" 3 "has no stored file" r report get 2 -o "$T/none"

# The store itself refuses an oversized document, whatever the caller. The
# byte string is written in each backend's dialect.
big=$(head -c 5000 /dev/zero | tr '\0' 'b')
if on_sqlite; then big_blob="cast('$big' as blob)" empty_blob="zeroblob(0)"
else big_blob="convert_to('$big', 'UTF8')" empty_blob="''::bytea"; fi
expect_sql_refused "the store's size limit holds for direct SQL" "larger than the maximum document size" "insert into report (id, state, kind, date, language, title, size, sha256, document) values (9999, 'FRA','letter','2011-01-01','en','x',5000,'', $big_blob)"

expect_sql_refused "the store refuses an empty document" "CHECK constraint failed" "insert into report (id, state, kind, date, language, title, size, sha256, document) values (9999, 'FRA','letter','2011-01-01','en','x',0,'', $empty_blob)"

done_testing
