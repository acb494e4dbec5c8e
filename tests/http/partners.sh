#!/bin/sh
# Working with states and partners (issue 17) over HTTP, against the real
# server on a demo database: the public iCalendar feed of outreach events
# (/api/v1/events.ics, read back with python3-icalendar) and the IATI file
# (/api/v1/data/iati.xml, validated with xmllint against the IATI 2.03
# schema). TAP output.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh
PY=/usr/bin/python3
XSD=${IATI_XSD:-/work/shared/standards/iati-2.03/iati-activities-schema.xsd}
[ -f "$XSD" ] || XSD=$ROOT/../shared/standards/iati-2.03/iati-activities-schema.xsd

r init --demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
# An event whose text needs every iCalendar escape, and whose Chinese title is
# long enough to be folded inside multi-byte characters.
HOSTILE='Atelier, régional; C:\dir\ "x" <b>'
LONGZH=$(printf '防扩散出口管制培训%.0s' 1 2 3 4 5 6 7 8)
r event add --kind regional-workshop --title "$HOSTILE" --start 2027-02-27 --end 2027-03-01 \
    --place 'Genève; salle XX, bâtiment E' --organizer 'UNODA\OPCW' --state FRA,CHN >"$T/ev1" &&
    r event add --kind training-course --status cancelled --title "$LONGZH" --start 2027-05-01 \
        --state CHN >"$T/ev2" || { echo "Bail out! event add"; exit 1; }
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

done_testing
