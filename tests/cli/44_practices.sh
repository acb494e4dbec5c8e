# Effective practices and lessons learned (issue 17, item 5): a state's or an
# organization's accounts submit, an expert or the Committee publishes or
# returns with a note; who may do what; bad, hostile and oversized input
# changing nothing; the audit entries; and an unpublished practice leaking
# nowhere: list, show, the search, the open data export.
. tests/cli/lib.sh
init_db
PW="correct horse battery staple"
for spec in admin:admin com:committee exp:expert provi:provider:IAEA provo:provider:OPCW \
    pocfra:poc:FRA pocdeu:poc:DEU; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}
    case $rest in
    provider:*) set -- --org "${rest#*:}" ;;
    *:*) set -- --state "${rest#*:}" ;;
    *) set -- ;;
    esac
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>>"$T/init.err" ||
        { cat "$T/init.err"; exit 1; }
done

# ---- submitting ------------------------------------------------------------------
SUMMARY='Un guichet unique pour les licences <b>& "biens à double usage"</b>
deuxième ligne: zanzibarite'
audited "FRA's point of contact submits a practice" practice.submit practice:1 \
    r --as pocfra practice add fr --title "Guichet unique des licences" --summary "$SUMMARY" \
    --language fr --items OP1-NPT --themes export-control-regimes
expect_eq "... read back exactly, submitted, by pocfra" \
    "$(r --as pocfra practice show 1 --format json | jq -c '[.state, .org, .summary, .status, .submitter, .items, .themes, .document]')" \
    "$(jq -cn --arg s "$SUMMARY" '["FRA", "", $s, "submitted", "pocfra", "OP1-NPT", "export-control-regimes", null]')"
printf 'Radiation portal monitors at the border: quokkaline lessons.\n' >"$T/lessons.txt"
audited "an IAEA provider account submits one with a document" practice.submit practice:2 \
    r --as provi practice add --org IAEA --title "Border monitoring lessons" \
    --summary "What a decade of portal monitors taught" --language en --items OP1-NPT --file "$T/lessons.txt"
expect_eq "... the document is stored with its SHA-256" \
    "$(r --as provi practice show 2 --format json | jq -r '.document | "\(.filename) \(.size) \(.sha256)"')" \
    "lessons.txt $(wc -c <"$T/lessons.txt" | tr -d ' ') $(sha256sum "$T/lessons.txt" | cut -c1-64)"

h=$(db_hash)
n=$(audit_count)
expect_fail "a point of contact may not submit for another state" 7 "practice-submit" \
    r --as pocfra practice add DEU --title x --summary y --language en --items OP1-NPT
expect_fail "a provider may not submit for another organization" 7 "organization" \
    r --as provi practice add --org OPCW --title x --summary y --language en --items OP1-NPT
expect_fail "a point of contact may not submit for an organization" 7 "organization" \
    r --as pocfra practice add --org IAEA --title x --summary y --language en --items OP1-NPT
expect_fail "the Committee does not submit" 7 "practice-submit" \
    r --as com practice add FRA --title x --summary y --language en --items OP1-NPT
expect_fail "an unknown state" 3 "" r practice add XXX --title x --summary y --language en --items OP1-NPT
expect_fail "an unknown organization" 3 "unknown organization" \
    r practice add --org NOPE --title x --summary y --language en --items OP1-NPT
expect_fail "an unknown item" 3 "items: unknown template item 'OP9-NOPE'" \
    r practice add FRA --title x --summary y --language en --items OP9-NOPE
expect_fail "an unknown theme" 3 "themes: unknown theme 'colours'" \
    r practice add FRA --title x --summary y --language en --themes colours
expect_fail "neither item nor theme" 4 "at least one item or theme" \
    r practice add FRA --title x --summary y --language en
expect_fail "an item list with SQL in it" 4 "items: " \
    r practice add FRA --title x --summary y --language en --items "OP1-NPT','x');DROP TABLE practice;--"
expect_fail "an item twice" 4 "items" r practice add FRA --title x --summary y --language en --items OP1-NPT,OP1-NPT
expect_fail "a language that is not a UN language" 4 "language: 'de'" \
    r practice add FRA --title x --summary y --language de --items OP1-NPT
expect_fail "a title on two lines" 4 "title: give one line" \
    r practice add FRA --title "a
b" --summary y --language en --items OP1-NPT
expect_fail "a title over 300 bytes" 4 "title" \
    r practice add FRA --title "$(head -c 301 /dev/zero | tr '\0' t)" --summary y --language en --items OP1-NPT
expect_fail "a summary over 8000 bytes" 4 "summary: give 1 to 8000 bytes" \
    r practice add FRA --title x --summary "$(head -c 8001 /dev/zero | tr '\0' s)" --language en --items OP1-NPT
expect_fail "a summary with a control character" 4 "summary" \
    r practice add FRA --title x --summary "$(printf 'a\033b')" --language en --items OP1-NPT
printf '\000\001\002binary' >"$T/blob.bin"
expect_fail "a document that is no document type" 4 "not a PDF, Word, OpenDocument or text file" \
    r practice add FRA --title x --summary y --language en --items OP1-NPT --file "$T/blob.bin"
