# Working with states and partners (issue 17): the IATI 2.03 export of
# assistance under way or delivered (checked against the official schema with
# xmllint; hostile text escaped; nothing private leaves; bad options change
# nothing), and the roster of points of contact through `r1540 contact`
# with --as for each role, and outreach to states that do not report
# (`r1540 outreach`).
. tests/cli/lib.sh
XSD=${IATI_XSD:-/work/shared/standards/iati-2.03/iati-activities-schema.xsd}
[ -f "$XSD" ] || XSD=$ROOT/../shared/standards/iati-2.03/iati-activities-schema.xsd
init_db

# ---- IATI ------------------------------------------------------------------
expect_fail "iati: nothing under way yet is said, not an invalid empty file" 3 \
    "no accepted or delivered assistance to export" r export --format iati -o "$T/none.xml"
expect_eq "iati: and no file is left" "$(ls "$T"/none.xml* 2>/dev/null | wc -l)" "0"

HOSTILE='<b>&amp; "quoted" '"'x'"' ]]> <![CDATA['
r assistance request add FRA --kind legislative-drafting --items OP1-NPT --title "$HOSTILE" \
    --description "first line
second line </narrative><x/>" --start 2026-01-01 --end 2026-12-31 >/dev/null
r assistance request add DEU --kind equipment --items OP1-NPT --title "Detectors" >/dev/null
r assistance offer add IAEA --kinds legislative-drafting,equipment --capacity 2 --title "IAEA offer" --items OP1-NPT >/dev/null
r match >"$T/match.out"
expect_eq "iati: the match proposes both requests" "$(json 'length' assistance proposal list)" "2"
r assistance proposal accept 1 --by provider --note "PRIVATE-NOTE-1" >/dev/null
r assistance proposal accept 1 --by state >/dev/null
r assistance proposal accept 2 --by provider >/dev/null
r assistance proposal accept 2 --by state >/dev/null
r assistance proposal deliver 2 --note "PRIVATE-NOTE-2" >/dev/null
h=$(db_hash)
expect_ok "iati: export" r export --format iati -o "$T/iati.xml"
if xmllint --noout --schema "$XSD" "$T/iati.xml" 2>"$T/xmllint.err"; then
    ok "iati: valid against iati-activities-schema.xsd 2.03"
else
    not_ok "iati: valid against the schema" "$(head -c 600 "$T/xmllint.err")"
fi
expect_eq "iati: one activity per accepted or delivered proposal" \
    "$(grep -c '<iati-activity ' "$T/iati.xml")" "2"
expect_eq "iati: the hostile title comes back as it was written" \
    "$(xmllint --xpath 'string(//iati-activity[1]/title/narrative)' "$T/iati.xml")" "$HOSTILE"
expect_eq "iati: a multi-line description with markup comes back as it was written" \
    "$(xmllint --xpath 'string(//iati-activity[1]/description/narrative)' "$T/iati.xml")" "first line
second line </narrative><x/>"
expect_eq "iati: under way = status 2, delivered = status 3" \
    "$(xmllint --xpath '//activity-status/@code' "$T/iati.xml" | tr -d ' \n')" 'code="2"code="3"'
expect_eq "iati: legislative drafting is DAC sector 15130, equipment 15210" \
    "$(xmllint --xpath '//sector/@code' "$T/iati.xml" | tr -d ' \n')" 'code="15130"code="15210"'
expect_eq "iati: recipients as ISO 3166 alpha-2" \
    "$(xmllint --xpath '//recipient-country/@code' "$T/iati.xml" | tr -d ' \n')" 'code="FR"code="DE"'
expect_eq "iati: planned start and end from the request" \
    "$(xmllint --xpath 'string(//iati-activity[1]/activity-date[@type="1"]/@iso-date)' "$T/iati.xml") $(xmllint --xpath 'string(//iati-activity[1]/activity-date[@type="3"]/@iso-date)' "$T/iati.xml")" \
    "2026-01-01 2026-12-31"
expect_eq "iati: a delivered activity has its actual end date" \
    "$(xmllint --xpath 'count(//iati-activity[2]/activity-date[@type="4"])' "$T/iati.xml")" "1"
expect_eq "iati: the provider, in six languages" \
    "$(xmllint --xpath 'count(//iati-activity[1]/participating-org[@role="4"]/narrative)' "$T/iati.xml")" "6"
if grep -qE 'PRIVATE-NOTE|score|explanation' "$T/iati.xml"; then
    not_ok "iati: no notes, scores or explanations" "$(grep -nE 'PRIVATE-NOTE|score|explanation' "$T/iati.xml" | head -3)"
else
    ok "iati: no notes, scores or explanations"
fi
r export --format iati -o - >"$T/stdout.xml"
expect_eq "iati: -o - writes the same activities to standard output" \
    "$(grep -v generated-datetime "$T/stdout.xml" | sha256sum)" "$(grep -v generated-datetime "$T/iati.xml" | sha256sum)"
