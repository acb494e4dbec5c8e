# The matrix workflow: drafts, edits, approval, immutability and comparison.
. tests/cli/lib.sh
init_db

r report add DEU --kind first-report --date 2004-10-20 --language de --title "Report" >/dev/null
expect_fail "no matrix yet" 3 "has no matrix yet" r matrix show DEU
expect_ok "a first draft" r matrix new DEU --date 2005-03-01
expect_ok "mark NPT X with a legal reference" r matrix set DEU 1 OP1-NPT X --ref "Act of 1974 ratifying the NPT" --source 1 --page "p. 3"
expect_ok "mark CWC ?" r matrix set DEU 1 OP1-CWC '?' --remark "to be checked"
expect_ok "mark an item NA" r matrix set DEU 1 OP1-BWC NA
expect_fail "an unknown template item" 3 "unknown template item" r matrix set DEU 1 OP1-NOPE X
expect_fail "blanking an unknown template item" 3 "unknown template item" r matrix set DEU 1 OP1-NOPE -
expect_fail "an unknown mark" 4 "not X, \\?, NA" r matrix set DEU 1 OP1-NPT Y
expect_fail "a source report of another state" 4 "not a report of DEU" sh -c "r() { \"$BIN\" --db \"$DB\" \"\$@\"; }; r report add FRA --kind letter --date 2006-01-01 --language fr --title x >/dev/null; r matrix set DEU 1 OP1-NPT X --source 2"
expect_fail "a source report that does not exist" 4 "no report with id 999" r matrix set DEU 1 OP1-NPT X --source 999
expect_fail "no version 7" 3 "no matrix version 7" r matrix set DEU 7 OP1-NPT X

r matrix show DEU --format json >"$T/v1.json"
expect_eq "show --format json lists the three entries" "$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["entries"]), d["status"])' "$T/v1.json")" "3 draft"
r matrix show DEU --all >"$T/all"
expect_eq "show --all lists every template item" "$(($(wc -l <"$T/all") >= 300))" "1"

expect_fail "approve straight from draft is refused" 5 "cannot become approved" r matrix approve DEU 1
expect_fail "send takes no date (none is kept)" 2 "--date goes with approve and publish" r matrix send DEU 1 --date 2005-04-01
expect_fail "matrix new from a missing version" 3 "no matrix version 9" r matrix new DEU --from 9
expect_ok "send to the state" r matrix send DEU 1
expect_ok "the state returns it with comments" r matrix return DEU 1
expect_ok "send again" r matrix send DEU 1
# The state's acceptance comes before the Committee's approval, whoever asks
# (the CLI used to approve a version the state never accepted).
echo 'a long enough passphrase' | r user add deu-poc --role poc --state DEU >/dev/null
h=$(r fingerprint)
expect_fail "approval of a version the state never accepted is refused" 5 "has not accepted" r matrix approve DEU 1 --date 2005-06-01
expect_eq "the refused approval changed nothing" "$(r fingerprint)" "$h"
expect_fail "the system actor cannot answer for the state" 7 "matrix-review" r matrix accept DEU 1
expect_ok "the state accepts (its point of contact, --as)" r --as deu-poc matrix accept DEU 1
expect_fail "approval dated before creation" 4 "before the version was created" r matrix approve DEU 1 --date 2004-01-01
expect_fail "approval dated in the future" 4 "in the future" r matrix approve DEU 1 --date 2999-06-01
expect_ok "the Committee approves" r matrix approve DEU 1 --date 2005-06-01

h=$(db_hash)
expect_fail "an approved version cannot change" 5 "approved and cannot change" r matrix set DEU 1 OP1-NPT NA
expect_sql_refused "the store refuses an UPDATE of an approved entry" "approved matrix version cannot change" "update matrix_entry set mark='NA' where item='OP1-NPT'"
expect_sql_refused "the store refuses a DELETE of an approved entry" "approved matrix version cannot change" "delete from matrix_entry"
expect_sql_refused "the store refuses an INSERT into an approved version" "approved matrix version cannot change" "insert into matrix_entry (version_id, state, template_version, item, mark, legal_reference, source_report, page, remark) values (1,'DEU',1,'OP1-CTBT','X','',NULL,'','')"
expect_sql_refused "the store refuses to delete an approved version" "cannot be deleted" "delete from matrix_version"
expect_sql_refused "the store refuses to rewrite an approved version" "cannot change" "update matrix_version set created='2001-01-01'"
expect_sql_refused "the store refuses to move an approved version back" "cannot change|workflow does not allow" "update matrix_version set status='draft'"
expect_eq "nothing changed" "$(db_hash)" "$h"

