#!/bin/sh
# HTTP tests of the hardening (issue 11): the open-data files hold only what
# the public may see; sign-in throttling keyed by account and real client
# address (X-Forwarded-For from trusted proxies only), failed sign-ins shown
# to administrators, lockouts lifted; ambiguous framing, invalid UTF-8 in
# error answers, NUL bytes in fields, bidi controls in file names, HEAD,
# static files with a query string. The real server on a loopback port, a
# fresh demo database, curl. TAP output. See docs/internals/security.md.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

no_grep() { ! grep "$@"; }

# Starts the server with extra serve options (lib.sh's start_server takes none).
start_with() {
    : "${PORT:=$(free_port)}"
    B=http://127.0.0.1:$PORT
    "$BIN" --db "$DB" serve --listen "127.0.0.1:$PORT" --threads 4 "$@" >>"$LOG" 2>&1 &
    SPID=$!
    i=0
    while [ $i -lt 100 ]; do
        curl -s -o /dev/null "$B/en/" 2>/dev/null && return 0
        kill -0 "$SPID" 2>/dev/null || break
        sleep 0.1
        i=$((i + 1))
    done
    echo "# the server did not start:"; sed 's/^/#   /' "$LOG"
    echo "Bail out! no server"
    exit 1
}

# ---- setup ----------------------------------------------------------------------
r init --demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
for spec in admin:admin exp:expert pocbfa:poc:BFA alice:provider bob:provider carol:provider; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}
    case $rest in *:*) set -- --state "${rest#*:}" ;; *) set -- ;; esac
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>>"$T/init.err" ||
        { cat "$T/init.err"; echo "Bail out! user add"; exit 1; }
done
# a private note in a proposal's history
prop=$(sqlite3 "$DB" "SELECT id FROM assistance_proposal WHERE status = 'proposed' AND provider_answer = '' ORDER BY id LIMIT 1")
r assistance proposal accept "$prop" --by provider --note 'SECRET-NOTE-42 call me on +41 22' >/dev/null 2>&1 ||
    echo "# could not record a note"
start_with --trusted-proxy 127.0.0.1

# ---- 1. open data: only what the public may see -----------------------------------
expect "r1540.json" 200 "$B/en/data/r1540.json"
cp "$T/body" "$T/open.json"
check "r1540.json holds no proposal note" no_grep -q SECRET-NOTE-42 "$T/open.json"
check "... no party's answer" no_grep -q '"provider_answer"' "$T/open.json"
check "... no proposal history" no_grep -q '"history"' "$T/open.json"
expect_eq "... no proposal at all" "$(sed -n '/^"proposals":\[$/{n;p;}' "$T/open.json")" "],"
check "... but the requests and offers" grep -q '"kind":"training"' "$T/open.json"
check "... no unpublished matrix version" \
    no_grep -qE '"status":"(draft|with-state|approved)","created"' "$T/open.json"
check "... and the published ones" grep -qE '"status":"published","created"' "$T/open.json"
expect "overview.xlsx" 200 "$B/en/data/overview.xlsx"
cp "$T/body" "$T/overview.xlsx"
# every cell of the sheet as text, in order (shared strings resolved)
xlsx_cells() {
    /usr/bin/python3 - "$1" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
ss = [re.sub(r'<[^>]+>', '', m) for m in re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode(), re.S)]
sheet = z.read('xl/worksheets/sheet1.xml').decode()
for row in re.findall(r'<row [^>]*>(.*?)</row>', sheet, re.S):
    out = []
    for attrs, body in re.findall(r'<c ([^>]*?)(?:/>|>(.*?)</c>)', row, re.S):
        v = re.search(r'<v>(.*?)</v>', body or '')
        v = v.group(1) if v else ''
        out.append(ss[int(v)] if 't="s"' in attrs and v else v)
    print('\t'.join(out))
PY
}
xlsx_cells "$T/overview.xlsx" >"$T/overview.tsv"
check "overview.xlsx can be read" grep -q '^ARM	' "$T/overview.tsv"
check "... shows no draft, no version with the state, no approved one" \
    no_grep -qE '	(draft|with-state|approved)	' "$T/overview.tsv"
arm_pub=$(sqlite3 "$DB" "SELECT max(number) FROM matrix_version WHERE state = 'ARM' AND status = 'published'")
arm_x=$(sqlite3 "$DB" "SELECT count(*) FROM matrix_entry WHERE mark = 'X' AND version_id = (SELECT id FROM matrix_version WHERE state = 'ARM' AND number = $arm_pub)")
arm_row=$(grep '^ARM	' "$T/overview.tsv")
expect_eq "... ARM's latest version is its latest published one ($arm_pub, not 5)" \
    "$(echo "$arm_row" | cut -f10)" "$arm_pub"
expect_eq "... and its X count is that version's" "$(echo "$arm_row" | cut -f13)" "$arm_x"
bdi_row=$(grep '^BDI	' "$T/overview.tsv")
check "... BDI's draft is not counted" test "$(echo "$bdi_row" | cut -f11)" != draft

# public match scores: approving (not publishing) a version changes none of them
scores() { api - GET "assistance/requests/$1"; sed 's/"score":/\n&/g' "$T/body" | sed -n 's/^"score":\([0-9]*\).*/\1/p' | tr '\n' ' '; }
before=$(scores 15)
check "request 15 (BFA) has fitting offers with scores" test -n "$before"
v=$(sqlite3 "$DB" "SELECT max(number) FROM matrix_version WHERE state = 'BFA'")
r matrix new BFA --from "$v" >/dev/null
nv=$((v + 1))
for item in $(sqlite3 "$DB" "SELECT id FROM template_item WHERE template_version = (SELECT template_version FROM matrix_version WHERE state = 'BFA' AND number = $v) AND id NOT IN (SELECT item FROM matrix_entry WHERE mark = 'X' AND version_id = (SELECT id FROM matrix_version WHERE state = 'BFA' AND number = $v)) LIMIT 40"); do
    r matrix set BFA "$nv" "$item" X >/dev/null
done
r matrix send BFA "$nv" >/dev/null && r matrix approve BFA "$nv" >/dev/null
after=$(scores 15)
expect_eq "... approving a better-covered version changes no public score" "$after" "$before"
r matrix publish BFA "$nv" >/dev/null
published=$(scores 15)
check "... publishing it does" test "$published" != "$before"

done_testing