expect_ok "iati: --reporting-org" r export --format iati --reporting-org XM-DAC-00000 -o "$T/org.xml"
expect_eq "iati: identifiers carry the reporting organisation's prefix" \
    "$(xmllint --xpath 'string(//iati-activity[1]/iati-identifier)' "$T/org.xml")" "XM-DAC-00000-assistance-1"
expect_fail "iati: a hostile reporting organisation is refused" 4 \
    "reporting organisation: '<x>\"' is not 1-64 of" r export --format iati --reporting-org '<x>"' -o "$T/bad.xml"
expect_fail "iati: an oversized reporting organisation is refused" 4 "is not 1-64 of" \
    r export --format iati --reporting-org "$(printf '%065d' 0)" -o "$T/bad.xml"
expect_fail "iati: --state is refused (the export covers every state)" 2 "covers every state" \
    r export --format iati --state FRA -o "$T/bad.xml"
expect_fail "--reporting-org without iati" 2 "is for --format iati" \
    r export --format json --reporting-org X -o "$T/bad.json"
expect_eq "iati: no refused export left a file" "$(ls "$T"/bad.* 2>/dev/null | wc -l)" "0"
expect_eq "iati: exports change nothing" "$(db_hash)" "$h"

# ---- the roster of points of contact ----------------------------------------
for spec in admin:admin com:committee exp:expert prov:provider pocfra:poc:FRA pocdeu:poc:DEU; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}
    case $rest in *:*) set -- --state "${rest#*:}" ;; *) set -- ;; esac
    echo 'correct horse battery staple' | r user add "$name" --role "$role" "$@" >/dev/null
done
audited "FRA's point of contact adds to FRA's roster" contact.add contact:1 \
    r --as pocfra contact add fr --person "Jeanne d'Arc; \"JD\"" --function "Conseillère" \
    --areas nuclear,export-control --languages fr,en --since 2020-01-01
expect_eq "... the audit detail names the state, not the person" "$(audit_detail)" '{"state":"FRA"}'
expect_eq "... read back" "$(r --as pocfra contact show 1 --format json | jq -c '[.person, .areas, .languages, .since, .trainings]')" \
    "[\"Jeanne d'Arc; \\\"JD\\\"\",\"nuclear,export-control\",\"fr,en\",\"2020-01-01\",[]]"
for u in admin com exp pocfra; do
    expect_eq "roster of FRA: $u reads it" "$(r --as $u contact list FRA | wc -l)" 1
done
for u in pocdeu prov; do
    expect_fail "roster of FRA: $u may not read it" 7 "roster-read" r --as $u contact list FRA
done
expect_fail "a point of contact may not list every state's roster" 7 "roster-read" r --as pocfra contact list
h=$(db_hash)
expect_fail "DEU's point of contact cannot add to FRA's roster" 7 "roster-edit" r --as pocdeu contact add FRA --person X --areas general --since 2020-01-01
expect_fail "nor can an expert" 7 "roster-edit" r --as exp contact add FRA --person X --areas general --since 2020-01-01
expect_fail "DEU's point of contact cannot change FRA's entry" 7 "roster-read" r --as pocdeu contact update 1 --person X
expect_fail "no areas" 4 "areas: give one or more" r --as pocfra contact add FRA --person X --since 2020-01-01
expect_fail "an unknown area" 4 "areas:" r --as pocfra contact add FRA --person X --areas general,weather --since 2020-01-01
expect_fail "a name too long" 4 "person: give one line of 1 to 200 bytes" r --as pocfra contact add FRA --person "$(printf '%0201d' 0)" --areas general --since 2020-01-01
expect_fail "a name over two lines" 4 "person:" r --as pocfra contact add FRA --person "A
B" --areas general --since 2020-01-01
expect_fail "an upper-case language" 4 "languages:" r --as pocfra contact add FRA --person X --areas general --languages EN --since 2020-01-01
expect_fail "a bad date" 2 "--since" r --as pocfra contact add FRA --person X --areas general --since 2020-02-30
expect_fail "an unknown state" 3 "" r --as pocfra contact add XX --person X --areas general --since 2020-01-01
expect_fail "linking is for administrators" 7 "roster-link" r --as pocfra contact link 1 pocfra
expect_fail "linking to another state's account is refused" 5 "same state" r --as admin contact link 1 pocdeu
expect_fail "recording attendance is not for points of contact" 7 "attendance-record" r --as pocfra contact attend 1 1
expect_eq "refusals changed nothing" "$(db_hash)" "$h"
audited "an administrator links the entry to FRA's account" contact.link contact:1 r --as admin contact link 1 pocfra
r event add --kind training-course --title "PoC training" --start 2024-05-01 --state FRA,DEU >/dev/null
audited "an expert records attendance" attendance.set event:1 r --as exp contact attend 1 1
expect_eq "... DEU's point of contact sees none of FRA's attendees" "$(r --as pocdeu contact attendance 1 | wc -l)" 0
expect_eq "... FRA's sees its own" "$(r --as pocfra contact attendance 1 | wc -l)" 1
r export --format json -o "$T/all.json"
expect_eq "a full JSON export holds no roster entry" "$(grep -c "Jeanne" "$T/all.json")" 0
audited "FRA's point of contact removes the entry" contact.remove contact:1 r --as pocfra contact remove 1
expect_eq "... and its attendance" "$(r contact attendance 1 | wc -l)" 0
expect_ok "the audit log verifies" r audit verify