op1=$(r template list --section OP1 | wc -l)
r status --format json >"$T/status.json"
expect_eq "status counts the approved version: X, ? and NA fields of OP1" "$(/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["states_with_matrix"], d["coverage"]["OP1"]["x"], d["coverage"]["OP1"]["applicable"], d["unsure_fields"], d["coverage"]["OP2"]["x"])' "$T/status.json")" "1 1 $((op1 - 1)) 1 0"
expect_ok "publish" r matrix publish DEU 1 --date 2005-07-01
expect_ok "a new draft copies version 1" r matrix new DEU --date 2008-01-01 --note "second round"
expect_match "the copy has the three entries" "$T/out" "version 2: draft with 3 entries"
r matrix set DEU 2 OP1-CWC X --ref "Chemical Weapons Act" >/dev/null
r matrix set DEU 2 OP1-BWC - >/dev/null
r matrix set DEU 2 OP1-CTBT X >/dev/null
r matrix diff DEU 1 2 >"$T/diff"
expect_match "diff counts the changes" "$T/diff" "DEU: 3 changed items from version 1 to version 2"
expect_match "diff shows the old mark" "$T/diff" "- \\[\\?\\]"
expect_match "diff shows the new reference" "$T/diff" "\\+ \\[X\\] Chemical Weapons Act"
expect_match "diff shows an item that became blank" "$T/diff" "\\+ \\(blank\\)"
r matrix diff DEU 1 2 --format json >"$T/diff.json"
expect_eq "diff --format json" "$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["changes"]), d["changes"][0]["item"])' "$T/diff.json")" "3 OP1-CTBT"
expect_eq "diff of a version with itself is empty" "$(r matrix diff DEU 2 2 | head -1)" "DEU: 0 changed items from version 2 to version 2"
expect_fail "diff with a missing version" 3 "no matrix version 9" r matrix diff DEU 1 9
r matrix list DEU >"$T/list"
expect_match "list shows both versions" "$T/list" "v2 +draft"
expect_fail "publish a draft is refused" 5 "cannot become published" r matrix publish DEU 2

# Two items each present in one version only: the diff lists them in template order
# (OP1-NPT comes before OP1-CWC in the template).
# (A state has one version in progress at a time: version 1 is approved first.)
echo 'a long enough passphrase' | r user add fra-poc --role poc --state FRA >/dev/null
approve_fra() { r matrix send FRA "$1" && r --as fra-poc matrix accept FRA "$1" && r matrix approve FRA "$1" --date "$2"; } >/dev/null
r matrix new FRA --date 2005-01-01 >/dev/null
r matrix set FRA 1 OP1-CWC X >/dev/null
approve_fra 1 2005-01-01
expect_fail "no second version while one is in progress" 5 "already has a version in progress" sh -c "\"$BIN\" --db \"$DB\" matrix new DEU"
r matrix new FRA --date 2005-01-02 >/dev/null
r matrix set FRA 2 OP1-CWC - >/dev/null
r matrix set FRA 2 OP1-NPT X >/dev/null
expect_eq "diff lists items in template order" "$(r matrix diff FRA 1 2 | grep -v '^ ' | tail -n +2 | tr '\n' ' ')" "OP1-NPT OP1-CWC "

# `matrix new` writes a version and its entries in one transaction.
# The failure is injected beneath r1540, by a trigger in the database.
approve_fra 2 2005-01-02
if on_sqlite; then
    beneath "create trigger inject_failure before insert on matrix_entry begin select raise(abort, 'injected failure'); end;"
else
    beneath "create function inject_failure() returns trigger language plpgsql as \$\$ begin raise exception using errcode = 'check_violation', message = 'injected failure'; end \$\$;
        create trigger inject_failure before insert on matrix_entry for each row execute function inject_failure()"
fi
h=$(db_hash)
expect_fail "matrix new fails when its entries cannot be written" 4 "injected failure" r matrix new FRA --date 2005-02-01
expect_eq "the failed matrix new left no version behind" "$(db_hash)" "$h"
if on_sqlite; then beneath "drop trigger inject_failure"; else beneath "drop trigger inject_failure on matrix_entry; drop function inject_failure()"; fi

done_testing
