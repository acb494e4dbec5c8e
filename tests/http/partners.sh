#!/bin/sh
# Working with states and partners (issue 17) over HTTP, against the real
# server on a demo database: the public iCalendar feed of outreach events
# (/api/v1/events.ics, read back with python3-icalendar) and the IATI file
# (/api/v1/data/iati.xml, validated with xmllint against the IATI 2.03
# schema); the roster of points of contact (/{lang}/states/{code}/contacts and
# /api/v1/...): who sees it for every role, that it leaks nowhere public
# (API, pages, open-data files, exports, feeds), hostile and oversized input,
# the audit entries; training attendance; and outreach to states that do not
# report (/{lang}/outreach, /api/v1/states/{code}/outreach). TAP output.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh
PY=/usr/bin/python3
XSD=${IATI_XSD:-/work/shared/standards/iati-2.03/iati-activities-schema.xsd}
[ -f "$XSD" ] || XSD=$ROOT/../shared/standards/iati-2.03/iati-activities-schema.xsd

init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
# An event whose text needs every iCalendar escape, and whose Chinese title is
# long enough to be folded inside multi-byte characters.
HOSTILE='Atelier, régional; C:\dir\ "x" <b>'
LONGZH=$(printf '防扩散出口管制培训%.0s' 1 2 3 4 5 6 7 8)
r event add --kind regional-workshop --title "$HOSTILE" --start 2027-02-27 --end 2027-03-01 \
    --place 'Genève; salle XX, bâtiment E' --organizer 'UNODA\OPCW' --state FRA,CHN >"$T/ev1" &&
    r event add --kind training-course --status cancelled --title "$LONGZH" --start 2027-05-01 \
        --state CHN >"$T/ev2" || { echo "Bail out! event add"; exit 1; }
for spec in admin:admin com:committee exp:expert prov:provider pocfra:poc:FRA pocdeu:poc:DEU; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}
    case $rest in *:*) set -- --state "${rest#*:}" ;; *) set -- ;; esac
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>>"$T/init.err" ||
        { cat "$T/init.err"; echo "Bail out! user add"; exit 1; }
done
# A roster entry whose name is hostile markup and a marker no public answer may hold.
SECRET='Zyxwv Secretperson <script>alert(1)</script>'
SECRET_HTML='Zyxwv Secretperson &lt;script&gt;alert(1)&lt;/script&gt;'
r contact add FRA --person "$SECRET" --function "Conseillère" --ministry "Ministère; \"X\"" \
    --areas nuclear,export-control --languages fr,en --since 2019-03-01 >"$T/c1" &&
    r contact add DEU --person "Qwert Deutscheperson" --areas general --since 2020-01-01 >"$T/c2" ||
    { echo "Bail out! contact add"; exit 1; }
C1=$(sed -n 's/^contact \([0-9]*\):.*/\1/p' "$T/c1")
C2=$(sed -n 's/^contact \([0-9]*\):.*/\1/p' "$T/c2")
EV1=$(sed -n 's/^event \([0-9]*\):.*/\1/p' "$T/ev1")
EV2=$(sed -n 's/^event \([0-9]*\):.*/\1/p' "$T/ev2")
NEVENTS=$(r event list | wc -l)
start_server

# ---- the iCalendar feed --------------------------------------------------------
expect "events.ics (API)" 200 "$B/api/v1/events.ics"
expect_eq "... as text/calendar" "$(header Content-Type)" "text/calendar; charset=utf-8"
cp "$T/body" "$T/events.ics"
out=$($PY tests/http/check_ical.py "$T/events.ics" --uid "event-$EV1@r1540.events" --summary "$HOSTILE" 2>&1)
expect_eq "... parses (python3-icalendar): CRLF, folded at 75 octets, every event, UID, DTSTAMP, all-day dates; the hostile title back as written" "$out" "events $NEVENTS"
out=$($PY tests/http/check_ical.py "$T/events.ics" --uid "event-$EV2@r1540.events" --summary "$LONGZH" 2>&1)
expect_eq "... a long Chinese title folded between characters reads back whole" "$out" "events $NEVENTS"
check "... , ; and \\ escaped in the raw text" grep -qF 'SUMMARY:Atelier\, régional\; C:\\dir\\ "x" <b>' "$T/events.ics"
check "... DTEND is the day after the last day" grep -q '^DTEND;VALUE=DATE:20270302' "$T/events.ics"
check "... a cancelled event says so" grep -q '^STATUS:CANCELLED' "$T/events.ics"
expect "events.ics in French" 200 "$B/api/v1/events.ics?lang=fr"
check "... names its states in French" sh -c "tr -d '\r\n ' <'$T/body' | grep -qF 'États:Chine\,France'"
expect "the same feed under a page language" 200 "$B/zh/events.ics"
check "... names its states in Chinese" sh -c "tr -d '\r\n ' <'$T/body' | grep -qF '中国'"
req -X POST "$B/api/v1/events.ics"
expect_eq "... POST is not allowed" "$CODE" 405

