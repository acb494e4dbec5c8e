# Assistance as resolution 2663 (2022) asks (issue 17, item 6): a request's
# areas, national context and contact; after delivery its outcome and the
# state's dated feedback (`r1540 assistance request feedback`), who may record
# it, bad and oversized input changing nothing, the audit entries, the JSON
# round trip (older files without the keys still import), and the IATI
# export's result (valid against the IATI 2.03 schema, the feedback left out).
. tests/cli/lib.sh
XSD=${IATI_XSD:-/work/shared/standards/iati-2.03/iati-activities-schema.xsd}
[ -f "$XSD" ] || XSD=$ROOT/../shared/standards/iati-2.03/iati-activities-schema.xsd
init_db
PW="correct horse battery staple"
for spec in pocfra:poc:FRA pocdeu:poc:DEU exp:expert; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}
    case $rest in *:*) set -- --state "${rest#*:}" ;; *) set -- ;; esac
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>>"$T/init.err" ||
        { cat "$T/init.err"; exit 1; }
done

# ---- the request's new fields ---------------------------------------------------
CONTEXT='Loi n° 2011-266; "douanes" <b>& no licensing yet
second line'
audited "a request with areas, context and contact" assistance.request.add request:1 \
    r --as pocfra assistance request add FRA --kind legislative-drafting --items OP1-NPT \
    --title "Export control law" --areas export-control,nuclear --context "$CONTEXT" \
    --contact "Direction juridique, MAE — dj@example.org"
expect_eq "... read back through JSON" \
    "$(r assistance request show 1 --format json | jq -c '[.areas, .context, .contact, .outcome, .feedback, .feedback_date]')" \
    "$(jq -cn --arg c "$CONTEXT" '["export-control,nuclear", $c, "Direction juridique, MAE — dj@example.org", "", "", ""]')"
expect_match "... and in the text view" "$(r assistance request show 1 >"$T/show"; echo "$T/show")" "^areas: export-control,nuclear$"
r assistance request add DEU --kind equipment --items OP1-NPT --title "Detectors" >/dev/null

h=$(db_hash)
n=$(audit_count)
expect_fail "an unknown area" 4 "areas: 'nuclear,space' is not a list of areas" \
    r assistance request add FRA --kind training --items OP1-NPT --title x --areas nuclear,space
expect_fail "an area twice" 4 "areas" r assistance request add FRA --kind training --items OP1-NPT --title x --areas nuclear,nuclear
expect_fail "a trailing comma in the areas" 4 "areas" r assistance request add FRA --kind training --items OP1-NPT --title x --areas nuclear,
expect_fail "a context over 4000 bytes" 4 "context: must be UTF-8 text of at most 4000 bytes" \
    r assistance request add FRA --kind training --items OP1-NPT --title x --context "$(head -c 4001 /dev/zero | tr '\0' x)"
expect_fail "a contact on two lines" 4 "contact: must be one line" \
    r assistance request add FRA --kind training --items OP1-NPT --title x --contact "a
b"
expect_fail "a contact with a control character" 4 "contact" \
    r assistance request add FRA --kind training --items OP1-NPT --title x --contact "$(printf 'a\033b')"
expect_fail "a contact over 300 bytes" 4 "contact" \
    r assistance request add FRA --kind training --items OP1-NPT --title x --contact "$(head -c 301 /dev/zero | tr '\0' y)"
expect_eq "refused requests change nothing and are not audited" "$(db_hash) $(audit_count)" "$h $n"
# (the long text spelled out: SQLite has no repeat(), PostgreSQL no printf())
expect_sql_refused "the store refuses a context over 4000 bytes on its own" "CHECK constraint failed" \
    "UPDATE assistance_request SET context = '$(head -c 4001 /dev/zero | tr '\0' x)' WHERE id = 1"
expect_sql_refused "the store refuses an area list name it does not know" "CHECK constraint failed" \
    "INSERT INTO assistance_request_code VALUES (1, 'colours', 1, 'red')"
expect_sql_refused "the store refuses a feedback date that is no date" "CHECK constraint failed" \
    "UPDATE assistance_request SET feedback_date = 'yesterday' WHERE id = 1"

# ---- outcome and feedback after delivery ----------------------------------------
unaudited "no feedback before delivery" 5 "Request 1 is open: the outcome is recorded once it is delivered" \
    r --as pocfra assistance request feedback 1 --outcome "too early"
r assistance offer add IAEA --kinds legislative-drafting,equipment --capacity 2 --title "IAEA offer" --items OP1-NPT >/dev/null
r match >/dev/null
P1=$(r assistance proposal list --format json | jq '.[] | select(.request == 1) | .id')
P2=$(r assistance proposal list --format json | jq '.[] | select(.request == 2) | .id')
for p in $P1 $P2; do
    r assistance proposal accept "$p" --by provider >/dev/null
    r assistance proposal accept "$p" --by state >/dev/null
    r assistance proposal deliver "$p" >/dev/null
done
expect_eq "both requests are delivered" "$(r assistance request list --format json | jq -r '[.[].status] | join(",")')" "delivered,delivered"
h=$(db_hash)
n=$(audit_count)
unaudited "another state's point of contact may not record it" 7 "" \
    r --as pocdeu assistance request feedback 1 --outcome "not mine"
unaudited "nothing given" 4 "Give the outcome or the feedback|at least one" \
    r --as pocfra assistance request feedback 1
