# The PostgreSQL backend's assistance (issue 14): requests, offers and their
# code lists, matching, proposals and their history, the resolution 2663
# fields, the filtered and paged lists, each command run on SQLite and on
# PostgreSQL and giving the same bytes (`both`, tests/cli/pg_lib.sh), bad
# input and refusals included; then the schema's rules refused by PostgreSQL
# itself when psql writes beneath r1540 (`refused`).
#
# What cannot be compared byte for byte, and why: the audit log's head hash
# (each entry holds its own time), so only the verdict and the entry count are
# compared; the export, which needs operations of other areas not written yet
# on PostgreSQL (50_postgres.sh checks that they refuse naming themselves).
. tests/cli/lib.sh
. tests/cli/pg_lib.sh
init_db
expect_ok "init on PostgreSQL" p init

# ---- requests ---------------------------------------------------------------------------
both "request add" assistance request add KEN --kind training --items OP1-AG,OP1-NSG \
    --title "Export control training" --languages en,fr --priority 2 --date 2025-01-10
both "request add with a theme, a period, areas, context and contact" assistance request add ht \
    --kind legislative-drafting --items OP1-MTCR --themes legislation --title "Loi d'application" \
    --languages fr --date 2025-02-01 --start 2025-03-01 --end 2026-12-31 --areas export-control,nuclear \
    --context "Loi n° 2011-266; \"douanes\" <b>& pas encore" --contact "Direction juridique — dj@example.org"
both "request add, SQL metacharacters in the title" assistance request add UGA --kind workshop \
    --items OP1-AG --title "Robert'); DROP TABLE assistance_request;-- <b>\"x\"</b>" --date 2025-03-01
both "request add, a third state" assistance request add TZA --kind training --items OP1-AG,OP1-NSG \
    --title "Customs" --languages en --date 2025-01-12
both "request add in Peru" assistance request add PER --kind legislative-drafting --items OP1-MTCR \
    --title "Ley" --languages es --date 2025-01-12
both "an unknown state" assistance request add ZZZ --kind training --items OP1-AG --title x
both "an unknown template item" assistance request add KEN --kind training --items OP1-AG,OP9-NOPE --title x
both "an item named twice" assistance request add KEN --kind training --items OP1-AG,OP1-AG --title x
both "a trailing comma in the areas" assistance request add KEN --kind training --items OP1-AG --title x --areas nuclear,
both "an unknown kind" assistance request add KEN --kind lunch --items OP1-AG --title x
both "an unknown theme" assistance request add KEN --kind training --items OP1-AG --themes cooking --title x
both "start after end" assistance request add KEN --kind training --items OP1-AG --title x --start 2026-01-01 --end 2025-01-01
both "request list" assistance request list
both "request list of one state, JSON" assistance request list KEN --format json
both "request list of a state with none" assistance request list FRA --format json
both "request show, the 2663 fields" assistance request show 2 --format json
both "request show of an unknown id" assistance request show 99

# ---- offers ----------------------------------------------------------------------------------
both "offer add by an organization" assistance offer add WCO --kinds training,workshop \
    --items OP1-AG,OP1-NSG --themes export-control --title "STCE course" --capacity 1 --languages en,fr
both "offer add by a state, for Africa" assistance offer add usa --kinds training \
    --themes export-control-regimes --title "EXBS" --capacity 2 --regions 002 --languages en
both "offer add for the Americas" assistance offer add UNLIREC --kinds legislative-drafting \
    --items OP1-MTCR --title "Legislative support" --capacity 1 --regions 419 --languages es,fr
both "offer add, a regional workshop" assistance offer add AU --kinds training,workshop \
    --items OP1-AG --title "Regional workshop" --capacity 1 --regions 002 --languages en,fr