: >"$T/empty.txt"
expect_fail "an empty document" 4 "empty" \
    r practice add FRA --title x --summary y --language en --items OP1-NPT --file "$T/empty.txt"
expect_fail "both a state and an organization" 2 "one STATE or --org" \
    r practice add FRA --org IAEA --title x --summary y --language en --items OP1-NPT
expect_eq "refused submissions change nothing and are not audited" "$(db_hash) $(audit_count)" "$h $n"
# (the id given: r1540 gives max + 1 itself; PostgreSQL's column has no default)
expect_sql_refused "the store refuses a practice with both a state and an organization" "CHECK constraint failed" \
    "INSERT INTO practice (id, state, org, title, summary, language, items, themes, status, submitted, submitter) VALUES (999,'FRA','IAEA','t','s','en','OP1-NPT','','submitted','2026-01-01','x')"
expect_sql_refused "the store refuses a published practice without a decision date" "CHECK constraint failed" \
    "UPDATE practice SET status = 'published' WHERE id = 1"

# ---- nothing unpublished leaks ---------------------------------------------------
expect_eq "the public list shows no submitted practice" "$(r --as pocdeu practice list --format json | jq length)" "0"
expect_fail "another state's point of contact cannot open it" 3 "no such practice" r --as pocdeu practice show 1
expect_fail "another organization's account cannot open it" 3 "no such practice" r --as provo practice show 2
expect_eq "the submitting side sees its own" "$(r --as pocfra practice list --format json | jq -c 'map(.id)')" "[1]"
expect_eq "the experts see every submitted one" "$(r --as exp practice list --status submitted --format json | jq -c 'map(.id)')" "[2,1]"
expect_eq "the search does not find a submitted practice" \
    "$(r search zanzibarite --format json | jq -c '[.total, (.practices | length)]')" "[0,0]"
expect_ok "the open data export runs" r export --format json -o "$T/export.json"
expect_eq "the open data export does not hold it" "$(grep -c zanzibarite "$T/export.json")" "0"

# ---- the review ------------------------------------------------------------------
expect_fail "a point of contact cannot publish" 7 "practice-review" r --as pocfra practice publish 1
expect_fail "a provider cannot publish" 7 "practice-review" r --as provi practice publish 2
expect_fail "an administrator cannot publish" 7 "practice-review" r --as admin practice publish 1
unaudited "a return needs a note" 4 "note: say why" r --as exp practice return 1
unaudited "a return note over 2000 bytes" 4 "note" r --as exp practice return 1 --note "$(head -c 2001 /dev/zero | tr '\0' n)"
unaudited "no such practice" 3 "no practice 99" r --as exp practice publish 99
audited "an expert publishes FRA's practice" practice.publish practice:1 r --as exp practice publish 1
unaudited "a published practice is not published again" 5 "only a submitted practice" r --as com practice publish 1
unaudited "nor returned" 5 "only a submitted practice" r --as com practice return 1 --note late
audited "the Committee returns IAEA's with a note" practice.return practice:2 \
    r --as com practice return 2 --note "Say which border posts; <script>alert(1)</script>"
expect_eq "... the note and the decision are kept" \
    "$(r --as provi practice show 2 --format json | jq -c '[.status, .note, (.decided | length)]')" \
    '["returned","Say which border posts; <script>alert(1)</script>",10]'
expect_eq "a returned practice stays hidden from the public" "$(r --as pocdeu practice list --format json | jq -c 'map(.id)')" "[1]"
expect_eq "the public reads the published one" "$(r --as pocdeu practice show 1 --format json | jq -r .status)" "published"
expect_eq "... and finds it by item" "$(r practice list --item OP1-NPT --status published --format json | jq -c 'map(.id)')" "[1]"
expect_eq "... not under another item" "$(r practice list --item OP1-NWFZ --format json | jq length)" "0"
expect_eq "the search finds the published practice, as a practice" \
    "$(r search zanzibarite --format json | jq -c '[.practices[] | [.kind, .practice, .state]]')" '[["practice",1,"FRA"]]'
expect_eq "... but not the returned one's document" \
    "$(r search quokkaline --format json | jq -c '.practices | length')" "0"
expect_match "the text search says it is a practice" "$(r search zanzibarite >"$T/s"; echo "$T/s")" "^effective practice 1  FRA"
expect_fail "an unknown status filter" 4 "status: 'secret'" r practice list --status secret
expect_eq "the audit chain holds" "$(r audit verify >/dev/null 2>&1; echo $?)" "0"

# ---- the demo data ---------------------------------------------------------------
DB=$(new_db demo)
init_db --demo
expect_eq "the demo has four practices, all marked demo, titled so" \
    "$(r practice list --format json | jq -c '[length, all(.demo), all(.title | startswith("Demo: "))]')" '[4,true,true]'
expect_eq "... three published, one waiting for review" \
    "$(r practice list --format json | jq -c 'map(.status) | sort')" '["published","published","published","submitted"]'
expect_eq "... the published are found by the search" "$(r search "portal monitors" --format json | jq -c '[.practices[].title]')" \
    '["Demo: lessons from radiation portal monitors at borders"]'
expect_eq "... the one under review is not" "$(r search "interagency committee" --format json | jq '.practices | length')" "0"
done_testing
