# The PostgreSQL backend's outreach area (issue 14): events with their states
# and themes, the roster of points of contact with training attendance, and
# the outreach log. Each command runs on SQLite and on PostgreSQL (`both`):
# the same exit code, stdout and stderr bytes, refusals and bad input
# included. Then psql, bypassing r1540, meets the same rules in PostgreSQL's
# own schema (`refused`). Dates are given, so nothing depends on today.
. tests/cli/lib.sh
. tests/cli/pg_lib.sh
init_db
expect_ok "init on PostgreSQL" p init

# ---- events ---------------------------------------------------------------------------
both "event add: a course with three states, two themes" event add --kind training-course \
    --title "PoC training, Latin America & the Caribbean" --start 2016-05-10 --end 2016-05-12 \
    --place "Lima" --organizer "UNODA, UNLIREC" --status held --state PER,col --state BRA \
    --theme export-control-regimes,border-control
both "event add: an earlier one (lists go by start, not id)" event add --kind peer-review-visit \
    --title "Peer review" --start 2010-03-01 --state PHL --state SGP
both "event add: the same start (then by id), a theme given twice" event add --kind round-table \
    --title "Table ronde « export »" --start 2010-03-01 --end 2010-03-02 --state FRA \
    --theme border-control --theme border-control
both "event list" event list
both "event list --format json" event list --format json
both "event list --state SGP" event list --state SGP
both "event list --state sg (alpha-2)" event list --state sg
both "event list --state of a state in no event" event list --state DEU --format json
both "event show" event show 1
both "event show --format json (states as alpha-3, sorted; themes sorted)" event show 1 --format json
both "event show of no such event" event show 99
both "an unknown kind" event add --kind party --title x --start 2020-01-01 --state FRA
both "end before start" event add --kind round-table --title x --start 2020-02-01 --end 2020-01-01 --state FRA
both "before resolution 1540" event add --kind round-table --title x --start 2003-01-01 --state FRA
both "no state" event add --kind round-table --title x --start 2020-01-01
both "an unknown state" event add --kind round-table --title x --start 2020-01-01 --state XX
both "an unknown theme" event add --kind round-table --title x --start 2020-01-01 --state FRA --theme parties
both "an unknown theme with quotes, a backslash and braces is named as given" event add \
    --kind round-table --title x --start 2020-01-01 --state FRA --theme 'a"b\c{d}' --theme border-control
both "no title" event add --kind round-table --start 2020-01-01 --state FRA
both "a title of two lines" event add --kind round-table --title "a
b" --start 2020-01-01 --state FRA
expect_eq "the refused adds wrote nothing" "$(pg_psql r1540test -c "SELECT count(*) FROM event; SELECT count(*) FROM event_state; SELECT count(*) FROM event_theme")" "3
6
3"
both "event list after the refused adds" event list --format json

# The public calendar feed reads the events through outreach_list: the same
# bytes from a server on each backend, but for DTSTAMP (the time of the
# request). The server on PostgreSQL also warns that its notification loop
# lacks an operation not written yet: only the feed is compared here.
serve_on() {
    : >"$T/serve_$2.out" # there before the server, which may start after the first grep
    "$BIN" --db "$1" serve --listen 127.0.0.1:0 --threads 2 >>"$T/serve_$2.out" 2>&1 &
    echo $! >"$T/serve_$2.pid"
    i=0
    while ! grep -q "serving" "$T/serve_$2.out" && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
    sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/serve_$2.out"
}
sq_port=$(serve_on "$DB" sqlite)
pg_port=$(serve_on "$PG" postgres)
for path in api/v1/events.ics fr/events.ics; do
    curl -s "http://127.0.0.1:$sq_port/$path" | grep -v '^DTSTAMP:' >"$T/sq.ics"
    curl -s "http://127.0.0.1:$pg_port/$path" | grep -v '^DTSTAMP:' >"$T/pg.ics"
    if [ "$(grep -c '^BEGIN:VEVENT' "$T/sq.ics")" = 3 ] && cmp -s "$T/sq.ics" "$T/pg.ics"; then
        ok "/$path: three events, the same feed on both"
    else
        not_ok "/$path: three events, the same feed on both" "$(diff "$T/sq.ics" "$T/pg.ics" | head -c 600)" \
            "$(head -c 300 "$T/serve_postgres.out")"
    fi
done
# started in command substitutions, so not this shell's children: no wait
for pid in "$(cat "$T/serve_sqlite.pid")" "$(cat "$T/serve_postgres.pid")"; do
    kill "$pid"
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
done