both "an unknown provider" assistance offer add NOBODY --kinds training --themes export-control --title x --capacity 1
both "a region that is not an M49 code" assistance offer add WCO --kinds training --themes export-control --title x --capacity 1 --regions Africa
both "an offer with neither items nor themes" assistance offer add WCO --kinds training --title x --capacity 1
both "a negative capacity" assistance offer add WCO --kinds training --themes export-control --title x --capacity -1
both "offer list" assistance offer list
both "offer list, JSON" assistance offer list --format json
both "offer show" assistance offer show 2 --format json
both "offer close" assistance offer close 4
both "a closed offer is not closed again" assistance offer close 4
both "close an unknown offer" assistance offer close 77
both "offer reopen" assistance offer reopen 4
both "an open offer is not reopened" assistance offer reopen 4

# ---- matching, proposals and their history -------------------------------------------------
both "match --dry-run" match --dry-run --format json
both "match" match
both "a second match proposes nothing new" match
both "proposal list" assistance proposal list --format json
both "request show: fitting offers, overlaps, proposals" assistance request show 1 --format json
both "the provider accepts" assistance proposal accept 1 --by provider --note "dates to agree"
both "the state accepts" assistance proposal accept 1 --by state
both "no answer after acceptance" assistance proposal decline 1 --by state
both "delivered" assistance proposal deliver 1 --note "course held"
both "delivered only once" assistance proposal deliver 1
both "an unknown proposal" assistance proposal accept 999 --by state
both "the state declines another" assistance proposal decline 2 --by state --note "not now"
both "a declined pair is never proposed again" match --dry-run --format json
both "proposal show, its history" assistance proposal show 1
both "request show, its proposal's history" assistance request show 1
both "a request with a live proposal is not withdrawn" assistance request withdraw 3
both "a request without one is" assistance request withdraw 2
both "a withdrawn request stays withdrawn" assistance request withdraw 2
both "withdraw an unknown request" assistance request withdraw 77
both "no feedback before delivery" assistance request feedback 3 --outcome "too early"
both "feedback after delivery" assistance request feedback 1 --outcome "Draft law <reviewed> & adopted" --feedback "more customs training"
both "feedback on an unknown request" assistance request feedback 99 --outcome x
both "request show, the outcome" assistance request show 1 --format json
both "a regional batch" assistance request add UGA --kind training --items OP1-AG --title "Batch" --date 2025-02-01
both "match --region 002" match --region 002 --format json
both "match --region of an unknown region" match --region 999
both "proposal list after all that" assistance proposal list --format json

both "close an offer, for the lists below" assistance offer close 3