unaudited "an outcome over 4000 bytes" 4 "outcome" \
    r --as pocfra assistance request feedback 1 --outcome "$(head -c 4001 /dev/zero | tr '\0' z)"
unaudited "a feedback with a NUL-free control character" 4 "feedback" \
    r --as pocfra assistance request feedback 1 --feedback "$(printf 'ok\001')"
unaudited "no such request" 3 "no request with id 99" r assistance request feedback 99 --outcome x
unaudited "a bad id" 2 "ID" r assistance request feedback abc --outcome x
expect_eq "refusals change nothing" "$(db_hash)" "$h"
OUTCOME='Draft law <reviewed> & "adopted" by parliament; 12 officials trained'
audited "the state's point of contact records the outcome and feedback" assistance.request.feedback request:1 \
    r --as pocfra assistance request feedback 1 --outcome "$OUTCOME" --feedback "PRIVATE-FEEDBACK: more customs training needed"
TODAY=$(date -u +%F)
expect_eq "... dated today, with what was given" \
    "$(r assistance request show 1 --format json | jq -c '[.outcome, .feedback, .feedback_date]')" \
    "$(jq -cn --arg o "$OUTCOME" --arg d "$TODAY" '[$o, "PRIVATE-FEEDBACK: more customs training needed", $d]')"
expect_eq "... the audit detail gives the date and sizes, not the texts" "$(audit_detail)" \
    "{\"date\":\"$TODAY\",\"outcome_bytes\":$(printf %s "$OUTCOME" | wc -c),\"feedback_bytes\":46}"
audited "an expert records an outcome for the other request" assistance.request.feedback request:2 \
    r --as exp assistance request feedback 2 --outcome "Detectors installed at two border posts"

# ---- export and import ------------------------------------------------------------
expect_ok "the full JSON export" r export --format json -o "$T/all.json"
expect_eq "... carries the six keys in the order of docs/formats.md" \
    "$(jq -c '.requests[0] | keys_unsorted[-6:]' "$T/all.json")" '["areas","context","contact","outcome","feedback","feedback_date"]'
COPY=$(new_db copy)
"$BIN" --db "$COPY" init >/dev/null
expect_ok "... imports into a fresh database" "$BIN" --db "$COPY" import "$T/all.json"
expect_eq "... and reads back the same" \
    "$("$BIN" --db "$COPY" assistance request show 1 --format json | jq -c '[.areas, .contact, .outcome, .feedback_date]')" \
    "$(r assistance request show 1 --format json | jq -c '[.areas, .contact, .outcome, .feedback_date]')"
jq 'del(.requests[].areas, .requests[].context, .requests[].contact, .requests[].outcome, .requests[].feedback, .requests[].feedback_date) | .proposals = [] | .requests |= map(.status = "open")' "$T/all.json" >"$T/old.json"
OLD=$(new_db old)
"$BIN" --db "$OLD" init >/dev/null
expect_ok "a file written before these keys still imports" "$BIN" --db "$OLD" import "$T/old.json"
expect_eq "... each empty" "$("$BIN" --db "$OLD" assistance request show 1 --format json | jq -c '[.areas, .context, .feedback_date]')" '["","",""]'
jq '.requests[0].areas = "nuclear,space"' "$T/old.json" >"$T/bad.json"
BAD=$(new_db bad)
"$BIN" --db "$BAD" init >/dev/null
expect_fail "an import with an unknown area is refused, naming the field" 4 "areas" "$BIN" --db "$BAD" import "$T/bad.json"
jq '.requests[0].feedback_date = "2025-01-01"' "$T/old.json" >"$T/bad.json"
expect_fail "a feedback date without outcome or feedback is refused" 4 "feedback_date" "$BIN" --db "$BAD" import "$T/bad.json"
jq '.requests[0].contact = 7' "$T/old.json" >"$T/bad.json"
expect_fail "a contact that is not a string is refused" 4 "contact: must be a string" "$BIN" --db "$BAD" import "$T/bad.json"
expect_eq "... and the refused imports left no request" "$("$BIN" --db "$BAD" assistance request list --format json | jq length)" "0"

# ---- IATI --------------------------------------------------------------------------
expect_ok "iati: export" r export --format iati -o "$T/iati.xml"
if xmllint --noout --schema "$XSD" "$T/iati.xml" 2>"$T/xmllint.err"; then
    ok "iati: with results, valid against iati-activities-schema.xsd 2.03"
else
    not_ok "iati: valid against the schema" "$(head -c 600 "$T/xmllint.err")"
fi
expect_eq "iati: each delivered activity with an outcome has one outcome result" \
    "$(xmllint --xpath 'count(//iati-activity/result[@type="2"])' "$T/iati.xml")" "2"
expect_eq "iati: the hostile outcome comes back as written" \
    "$(xmllint --xpath 'string(//iati-activity[other-identifier/@ref="r1540-request-1"]/result/description/narrative)' "$T/iati.xml")" "$OUTCOME"
if grep -qE 'PRIVATE-FEEDBACK|Direction juridique' "$T/iati.xml"; then
    not_ok "iati: no feedback, no contact" "$(grep -nE 'PRIVATE-FEEDBACK|Direction juridique' "$T/iati.xml" | head -3)"
else
    ok "iati: no feedback, no contact"
fi
done_testing