# Imports write events through outreach_get and outreach_insert with the
# file's ids, inside one transaction: an unknown code must leave it usable to
# be reported, and nothing written. The file is SQLite's export without the
# assistance records (their operations are not written on PostgreSQL yet).
r export --format json -o "$T/all.json"
jq 'del(.requests, .offers, .proposals)' "$T/all.json" >"$T/events.json"
both "importing the events back changes nothing" import "$T/events.json"
jq '.events += [.events[0] | .id = 10 | .title = "Imported"]' "$T/events.json" >"$T/ev10.json"
both "an imported event keeps its id" import "$T/ev10.json"
both "... and the next one added gets the id after it" event add --kind round-table --title next --start 2021-01-01 --state FRA
jq '.events[1].title = "changed"' "$T/events.json" >"$T/changed.json"
both "an event that exists with other content is refused" import "$T/changed.json"
jq '.events += [.events[0] | .id = 20 | .states = ["BRA", "XXX"]]' "$T/events.json" >"$T/unknown.json"
both "an imported event with an unknown state is refused" import "$T/unknown.json"
jq '.events += [.events[0] | .id = 20 | .themes = ["border-control", "weather"]]' "$T/events.json" >"$T/unknown.json"
both "an imported event with an unknown theme is refused" import "$T/unknown.json"
both "the refused imports changed nothing" event list --format json

# ---- the roster of points of contact and attendance ----------------------------------------
both "contact add" contact add fr --person "Jeanne d'Arc; \"JD\"" --function "Conseillère" \
    --ministry "Ministère des Armées" --areas nuclear,export-control --languages fr,en --since 2019-01-15
both "contact add, another state" contact add DEU --person "Hans Müller" --areas general --since 2018-06-01
both "contact add, FRA again" contact add FRA --person "Anne B" --areas chemical --since 2020-01-01
both "contact list" contact list
both "contact list FRA --format json" contact list FRA --format json
both "contact list of a state with none" contact list GIN
both "contact show" contact show 1
both "contact update" contact update 1 --person "Jeanne d'Arc" --languages fr
both "contact show --format json after the update" contact show 1 --format json
both "no areas" contact add FRA --person X --since 2020-01-01
both "an unknown area" contact add FRA --person X --areas general,weather --since 2020-01-01
both "a name too long" contact add FRA --person "$(printf '%0201d' 0)" --areas general --since 2020-01-01
both "an upper-case language" contact add FRA --person X --areas general --languages EN --since 2020-01-01
both "an unknown state" contact add XX --person X --areas general --since 2020-01-01
both "update of no such entry" contact update 99 --person X
both "remove of no such entry" contact remove 99
for u in pocfra pocdeu; do
    st=$(echo "$u" | cut -c4- | tr a-z A-Z)
    echo 'a long enough passphrase' | r user add "$u" --role poc --state "$st" >/dev/null 2>&1
    echo 'a long enough passphrase' | p user add "$u" --role poc --state "$st" >/dev/null 2>&1
done
both "linking to another state's account is refused" contact link 1 pocdeu
both "linking to no such user" contact link 1 nobody
both "linking no such entry" contact link 99 pocfra
both "linking is for administrators" --as pocfra contact link 1 pocfra
both "an administrator (the operator) links the entry to FRA's account" contact link 1 pocfra
both "... shown with the entry" contact list FRA
both "DEU's point of contact cannot change FRA's entry" --as pocdeu contact update 1 --person X
both "FRA's can" --as pocfra contact update 1 --ministry "Ministère de l'Europe"
both "attend" contact attend 1 1
both "attend again changes nothing" contact attend 1 1
both "an earlier event" contact attend 2 1
both "FRA's second entry attends too" contact attend 1 3
both "DEU's entry attends" contact attend 1 2
both "attend no such event" contact attend 99 1
both "attend for no such entry" contact attend 1 99
both "attendance (by state, id)" contact attendance 1
both "attendance --format json" contact attendance 1 --format json
both "attendance as DEU's point of contact: DEU's only" --as pocdeu contact attendance 1
both "attendance of an event nobody attended" contact attendance 3
both "attendance of no such event" contact attendance 99
both "show: the trainings by event start" contact show 1
both "show --format json: the trainings" contact show 1 --format json
both "attend --clear" contact attend 2 1 --clear
both "attend --clear what is not recorded" contact attend 2 1 --clear
both "unlink" contact unlink 1
both "remove an entry" contact remove 3
both "... its attendance goes with it" contact attendance 1 --format json
both "contact list at the end" contact list --format json