# ---- the filtered, paged lists (store_request_find, store_offer_find) ---------------------
# Only the web reaches them: a server on each backend, the same API calls,
# the same status and bytes. Each server listens on a port the kernel gives.
mkdir -p "$T/tmp"
TMPDIR="$T/tmp" "$BIN" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 >"$T/sq.log" 2>&1 &
SQ_PID=$!
TMPDIR="$T/tmp" "$BIN" --db "$PG" serve --listen 127.0.0.1:0 --threads 2 >"$T/pgs.log" 2>&1 &
PG_PID=$!
trap 'kill $SQ_PID $PG_PID 2>/dev/null; wait $SQ_PID $PG_PID 2>/dev/null; pg_cluster_stop; rm -rf "$T"' EXIT
port_of() { sed -n 's|^r1540 serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$1"; }
i=0
while [ $i -lt 200 ] && { [ -z "$(port_of "$T/sq.log")" ] || [ -z "$(port_of "$T/pgs.log")" ]; }; do
    sleep 0.1
    i=$((i + 1))
done
SQ_URL=http://127.0.0.1:$(port_of "$T/sq.log")
PG_WEB=http://127.0.0.1:$(port_of "$T/pgs.log")
# api NAME PATH [COUNT]: the same HTTP status and body from both servers (and
# COUNT rows passing the filters, when given: the comparison alone would pass
# if both found nothing)
api() {
    sc=$(curl -s -o "$T/sq.body" -w '%{http_code}' "$SQ_URL$2")
    pc=$(curl -s -o "$T/pg.body" -w '%{http_code}' "$PG_WEB$2")
    count=$(sed -n 's/^{"count":\([0-9]*\),.*/\1/p' "$T/pg.body")
    if [ "$sc" = "$pc" ] && cmp -s "$T/sq.body" "$T/pg.body" && [ "${3:-$count}" = "$count" ]; then
        ok "$1 (HTTP $sc, count $count)"
    else not_ok "$1" "sqlite $sc: $(head -c 300 "$T/sq.body")" "postgres $pc: $(head -c 300 "$T/pg.body")" "count $count, wanted ${3:-}"; fi
}
R=/api/v1/assistance/requests
O=/api/v1/assistance/offers
api "requests, newest first" "$R" 6
api "requests by status" "$R?status=open" 4
api "requests by another status" "$R?status=delivered" 1
api "requests by kind" "$R?kind=training" 3
api "requests by region" "$R?region=002" 4
api "requests by their own theme" "$R?theme=legislation" 1
api "requests by a theme of their items" "$R?theme=export-control-regimes" 6
api "requests by two filters" "$R?region=002&kind=training&status=open" 2
api "a theme holding a comma matches nothing" "$R?theme=legislation,nuclear" 0
api "an unknown status matches nothing" "$R?status=lost" 0
api "requests, one per page, the second" "$R?per_page=1&page=2"
api "requests, two per page, the last" "$R?per_page=2&page=3"
api "a page past the last gives the first" "$R?per_page=2&page=40"
api "offers" "$O" 4
api "offers by kind (a list)" "$O?kind=workshop" 2
api "offers by provider, an organization" "$O?provider=WCO" 1
api "offers by provider, a state" "$O?provider=USA" 1
api "offers by theme" "$O?theme=export-control" 1
api "offers by status" "$O?status=closed" 1
api "offers, one per page, the third" "$O?per_page=1&page=3"
api "a bad page is refused alike" "$R?page=0"
kill $SQ_PID $PG_PID 2>/dev/null
wait $SQ_PID $PG_PID 2>/dev/null

# ---- programmes of organizations and their offers -----------------------------------------
both "programme add" programme add --org WCO --title "Demo: customs enforcement" \
    --themes legislation,border-control --regions 002 --languages en,fr --from 2026-01-01 \
    --until 2027-12-31 --contact "Office X, x@example.org"
both "programme add, another organization" programme add --org UNLIREC --title "Demo: border controls" \
    --themes border-control,legislation --regions 419,002 --from 2027-06-01
both "programme add, worldwide" programme add --org UNODA --title "Demo: outreach" --themes legislation --until 2026-12-31
both "programme add, markup and SQL kept as text" programme add --org WCO \
    --title "<script>x</script> ' OR 1=1; --" --themes legislation --description "' OR 1=1; --"
both "an unknown organization" programme add --org NOBODY --title x --themes legislation
both "a state keeps no programme" programme add --org USA --title x --themes legislation
both "an unknown theme" programme add --org WCO --title x --themes legislation,space
both "the end before the start" programme add --org WCO --title x --themes legislation --from 2027-01-01 --until 2026-01-01
both "programme show" programme show 1 --format json
both "programme show of none" programme show 99
both "programme list" programme list --format json
both "programme list --org" programme list --org WCO
both "programme update" programme update 1 --title "Demo: customs law"
both "an update to a bad period" programme update 1 --from 2028-01-01
both "an update of no programme" programme update 99 --title y
both "programme remove" programme remove 4
both "removing no programme" programme remove 99
both "an offer joins its organization's programme" programme link 1 --offer 1
both "another organization's offer does not" programme link 1 --offer 3
both "a state's offer does not (AU is Australia)" programme link 1 --offer 4
both "a state's offer does not" programme link 1 --offer 2
both "no such offer" programme link 1 --offer 77
both "no such programme" programme link 77 --offer 1
both "programme show lists its offer" programme show 1 --format json
both "the offer says its programme" assistance offer show 1 --format json
both "a regional organization's offer joins its programme" programme link 2 --offer 3
both "unlink" programme unlink --offer 3
both "unlink again" programme unlink --offer 3
both "link again" programme link 2 --offer 3
both "the overlap view" programme overlap --format json
both "the overlap view, as text" programme overlap
both "removing a programme keeps its offers" programme remove 1
both "... the offer is in none" assistance offer show 1 --format json

# ---- import: what SQLite exported, into an empty PostgreSQL database, ids kept -------------
# (the dataset holds no programmes: they are compared above, command by command)
r export --format json -o "$T/a.json" >/dev/null 2>&1 || not_ok "export from SQLite" "$(cat "$T/err")"
pg_createdb imported
I=$(pg_url imported)
"$BIN" --db "$I" init >/dev/null 2>&1
expect_ok "import into PostgreSQL" "$BIN" --db "$I" import "$T/a.json"
expect_match "... counts the assistance records" "$T/out" "6 assistance requests, 4 offers, [1-9][0-9]* proposals"
for what in "assistance request list --format json" "assistance offer list --format json" \
    "assistance proposal list --format json" "assistance proposal show 1"; do
    # shellcheck disable=SC2086 # the command is split on purpose
    expect_eq "... $what as on SQLite" "$("$BIN" --db "$I" $what 2>&1)" "$(r $what 2>&1)"
done
expect_ok "importing the same file again" "$BIN" --db "$I" import "$T/a.json"
expect_eq "... changes nothing" "$("$BIN" --db "$I" assistance proposal list --format json)" "$(r assistance proposal list --format json)"
# an accepted proposal nobody accepted: refused whole by the store's own rule, on both
jq '.proposals[0].status = "accepted" | .proposals[0].provider_answer = ""' "$T/a.json" >"$T/bad.json"
pg_createdb hostile
"$BIN" --db "$(pg_url hostile)" init >/dev/null 2>&1
"$BIN" --db "$T/hostile.db" init >/dev/null 2>&1
"$BIN" --db "$T/hostile.db" import "$T/bad.json" >"$T/sq.out" 2>"$T/sq.err"; src=$?
"$BIN" --db "$(pg_url hostile)" import "$T/bad.json" >"$T/pg.out" 2>"$T/pg.err"; prc=$?
expect_eq "a hostile import is refused alike (exit, message)" "$prc $(cat "$T/pg.err")" "$src $(cat "$T/sq.err")"
expect_match "... by the rule" "$T/pg.err" "proposals\[0\]: a proposal is accepted only when the provider and the state accept it"
expect_eq "... and leaves nothing" "$("$BIN" --db "$(pg_url hostile)" assistance request list --format json)" \
    "$("$BIN" --db "$T/hostile.db" assistance request list --format json)"

expect_ok "audit verify on PostgreSQL" p audit verify
expect_eq "... the same verdict and count as on SQLite" "$(cut -d, -f1 "$T/out")" "$(r audit verify 2>&1 | cut -d, -f1)"

# ---- the rules, enforced by PostgreSQL whoever writes -------------------------------------
# psql beneath r1540; each statement (or group, one transaction) is refused
# and leaves nothing.
REQ_COLS='assistance_request (id, state, kind, title, description, priority, submitted, start, "end", status)'
OFF_COLS='assistance_offer (id, provider_state, provider_org, title, description, capacity, start, "end", status)'
PROP=assistance_proposal
refused "a request names a known state" "foreign key" \
    "INSERT INTO $REQ_COLS VALUES (90, 'ZZZ', 'training', 'x', '', 1, '2025-01-01', '', '', 'open')"
refused "a request has a title" "assistance_request_title_check" \
    "INSERT INTO $REQ_COLS VALUES (90, 'KEN', 'training', '', '', 1, '2025-01-01', '', '', 'open')"
refused "a priority is 1 to 3" "assistance_request_priority_check" \
    "INSERT INTO $REQ_COLS VALUES (90, 'KEN', 'training', 'x', '', 7, '2025-01-01', '', '', 'open')"
refused "a submitted date has its shape" "assistance_request_submitted_check" \
    "INSERT INTO $REQ_COLS VALUES (90, 'KEN', 'training', 'x', '', 1, '2025-1-1', '', '', 'open')"
refused "a request starts before it ends" "assistance_request_check" \
    "INSERT INTO $REQ_COLS VALUES (90, 'KEN', 'training', 'x', '', 1, '2025-01-01', '2026-01-01', '2025-01-01', 'open')"
refused "a request's status is one of four" "assistance_request_status_check" \
    "INSERT INTO $REQ_COLS VALUES (90, 'KEN', 'training', 'x', '', 1, '2025-01-01', '', '', 'lost')"
refused "a context of at most 4000 bytes" "assistance_request_context_check" \
    "UPDATE assistance_request SET context = repeat('é', 2001) WHERE id = 1"
refused "a feedback date is a date" "assistance_request_feedback_date_check" \
    "UPDATE assistance_request SET feedback_date = 'yesterday' WHERE id = 1"
refused "a withdrawn request stays withdrawn" "r1540: the request cannot go from that status to that one" \
    "UPDATE assistance_request SET status = 'open' WHERE id = 2"
refused "a request with a live proposal is not withdrawn" "r1540: the request cannot go from that status" \
    "UPDATE assistance_request SET status = 'withdrawn' WHERE id = (SELECT request_id FROM $PROP WHERE status = 'proposed' LIMIT 1)"
refused "no empty code in a list" "assistance_request_code_code_check" \
    "INSERT INTO assistance_request_code VALUES (1, 'items', 99, '')"
refused "no comma in a code" "assistance_request_code_code_check" \
    "INSERT INTO assistance_request_code VALUES (1, 'items', 99, 'OP1-AG,OP1-NSG')"
refused "no code twice in one list" "assistance_request_code_request_id_list_code_key" \
    "INSERT INTO assistance_request_code SELECT request_id, list, 99, code FROM assistance_request_code LIMIT 1"
refused "only the request's lists" "assistance_request_code_list_check" \
    "INSERT INTO assistance_request_code VALUES (1, 'colours', 1, 'red')"
refused "codes of a request that exists" "foreign key" \
    "INSERT INTO assistance_request_code VALUES (999, 'items', 1, 'OP1-AG')"
refused "a capacity is not negative" "assistance_offer_capacity_check" \
    "INSERT INTO $OFF_COLS VALUES (90, NULL, 'WCO', 'x', '', -1, '', '', 'open')"
refused "an offer's provider exists" "foreign key" \
    "INSERT INTO $OFF_COLS VALUES (90, NULL, 'NOBODY', 'x', '', 1, '', '', 'open')"
refused "an offer has one provider, not two" "assistance_offer_check" \
    "INSERT INTO $OFF_COLS VALUES (90, 'USA', 'WCO', 'x', '', 1, '', '', 'open')"
refused "an offer is open or closed" "assistance_offer_status_check" \
    "UPDATE assistance_offer SET status = 'paused' WHERE id = 1"
refused "no code twice in an offer's list" "assistance_offer_code_offer_id_list_code_key" \
    "INSERT INTO assistance_offer_code SELECT offer_id, list, 99, code FROM assistance_offer_code LIMIT 1"
# A request and an offer of their own for the proposal rules, in the same
# transaction as the refused insert (so they go with it).
NEW_PAIR="INSERT INTO $REQ_COLS VALUES (91, 'KEN', 'training', 'x', '', 1, '2025-01-01', '', '', 'open');
INSERT INTO $OFF_COLS VALUES (91, NULL, 'WCO', 'x', '', 5, '', '', 'open');"
proposal() { echo "INSERT INTO $PROP VALUES ($1, 91, 91, 10, '', '$2', '2025-01-01', '$3', '$4', '$5');"; }
refused "a request has at most one live proposal" "r1540: the request already has a live proposal" \
    "$NEW_PAIR $(proposal 91 '' proposed '' '') $(proposal 92 '' proposed '' '')"
refused "a declined pair is never proposed again" "r1540: this request and offer were declined once" \
    "$NEW_PAIR $(proposal 91 '' declined '' declined) $(proposal 92 '' proposed '' '')"
refused "an offer takes no more than its capacity" "r1540: the offer is at its capacity" \
    "$NEW_PAIR UPDATE assistance_offer SET capacity = 0 WHERE id = 91; $(proposal 91 '' proposed '' '')"
refused "... a regional batch counting once, a second batch counting again" "r1540: the offer is at its capacity" \
    "$NEW_PAIR UPDATE assistance_offer SET capacity = 1 WHERE id = 91;
     INSERT INTO $REQ_COLS VALUES (92, 'UGA', 'training', 'x', '', 1, '2025-01-01', '', '', 'open');
     INSERT INTO $PROP VALUES (91, 91, 91, 10, '', 'b1', '2025-01-01', 'proposed', '', '');
     INSERT INTO $PROP VALUES (92, 92, 91, 10, '', 'b2', '2025-01-01', 'proposed', '', '')"
refused "a proposal is born accepted only with both answers" "r1540: a proposal is accepted only when" \
    "$NEW_PAIR $(proposal 91 '' accepted accepted '')"
refused "only open requests and offers are matched" "r1540: only open requests and open offers are matched" \
    "$NEW_PAIR UPDATE assistance_offer SET status = 'closed' WHERE id = 91; $(proposal 91 '' proposed '' '')"
refused "a proposal names a request that exists" "foreign key" \
    "INSERT INTO $PROP VALUES (93, 999, 1, 10, '', '', '2025-01-01', 'declined', '', 'declined')"
refused "a proposal's status skips no step" "r1540: the workflow does not allow that change to a proposal" \
    "UPDATE $PROP SET status = 'delivered' WHERE status = 'proposed'"
refused "an answer is not rewritten" "r1540: the workflow does not allow" \
    "UPDATE $PROP SET state_answer = 'accepted' WHERE id = 2"
refused "a proposal's score does not change" "r1540: the workflow does not allow" \
    "UPDATE $PROP SET score = score + 1 WHERE id = 1"
refused "proposals are never deleted" "r1540: proposals are history and are never deleted" \
    "DELETE FROM $PROP WHERE id = 2"
refused "... not even by TRUNCATE" "r1540: proposals are history|r1540: the history of a proposal" \
    "TRUNCATE $PROP CASCADE"
refused "the history does not change" "r1540: the history of a proposal cannot change" \
    "UPDATE assistance_event SET note = 'forged'"
refused "... nor loses an entry" "r1540: the history of a proposal cannot change" \
    "DELETE FROM assistance_event WHERE seq = 1"
refused "... not even by TRUNCATE" "r1540: the history of a proposal cannot change" \
    "TRUNCATE assistance_event"
refused "a programme stays with its organization" "r1540: a programme stays with its organization" \
    "UPDATE programme SET org = 'WCO' WHERE id = 2"
refused "an offer joins only its organization's programme" "r1540: an offer joins a programme of the organization that makes it" \
    "INSERT INTO programme_offer VALUES (1, 2)"
refused "a link is not rewritten" "r1540: unlink the offer and link it again" \
    "UPDATE programme_offer SET programme_id = programme_id"
refused "an offer is in one programme at most" "programme_offer_pkey" \
    "INSERT INTO programme_offer VALUES (3, 2)"
refused "a programme's title is at most 300 bytes" "programme_title_check" \
    "UPDATE programme SET title = repeat('x', 301) WHERE id = 2"
refused "a programme names a theme" "programme_themes_check" \
    "UPDATE programme SET themes = '' WHERE id = 2"
refused "a programme's period is in order" "programme_check" \
    "UPDATE programme SET start = '2030-01-01', \"end\" = '2029-01-01' WHERE id = 2"
refused "a programme's organization exists" "foreign key" \
    "INSERT INTO programme (id, org, title, description, themes, regions, languages, start, \"end\", contact) VALUES (9, 'NOBODY', 'x', '', 'legislation', '', '', '', '', '')"
refused "an event is one of six" "assistance_event_event_check" \
    "INSERT INTO assistance_event VALUES (2, 99, '2025-01-01', 'bribed', '')"
expect_ok "the refused writes left the audit log intact" p audit verify
both "... and the records as they were" assistance proposal list --format json
done_testing