# ---- the IATI file -------------------------------------------------------------
expect "data/iati.xml (API)" 200 "$B/api/v1/data/iati.xml"
cp "$T/body" "$T/iati.xml"
if xmllint --noout --schema "$XSD" "$T/iati.xml" 2>"$T/xmllint.err"; then
    ok "... valid against iati-activities-schema.xsd 2.03"
else
    not_ok "... valid against the schema" "$(head -c 600 "$T/xmllint.err")"
fi
want=$(r assistance proposal list --format json | jq '[.[] | select(.status == "accepted" or .status == "delivered")] | length')
expect_eq "... one activity per accepted or delivered proposal" "$(grep -c '<iati-activity ' "$T/iati.xml")" "$want"
check "... no score or explanation of a proposal" sh -c "! grep -qiE 'score|explanation' '$T/iati.xml'"
expect "the open-data page lists it" 200 "$B/en/data"
check "... with a link" grep -qF 'iati.xml' "$T/body"

# ---- the roster: who sees it -----------------------------------------------------
for u in admin com exp prov pocfra pocdeu; do api_login "$u" || { echo "Bail out! login $u"; exit 1; }; done
for spec in admin:200 com:200 exp:200 pocfra:200 pocdeu:403 prov:403 -:401; do
    u=${spec%%:*}; want=${spec#*:}
    api_expect "roster of FRA (API) as $u: $want" "$want" "$u" GET states/FRA/contacts
    if [ "$want" = 200 ]; then
        check "... lists the person" body_has 'Zyxwv Secretperson'
    else
        check "... and says nothing of them" body_lacks 'Zyxwv'
    fi
done
api pocfra GET states/FRA/contacts
expect_eq "... areas and languages as lists" "$(jq -c '.contacts[0] | [.areas, .languages, .since, .user]' "$T/body")" '[["nuclear","export-control"],["fr","en"],"2019-03-01",""]'
expect "the roster page, not signed in, asks to sign in" 303 "$B/en/states/FRA/contacts"
check "... and shows nothing of it" body_lacks 'Zyxwv'
page_login pocfra || { echo "Bail out! page login"; exit 1; }
expect "the roster page, FRA's point of contact" 200 -b "$T/pjar.pocfra" "$B/en/states/FRA/contacts"
check "... the hostile name escaped" body_has "$SECRET_HTML"
check "... never as markup" body_lacks '<script>alert(1)'
expect "the state page links to it for FRA's point of contact" 200 -b "$T/pjar.pocfra" "$B/en/states/FRA"
check "... the link" body_has 'states/FRA/contacts'
check "... but not the roster itself" body_lacks 'Zyxwv'
expect "the public state page" 200 "$B/en/states/FRA"
check "... has no link to the roster" body_lacks 'states/FRA/contacts'

# ---- the roster leaks nowhere ------------------------------------------------------
leak=""
for path in api/v1/states/FRA api/v1/states api/v1/ api/v1/data/r1540.json api/v1/data/states.csv \
    api/v1/data/reports.csv api/v1/data/iati.xml api/v1/events.ics api/v1/assistance/requests \
    api/v1/review en/ en/states/FRA en/data; do
    req "$B/$path"
    [ "$CODE" = 200 ] || leak="$leak $path:$CODE"
    if body_has 'Zyxwv' || body_has 'Deutscheperson'; then leak="$leak $path"; fi
done
expect_eq "no public page, API call, feed or open-data file holds a roster entry" "$leak" ""
api exp GET states/FRA
check "... nor an expert's answer for the state" body_lacks 'Zyxwv'
r export --format json -o "$T/all.json" && r export --format csv -o "$T/csv" &&
    r export --format json --public -o "$T/public.json" || not_ok "exports"
check "... nor a full JSON, public JSON or CSV export" sh -c "! grep -rq 'Zyxwv' '$T/all.json' '$T/public.json' '$T/csv'"

# ---- keeping it current: hostile and oversized input change nothing -------------------
h=$(fingerprint)
n0=$(audit_count)
api_expect "DEU's point of contact cannot add to FRA's roster" 403 pocdeu POST states/FRA/contacts '{"person":"Intruder","areas":["general"],"since":"2020-01-01"}'
api_expect "nor can an expert (the state keeps its roster)" 403 exp POST states/FRA/contacts '{"person":"Intruder","areas":["general"],"since":"2020-01-01"}'
api_expect "a name of 201 bytes" 422 pocfra POST states/FRA/contacts "{\"person\":\"$(printf '%0201d' 0)\",\"areas\":[\"general\"],\"since\":\"2020-01-01\"}"
check "... says which field" body_has 'person'
api_expect "a name over two lines" 422 pocfra POST states/FRA/contacts '{"person":"A\nB","areas":["general"],"since":"2020-01-01"}'
api_expect "an unknown area" 422 pocfra POST states/FRA/contacts '{"person":"A","areas":["nuclear","weather"],"since":"2020-01-01"}'
check "... named" body_has 'areas'
api_expect "no area" 422 pocfra POST states/FRA/contacts '{"person":"A","areas":[],"since":"2020-01-01"}'
api_expect "areas of the wrong type" 422 pocfra POST states/FRA/contacts '{"person":"A","areas":{"x":1},"since":"2020-01-01"}'
api_expect "a language that is not a code" 422 pocfra POST states/FRA/contacts '{"person":"A","areas":["general"],"languages":["EN\u00e9"],"since":"2020-01-01"}'
api_expect "a date that does not exist" 422 pocfra POST states/FRA/contacts '{"person":"A","areas":["general"],"since":"2020-02-30"}'
api_expect "a date before resolution 1540" 422 pocfra POST states/FRA/contacts '{"person":"A","areas":["general"],"since":"1999-01-01"}'
api_expect "a repeated area" 422 pocfra POST states/FRA/contacts '{"person":"A","areas":["general","general"],"since":"2020-01-01"}'
req -X POST -b "$T/jar.pocfra" -H "X-CSRF-Token: $(cat "$T/csrf.pocfra")" --data-binary 'person=A%00B&areas=general&since=2020-01-01' "$B/api/v1/states/FRA/contacts"
expect_eq "a NUL in a form field" "$CODE" 422
printf '{"person":"%s","areas":["general"],"since":"2020-01-01"}' "$(head -c 1000000 /dev/zero | tr '\0' a)" >"$T/big.json"
req -X POST -b "$T/jar.pocfra" -H "X-CSRF-Token: $(cat "$T/csrf.pocfra")" -H 'Content-Type: application/json' --data-binary @"$T/big.json" "$B/api/v1/states/FRA/contacts"
expect_eq "a megabyte of a name" "$CODE" 422
req -X POST -b "$T/jar.pocfra" -H 'Content-Type: application/json' -d '{"person":"A","areas":["general"],"since":"2020-01-01"}' "$B/api/v1/states/FRA/contacts"
expect_eq "no CSRF token" "$CODE" 403
expect_eq "... none of it changed anything" "$(fingerprint)" "$h"
expect_eq "... nor wrote an audit entry" "$(audit_count)" "$n0"

api_expect "FRA's point of contact adds to FRA's roster" 201 pocfra POST states/FRA/contacts '{"person":"Ana Ñúñez, جهة","function":"Directrice","ministry":"Douanes","areas":["chemical","delivery"],"languages":["fr","es"],"since":"2024-06-01"}'
C3=$(jq -r '.contact.id' "$T/body")
expect_eq "... audited, with the entry and its state, not the person" "$(audit_last) $(audit_detail)" "contact.add contact:$C3 {\"state\":\"FRA\"}"
api_expect "... and changes it" 200 pocfra POST "states/FRA/contacts/$C3" '{"person":"Ana Núñez","areas":["chemical"],"languages":["es"],"since":"2024-06-02"}'
expect_eq "... audited" "$(audit_last)" "contact.update contact:$C3"
expect_eq "... the change kept" "$(r contact show "$C3" --format json | jq -c '[.person, .areas, .since]')" '["Ana Núñez","chemical","2024-06-02"]'
h=$(fingerprint)
api_expect "DEU's point of contact cannot change it" 403 pocdeu POST "states/FRA/contacts/$C3" '{"person":"X","areas":["general"],"since":"2020-01-01"}'
api_expect "... nor through their own state's address" 403 pocdeu POST "states/DEU/contacts/$C3" '{"person":"X","areas":["general"],"since":"2020-01-01"}'
api_expect "... nor remove it" 403 pocdeu POST "states/DEU/contacts/$C3/remove"
api_expect "an entry that does not exist" 404 pocfra POST "states/FRA/contacts/99999" '{"person":"X","areas":["general"],"since":"2020-01-01"}'
expect_eq "... nothing changed" "$(fingerprint)" "$h"

# ---- linking to accounts: administrators only ----------------------------------------
api_expect "an administrator links FRA's entry to FRA's account" 200 admin POST "states/FRA/contacts/$C1/link" '{"user":"pocfra"}'
expect_eq "... audited" "$(audit_last) $(audit_detail)" "contact.link contact:$C1 {\"state\":\"FRA\",\"user\":\"pocfra\"}"
api pocfra GET states/FRA/contacts
expect_eq "... the roster shows the account" "$(jq -r --argjson id "$C1" '.contacts[] | select(.id == $id) | .user' "$T/body")" pocfra
h=$(fingerprint)
api_expect "... not to another state's account" 409 admin POST "states/FRA/contacts/$C1/link" '{"user":"pocdeu"}'
api_expect "... not to an expert's" 409 admin POST "states/FRA/contacts/$C1/link" '{"user":"exp"}'
api_expect "... not to an account that does not exist" 404 admin POST "states/FRA/contacts/$C1/link" '{"user":"nobody<x>"}'
api_expect "a point of contact cannot link" 403 pocfra POST "states/FRA/contacts/$C1/link" '{"user":"pocfra"}'
expect_eq "... nothing changed" "$(fingerprint)" "$h"

# ---- training attendance ---------------------------------------------------------------
api_expect "an expert records that FRA's entry attended a training course" 200 exp POST "events/$EV2/attendance" "{\"contact\":$C1}"
expect_eq "... audited" "$(audit_last) $(audit_detail)" "attendance.set event:$EV2 {\"contact\":$C1,\"state\":\"FRA\",\"attended\":true}"
api_expect "... and DEU's" 200 exp POST "events/$EV2/attendance" "{\"contact\":$C2}"
api_expect "who attended, as the Committee" 200 com GET "events/$EV2/attendance"
expect_eq "... both" "$(jq -c '[.attended[].state]' "$T/body")" '["DEU","FRA"]'
api_expect "who attended, as FRA's point of contact" 200 pocfra GET "events/$EV2/attendance"
expect_eq "... only FRA's own" "$(jq -c '[.attended[].state]' "$T/body")" '["FRA"]'
api_expect "who attended, as a provider" 403 prov GET "events/$EV2/attendance"
api_expect "who attended, not signed in" 401 - GET "events/$EV2/attendance"
h=$(fingerprint)
api_expect "a point of contact cannot record attendance" 403 pocfra POST "events/$EV2/attendance" "{\"contact\":$C1}"
api_expect "an event that does not exist" 404 exp POST "events/99999/attendance" "{\"contact\":$C1}"
api_expect "an entry that does not exist" 404 exp POST "events/$EV2/attendance" '{"contact":99999}'
api_expect "attended that is not a boolean" 422 exp POST "events/$EV2/attendance" "{\"contact\":$C1,\"attended\":\"maybe\"}"
expect_eq "... nothing changed" "$(fingerprint)" "$h"
expect_eq "an entry's trainings (CLI)" "$(r contact show "$C1" --format json | jq -c .trainings)" "[$EV2]"

# ---- removing ------------------------------------------------------------------------
api_expect "FRA's point of contact removes an entry" 200 pocfra POST "states/FRA/contacts/$C1/remove"
expect_eq "... audited" "$(audit_last)" "contact.remove contact:$C1"
api com GET "events/$EV2/attendance"
expect_eq "... and its attendance with it" "$(jq -c '[.attended[].state]' "$T/body")" '["DEU"]'
expect_eq "the audit log still verifies" "$(r audit verify >/dev/null 2>&1; echo $?)" 0

# ---- outreach to states that do not report ---------------------------------------------
for spec in admin:200 com:200 exp:200 pocfra:403 prov:403 -:401; do
    u=${spec%%:*}; want=${spec#*:}
    api_expect "the silence view (API) as $u: $want" "$want" "$u" GET outreach
done
api com GET outreach
expect_eq "... lists the states that never reported first" "$(jq -r '.states[0].never' "$T/body")" true
api_expect "... a bad number of years" 422 com GET 'outreach?years=0'
h=$(fingerprint)
n0=$(audit_count)
api_expect "a point of contact cannot record outreach" 403 pocfra POST states/GIN/outreach '{"kind":"letter","date":"2025-03-01","subject":"x"}'
api_expect "an unknown kind" 422 exp POST states/GIN/outreach '{"kind":"fax","date":"2025-03-01","subject":"x"}'
api_expect "a subject of 301 bytes" 422 exp POST states/GIN/outreach "{\"kind\":\"letter\",\"date\":\"2025-03-01\",\"subject\":\"$(printf '%0301d' 0)\"}"
api_expect "a subject over two lines" 422 exp POST states/GIN/outreach '{"kind":"letter","date":"2025-03-01","subject":"a\nb"}'
api_expect "a date that is not one" 422 exp POST states/GIN/outreach '{"kind":"letter","date":"2025-3-1","subject":"x"}'
api_expect "an unknown state" 404 exp POST states/XX/outreach '{"kind":"letter","date":"2025-03-01","subject":"x"}'
expect_eq "... nothing changed, no audit entry" "$(fingerprint) $(audit_count)" "$h $n0"
GIN=$(jq -r '[.states[] | select(.state == "GIN")][0].state' "$T/body" 2>/dev/null)
api_expect "an expert records a letter to Guinea" 201 exp POST states/GIN/outreach '{"kind":"letter","date":"2025-03-01","subject":"Reminder <script>x</script>"}'
O1=$(jq -r '.entry.id' "$T/body")
expect_eq "... audited" "$(audit_last)" "outreach.add outreach:$O1"
api_expect "Guinea's answer, recorded by the Committee" 200 com POST "states/GIN/outreach/$O1/answer" '{"answer":"A report will follow.","date":"2025-04-01"}'
expect_eq "... audited" "$(audit_last)" "outreach.answer outreach:$O1"
api_expect "... not under another state's address" 404 com POST "states/FRA/outreach/$O1/answer" '{"answer":"x","date":"2025-04-01"}'
api_expect "... not by FRA's point of contact" 403 pocfra POST "states/GIN/outreach/$O1/answer" '{"answer":"x","date":"2025-04-01"}'
api com GET outreach
expect_eq "the silence view shows Guinea's last outreach and its answer" \
    "$(jq -c '.states[] | select(.state == "GIN") | [.last_outreach.kind, .last_outreach.date, .last_outreach.answer_date]' "$T/body")" '["letter","2025-03-01","2025-04-01"]'
page_login exp || { echo "Bail out! page login exp"; exit 1; }
expect "the outreach page" 200 -b "$T/pjar.exp" "$B/en/outreach"
check "... the subject escaped" body_has 'Reminder &lt;script&gt;x&lt;/script&gt;'
check "... in the navigation" body_has 'href="/en/outreach"'
tok=$(page_csrf exp outreach)
expect "the page's form records a meeting" 303 -b "$T/pjar.exp" --data-urlencode "csrf=$tok" \
    --data-urlencode state=gn --data-urlencode kind=meeting --data-urlencode date=2025-06-01 \
    --data-urlencode 'subject=Meeting in New York' "$B/en/outreach"
expect_eq "... then the page confirms" "$(header Location)" "/en/outreach?msg=outreach-saved"
expect "... a form with an unknown state" 422 -b "$T/pjar.exp" --data-urlencode "csrf=$tok" \
    --data-urlencode state=ZZ --data-urlencode kind=meeting --data-urlencode date=2025-06-01 \
    --data-urlencode 'subject=x' "$B/en/outreach"
api_expect "a state's own entries, FRA's point of contact" 200 pocfra GET states/FRA/outreach
api_expect "... not Guinea's" 403 pocfra GET states/GIN/outreach
leak=""
for path in api/v1/data/r1540.json api/v1/states/GIN en/states/GIN api/v1/review; do
    req "$B/$path"
    if body_has 'Reminder' || body_has 'Meeting in New York'; then leak="$leak $path"; fi
done
expect_eq "no public answer holds an outreach entry" "$leak" ""
expect "the public navigation has no outreach link" 200 "$B/en/"
check "... none" body_lacks '/en/outreach'
expect_eq "the audit log still verifies" "$(r audit verify >/dev/null 2>&1; echo $?)" 0
stop_server
expect_eq "the server stops cleanly (no sanitizer report under asan)" "$SRC" 0
check "... and logged no sanitizer error" sh -c "! grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' '$LOG'"

done_testing