# ---- outreach entries -------------------------------------------------------------------------
both "outreach add" outreach add GIN --kind letter --date 2025-03-01 --subject 'Reminder: first report; "note verbale" <b>'
both "outreach add, later" outreach add gn --kind visit --date 2025-09-10 --subject "Country visit"
both "outreach add, another state" outreach add FRA --kind meeting --date 2025-02-02 --subject Meeting
both "outreach add, earlier than the first (lists go by state, date, id)" outreach add GIN --kind meeting --date 2024-12-01 --subject Earlier
both "outreach list" outreach list
both "outreach list GIN --format json" outreach list GIN --format json
both "outreach list of a state with none" outreach list DEU
both "outreach answer" outreach answer 2 --date 2025-10-01 --text "A first report is being drafted.
Second line, « quoted »."
both "an answer dated before the entry" outreach answer 1 --date 2025-01-01 --text ok
both "an empty answer" outreach answer 1 --date 2025-04-01 --text ""
both "an answer over 4000 bytes" outreach answer 1 --date 2025-04-01 --text "$(printf '%04001d' 0)"
both "an answer to no such entry" outreach answer 99 --date 2025-04-01 --text ok
both "an unknown kind" outreach add GIN --kind email --date 2025-01-01 --subject x
both "a subject over 300 bytes" outreach add GIN --kind letter --date 2025-01-01 --subject "$(printf '%0301d' 0)"
both "no subject" outreach add GIN --kind letter --date 2025-01-01
both "a date before 1540" outreach add GIN --kind letter --date 2003-12-31 --subject x
both "an unknown state" outreach add XX --kind letter --date 2025-01-01 --subject x
both "FRA's point of contact answers an entry to FRA" --as pocfra outreach answer 3 --date 2025-02-03 --text Thanks
both "... but not one to GIN" --as pocfra outreach answer 1 --date 2025-04-01 --text x
both "... and reads FRA's entries" --as pocfra outreach list FRA --format json
both "outreach list --format json at the end" outreach list --format json
both "outreach silent, the last outreach to each state" outreach silent --years 10 --as-of 2026-01-01 --format json
# The audit entries' times and hashes differ between the two runs; what was
# recorded, by whom, on what, with which detail must not.
audit_rows() { "$@" audit list --format json | jq -c '.[] | [.actor, .action, .object, .detail]'; }
expect_eq "the same audit entries (actor, action, object, detail) on both" "$(audit_rows p)" "$(audit_rows r)"
expect_ok "audit verify on PostgreSQL" p audit verify

# ---- the rules, enforced by PostgreSQL whoever writes -------------------------------------------
refused "an event's kind is one of four" "event_kind_check" \
    "INSERT INTO event VALUES (50, 'party', 'planned', 'x', '2020-01-01', '2020-01-01', '', '')"
refused "an event's status is one of three" "event_status_check" \
    "UPDATE event SET status = 'postponed' WHERE id = 1"
refused "an event has a title" "event_title_check" "UPDATE event SET title = '' WHERE id = 1"
refused "an event does not end before it starts" "event_check" \
    "UPDATE event SET \"end\" = '2016-05-09' WHERE id = 1"
refused "an event's state is a known state" "foreign key" "INSERT INTO event_state VALUES (1, 'ZZZ')"
refused "a state takes part once" "event_state_pkey" "INSERT INTO event_state VALUES (1, 'PER')"
refused "an entry's date has its shape" "poc_contact_since_check" \
    "UPDATE poc_contact SET since = '2020-1-1' WHERE id = 1"
refused "a name of 101 characters but 202 bytes is too long (bytes count, as on SQLite)" \
    "poc_contact_person_check" "UPDATE poc_contact SET person = repeat('é', 101) WHERE id = 1"
refused "an entry has areas" "poc_contact_areas_check" "UPDATE poc_contact SET areas = '' WHERE id = 1"
refused "an entry is linked only to a point of contact of its state" \
    "r1540: the account to link must be a point of contact of the same state" \
    "UPDATE poc_contact SET user_id = (SELECT id FROM \"user\" WHERE name = 'pocdeu') WHERE id = 1"
refused "... also when inserted" "r1540: the account to link must be a point of contact of the same state" \
    "INSERT INTO poc_contact VALUES (50, 'FRA', 'x', '', '', 'general', '', '2020-01-01', (SELECT id FROM \"user\" WHERE name = 'pocdeu'))"
refused "... and a linked entry does not move to another state" "r1540: the account to link" \
    "UPDATE poc_contact SET user_id = (SELECT id FROM \"user\" WHERE name = 'pocfra') WHERE id = 1;
     UPDATE poc_contact SET state = 'DEU' WHERE id = 1"
refused "attendance names a known entry" "foreign key" "INSERT INTO event_attendance VALUES (1, 99)"
refused "an outreach entry's kind" "outreach_entry_kind_check" "UPDATE outreach_entry SET kind = 'email' WHERE id = 1"
refused "an answer comes with its date" "outreach_entry_check" \
    "UPDATE outreach_entry SET answer = 'x' WHERE id = 1"
refused "... not dated before the entry" "outreach_entry_check" \
    "UPDATE outreach_entry SET answer = 'x', answer_date = '2025-01-01' WHERE id = 1"
refused "an outreach entry's state is a known state" "foreign key" \
    "UPDATE outreach_entry SET state = 'ZZZ' WHERE id = 1"
expect_eq "deleting an event takes its states, themes and attendance with it" \
    "$(pg_psql r1540test -c "DELETE FROM event WHERE id = 1; SELECT count(*) FROM event_state WHERE event_id = 1; SELECT count(*) FROM event_attendance")" "0
0"

echo "1..$N"
