# The audit log: every CLI change adds exactly one entry in its transaction
# (a failed change adds none), `audit list` shows them, and `audit verify`
# finds entries edited, deleted or cut off with the sqlite3 tool.
. tests/cli/lib.sh
init_db

count() { audit_count; }
last() { audit_last; }

expect_eq "init is audited" "$(count) $(last)" "1 init database"
expect_ok "audit --help" r audit --help
audited "report add" report.add report:1 r report add DEU --kind first-report --date 2004-10-20 --language de --title "Report"
audited "matrix new" matrix.new matrix:DEU/1 r matrix new DEU --date 2005-03-01
audited "matrix set" matrix.set matrix:DEU/1 r matrix set DEU 1 OP1-NPT X --source 1
audited "matrix set - (blank)" matrix.set matrix:DEU/1 r matrix set DEU 1 OP1-NPT -
audited "matrix send" matrix.send matrix:DEU/1 r matrix send DEU 1
audited "matrix return" matrix.return matrix:DEU/1 r matrix return DEU 1
r matrix send DEU 1 >/dev/null
echo 'a long enough passphrase' | r user add deu-poc --role poc --state DEU >/dev/null
audited "matrix accept (--as the state's point of contact)" matrix.accept matrix:DEU/1 r --as deu-poc matrix accept DEU 1
audited "matrix approve" matrix.approve matrix:DEU/1 r matrix approve DEU 1 --date 2005-06-01
audited "matrix publish" matrix.publish matrix:DEU/1 r matrix publish DEU 1
expect_eq "the detail says what moved" "$(audit_detail)" '{"from":"approved","to":"published","date":"'"$(date -u +%F)"'"}'
audited "init again" init database r init

r export --format json -o "$T/a.json" >/dev/null
DB=$(new_db second)
init_db
audited "import of a JSON file" import "file:$T/a.json" r import "$T/a.json"
expect_eq "one entry with the file's SHA-256 and counts" "$(audit_detail | jq -r '"\(.sha256)|\(.reports)|\(.matrix_entries)"')" "$(sha256sum "$T/a.json" | cut -c1-64)|1|0"
r export --format csv -o "$T/csv" >/dev/null
audited "import of a CSV folder" import "folder:$T/csv" r import "$T/csv"
expect_eq "with each file's SHA-256" "$(audit_detail | jq -r '.sha256["reports.csv"]')" "$(sha256sum "$T/csv/reports.csv" | cut -c1-64)"
mkdir "$T/part" && cp "$T/csv/reports.csv" "$T/part/"
audited "import of a folder with one file" import "folder:$T/part" r import "$T/part"
expect_eq "names the files it lacks with null" "$(audit_detail | jq -c .sha256)" "{\"states.csv\":null,\"reports.csv\":\"$(sha256sum "$T/part/reports.csv" | cut -c1-64)\",\"matrix_versions.csv\":null,\"matrix_entries.csv\":null,\"memberships.csv\":null}"

n=$(count)
h=$(db_hash)
expect_fail "a refused change" 5 "cannot change" r matrix set DEU 1 OP1-NPT X
expect_fail "a bad import" 3 "no such file" r import "$T/missing.json"
echo '{"format": "nope"}' >"$T/bad.json"
expect_fail "a malformed import" 4 "bad.json" r import "$T/bad.json"
expect_eq "add no audit entry and change nothing" "$(count) $(db_hash)" "$n $h"

expect_ok "audit verify" r audit verify
head=$(json 'last | .hash' audit list)
expect_match "prints the count and the head hash" "$T/out" "^audit log intact: $n entries, head $head\$"
expect_ok "audit list" r audit list
expect_eq "lists every entry" "$(wc -l <"$T/out")" "$n"
expect_ok "audit list --from 2 --limit 2 --format json" r audit list --from 2 --limit 2 --format json
expect_eq "gives entries 2 and 3 with their hashes" "$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([e["seq"] for e in d], d[1]["prev_hash"] == d[0]["hash"])' "$T/out")" "[2, 3] True"
expect_fail "--from 0" 2 "--from: '0' is not a number" r audit list --from 0
expect_fail "--limit x" 2 "--limit: 'x' is not a number" r audit list --limit x
expect_fail "verify takes no options" 2 "takes no options" r audit verify --limit 3
expect_fail "an unknown verb" 2 "expected .audit verify" r audit fix

expect_sql_refused "the store refuses an update" "append-only" "update audit set detail = 'x' where seq = 2"
expect_sql_refused "and a delete" "append-only" "delete from audit where seq = $n"

# Tampering, each on a copy: someone who can write the database switches the
# triggers off (beneath r1540 by design: what the chain guards against).
tamper() { # NAME SQL: a copy of the database with SQL applied without the triggers
    copy=$(clone_db "$1")
    if on_sqlite; then sqlite_only "$copy" "drop trigger audit_no_update; drop trigger audit_no_delete; $2"
    else (DB=$copy; beneath "ALTER TABLE audit DISABLE TRIGGER USER; $2"); fi
    eval "$1=\$copy"
}
tamper edited "update audit set detail = '{\"tampered\":1}' where seq = 3"
expect_fail "verify names an edited entry" 5 "audit entry 3 was edited" "$BIN" --db "$edited" audit verify
tamper middle "delete from audit where seq = 2"
expect_fail "a deleted entry" 5 "audit entry 2 is missing" "$BIN" --db "$middle" audit verify
tamper newest "delete from audit where seq = $n"
expect_fail "a deleted newest entry (the meta record)" 5 "newest entries were deleted" "$BIN" --db "$newest" audit verify
tamper actor "update audit set actor = 'cli:someone-else' where seq = 1"
expect_fail "an edited actor in the first entry" 5 "audit entry 1 was edited" "$BIN" --db "$actor" audit verify
tamper inserted "insert into audit select seq + 1000, at, actor, action, object, detail, prev_hash, hash from audit where seq = 2"
expect_fail "an inserted entry" 5 "entry 1002|missing|newest" "$BIN" --db "$inserted" audit verify
expect_ok "the original still verifies" r audit verify

done_testing