# ---- outreach to states that do not report -----------------------------------
# In this database no state has reported: all 193 are "never reported".
expect_eq "silent: every state that never reported, none with outreach yet" \
    "$(r outreach silent --format json | jq -c '[length, (map(select(.years_silent == -1 and .last_outreach == null)) | length)]')" "[193,193]"
audited "an expert records a letter to a state that never reported" outreach.add outreach:1 \
    r --as exp outreach add GIN --kind letter --date 2025-03-01 --subject 'Reminder: first report; "note verbale" <b>'
expect_eq "... audited with state, kind and date" "$(audit_detail)" '{"state":"GIN","kind":"letter","date":"2025-03-01"}'
audited "... and a later visit" outreach.add outreach:2 r --as com outreach add gn --kind visit --date 2025-09-10 --subject "Country visit"
expect_eq "silent: the last outreach shows, the count too" \
    "$(r outreach silent --format json | jq -c '.[] | select(.state == "GIN") | [.last_outreach.kind, .last_outreach.date, .outreach_count]')" '["visit","2025-09-10",2]'
audited "Guinea's answer, recorded by the Committee" outreach.answer outreach:2 \
    r --as com outreach answer 2 --date 2025-10-01 --text "A first report is being drafted.
It will follow in 2026."
expect_eq "... shown with the last outreach" \
    "$(r outreach silent --format json | jq -r '.[] | select(.state == "GIN") | .last_outreach.answer_date')" "2025-10-01"
r report add FRA --kind first-report --date 2010-05-01 --language fr --title "Premier rapport" >/dev/null
expect_eq "silent --years 10 as of 2026-01-01: France, last report 2010, 15 years" \
    "$(r outreach silent --years 10 --as-of 2026-01-01 --format json | jq -c '.[] | select(.state == "FRA") | [.last_report, .years_silent]')" '["2010-05-01",15]'
expect_eq "silent --years 20: France is not listed" \
    "$(r outreach silent --years 20 --as-of 2026-01-01 --format json | jq '[.[] | select(.state == "FRA")] | length')" 0
expect_eq "never-reported states come first" \
    "$(r outreach silent --years 10 --as-of 2026-01-01 --format json | jq -r 'last | .state')" FRA
h=$(db_hash)
expect_fail "a point of contact may not see the silence view" 7 "outreach-read" r --as pocfra outreach silent
expect_fail "nor another state's entries" 7 "outreach-read" r --as pocfra outreach list GIN
expect_fail "nor record outreach" 7 "outreach-record" r --as pocfra outreach add FRA --kind letter --date 2025-01-01 --subject x
expect_fail "a provider may not record outreach" 7 "outreach-record" r --as prov outreach add GIN --kind letter --date 2025-01-01 --subject x
expect_fail "an unknown kind" 4 "kind: 'email' is not letter, meeting or visit" r outreach add GIN --kind email --date 2025-01-01 --subject x
expect_fail "a subject over 300 bytes" 4 "subject: give one line" r outreach add GIN --kind letter --date 2025-01-01 --subject "$(printf '%0301d' 0)"
expect_fail "no subject" 4 "subject:" r outreach add GIN --kind letter --date 2025-01-01
expect_fail "a date before 1540" 4 "date:" r outreach add GIN --kind letter --date 2003-12-31 --subject x
expect_fail "an answer dated before the entry" 4 "date: '2025-01-01' is not a date on or after" r outreach answer 1 --date 2025-01-01 --text ok
expect_fail "an empty answer" 4 "answer: give 1 to 4000 bytes" r outreach answer 1 --date 2025-04-01 --text ""
expect_fail "an answer over 4000 bytes" 4 "answer:" r outreach answer 1 --date 2025-04-01 --text "$(printf '%04001d' 0)"
expect_fail "an entry that does not exist" 3 "no such outreach entry" r outreach answer 99 --date 2025-04-01 --text ok
expect_fail "silent --years 0" 2 "--years" r outreach silent --years 0
expect_eq "refusals changed nothing" "$(db_hash)" "$h"
r outreach add FRA --kind meeting --date 2025-02-02 --subject Meeting >/dev/null
audited "FRA's point of contact answers an entry to FRA" outreach.answer outreach:3 \
    r --as pocfra outreach answer 3 --date 2025-02-03 --text Thanks
expect_eq "... and reads FRA's entries" "$(r --as pocfra outreach list FRA | wc -l)" 1
r export --format json -o "$T/all2.json"
expect_eq "no export holds outreach entries" "$(grep -c 'Country visit' "$T/all2.json")" 0
expect_ok "the audit log verifies" r audit verify

done_testing
