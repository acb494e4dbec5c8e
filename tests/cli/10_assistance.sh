# Assistance: the organizations registry, requests and offers with their bad
# input, the proposal workflow, the rules the store keeps on its own, and the
# audit entry each change adds (a refused one adds none).
. tests/cli/lib.sh
init_db

r assistance org list >"$T/orgs"
expect_eq "the registry holds 15 organizations" "$(wc -l <"$T/orgs")" "15"
expect_match "the IAEA is in it" "$T/orgs" "^IAEA +intergovernmental +worldwide +International Atomic Energy Agency"
r assistance org list --format json >"$T/orgs.json"
expect_eq "org list --format json parses, with six names" "$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d), sorted(d[0]["names"]))' "$T/orgs.json")" "15 ['ar', 'en', 'es', 'fr', 'ru', 'zh']"

# Requests.
audited "add a request" assistance.request.add request:1 r assistance request add KEN --kind training --items OP1-AG,OP1-NSG --title "Export control training" --languages en,fr --priority 2 --date 2025-01-10
expect_eq "the new id is printed" "$(cat "$T/out")" "1"
expect_eq "the audit detail says what was asked" "$(audit_detail)" '{"state":"KEN","kind":"training","items":"OP1-AG,OP1-NSG","priority":2}'
audited "add a request with a theme and a period" assistance.request.add request:2 r assistance request add ht --kind legislative-drafting --items OP1-MTCR --themes legislation --title "Loi d'application" --languages fr --date 2025-02-01 --start 2025-03-01 --end 2026-12-31
r assistance request list >"$T/list"
expect_match "request list shows both" "$T/list" "^ +2  HTI  open +legislative-drafting"
r assistance request list KEN --format json >"$T/list.json"
expect_eq "request list STATE --format json parses" "$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d), d[0]["items"], d[0]["priority"], d[0]["status"])' "$T/list.json")" "1 OP1-AG,OP1-NSG 2 open"

h=$(db_hash)
n=$(audit_count)
expect_fail "unknown state" 3 "unknown state 'ZZZ'" r assistance request add ZZZ --kind training --items OP1-AG --title x
expect_fail "unknown template item" 3 "unknown template item 'OP9-NOPE'" r assistance request add KEN --kind training --items OP1-AG,OP9-NOPE --title x
expect_fail "a request with no items" 4 "at least one template item" r assistance request add KEN --kind training --title x
expect_fail "an empty item list" 4 "at least one template item" r assistance request add KEN --kind training --items "" --title x
expect_fail "an item named twice" 4 "each once" r assistance request add KEN --kind training --items OP1-AG,OP1-AG --title x
expect_fail "unknown kind" 4 "kind: 'lunch' is not a kind" r assistance request add KEN --kind lunch --items OP1-AG --title x
expect_fail "unknown theme" 3 "unknown theme 'cooking'" r assistance request add KEN --kind training --items OP1-AG --themes cooking --title x
expect_fail "priority out of range" 4 "priority" r assistance request add KEN --kind training --items OP1-AG --title x --priority 7
expect_fail "impossible date" 4 "not a date" r assistance request add KEN --kind training --items OP1-AG --title x --date 2025-02-30
expect_fail "date in the future" 4 "in the future" r assistance request add KEN --kind training --items OP1-AG --title x --date 2999-01-01
expect_fail "start after end" 4 "start 2026-01-01 is after end 2025-01-01" r assistance request add KEN --kind training --items OP1-AG --title x --start 2026-01-01 --end 2025-01-01
expect_fail "an overlong date" 4 "not a date" r assistance request add KEN --kind training --items OP1-AG --title x --start 2026-01-01-and-more
expect_fail "bad language code" 4 "languages" r assistance request add KEN --kind training --items OP1-AG --title x --languages English
expect_fail "a title with a newline" 4 "title" r assistance request add KEN --kind training --items OP1-AG --title "two
lines"
expect_fail "a title of 10,000 characters" 4 "title" r assistance request add KEN --kind training --items OP1-AG --title "$(head -c 10000 /dev/zero | tr '\0' 't')"
expect_fail "invalid UTF-8 in a title" 4 "title" r assistance request add KEN --kind training --items OP1-AG --title "$(printf 'bad \377 bytes')"
expect_fail "a description of 5,000 bytes" 4 "description" r assistance request add KEN --kind training --items OP1-AG --title x --description "$(head -c 5000 /dev/zero | tr '\0' 'd')"
expect_fail "a list of 100,000 bytes" 4 "items" r assistance request add KEN --kind training --items "$(head -c 100000 /dev/zero | tr '\0' 'A')" --title x
expect_fail "missing required options" 2 "required" r assistance request add KEN --items OP1-AG
expect_eq "none of the bad requests changed the database" "$(db_hash)" "$h"
expect_eq "nor added an audit entry" "$(audit_count)" "$n"

title="Robert'); DROP TABLE assistance_request;-- <b>\"x\"</b>"
expect_ok "SQL metacharacters in a title" r assistance request add KEN --kind workshop --items OP1-AG --title "$title" --date 2025-03-01
expect_eq "the title comes back verbatim" "$(r assistance request show 3 | sed -n 's/^title: //p')" "$title"

# Offers.
audited "an organization's offer" assistance.offer.add offer:1 r assistance offer add WCO --kinds training,workshop --items OP1-AG,OP1-NSG --themes export-control --title "STCE course" --capacity 1 --languages en,fr
audited "a state's offer, limited to Africa" assistance.offer.add offer:2 r assistance offer add usa --kinds training --themes export-control-regimes --title "EXBS" --capacity 2 --regions 002 --languages en
audited "an offer for the Americas" assistance.offer.add offer:3 r assistance offer add UNLIREC --kinds legislative-drafting --items OP1-MTCR --title "Legislative support" --capacity 1 --regions 419 --languages es,fr
expect_eq "the audit detail names the provider" "$(audit_detail)" '{"provider":"UNLIREC","kinds":"legislative-drafting","capacity":1}'
r assistance offer show 2 --format json >"$T/offer.json"
expect_eq "offer show --format json" "$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["provider"], d["provider_kind"], d["capacity"], d["regions"])' "$T/offer.json")" "USA state 2 002"

h=$(db_hash)
n=$(audit_count)
expect_fail "a negative capacity" 4 "capacity" r assistance offer add WCO --kinds training --themes export-control --title x --capacity -1
expect_fail "a capacity that is not a number" 4 "capacity" r assistance offer add WCO --kinds training --themes export-control --title x --capacity lots
expect_fail "unknown provider" 3 "unknown provider 'NOBODY'" r assistance offer add NOBODY --kinds training --themes export-control --title x --capacity 1
expect_fail "an offer with neither items nor themes" 4 "at least one template item or theme" r assistance offer add WCO --kinds training --title x --capacity 1
expect_fail "a region that is not an M49 code" 4 "regions" r assistance offer add WCO --kinds training --themes export-control --title x --capacity 1 --regions Africa
expect_fail "unknown kind in an offer" 4 "kinds" r assistance offer add WCO --kinds training,picnic --themes export-control --title x --capacity 1
expect_fail "an overlong date in an offer" 4 "--end: .* is not a date" r assistance offer add WCO --kinds training --themes export-control --title x --capacity 1 --end 2026-01-01-and-more
expect_fail "an impossible date in an offer" 4 "not a date" r assistance offer add WCO --kinds training --themes export-control --title x --capacity 1 --start 2025-02-30
expect_eq "none of the bad offers changed the database" "$(db_hash)" "$h"
expect_eq "nor added an audit entry" "$(audit_count)" "$n"

# The store refuses what must never happen, even through plain SQL.
expect_sql_refused "a negative capacity, by SQL" "CHECK constraint failed" "insert into assistance_offer (id, provider_org, title, description, capacity, start, \"end\", status) values (999, 'WCO','x','',-1,'','','open')"
expect_sql_refused "an offer from nobody, by SQL" "FOREIGN KEY constraint failed" "PRAGMA foreign_keys=ON; insert into assistance_offer (id, provider_org, title, description, capacity, start, \"end\", status) values (999, 'NOBODY','x','',1,'','','open')"
# Lists are rows of code tables (sqlite_schema_lists.c): no empty code, none twice.
expect_sql_refused "an empty code in a request's list, by SQL" "CHECK constraint failed" "insert into assistance_request_code (request_id, list, seq, code) values ((select min(id) from assistance_request),'items',99,'')"
expect_sql_refused "a code twice in an offer's list, by SQL" "UNIQUE constraint failed" "insert into assistance_offer_code (offer_id, list, seq, code) select offer_id, list, 99, code from assistance_offer_code limit 1"

# Proposals and their workflow.
audited "match" match.propose "" r match
cp "$T/out" "$T/match"
expect_match "match proposes something for request 1" "$T/match" "request 1 \(KEN"
expect_eq "one audit entry for the three proposals" "$(audit_detail | jq -r '"\(.proposals) \(.first)-\(.last)"')" "3 1-3"
expect_eq "three proposals recorded" "$(json length assistance proposal list)" "3"
# proposal_of REQUEST FIELD: a field of the request's proposal, from `proposal list`.
proposal_of() { json ".[] | select(.request == $1) | .$2" assistance proposal list; }
p=$(proposal_of 1 id)
audited "the provider accepts" assistance.proposal.accept "proposal:$p" r assistance proposal accept "$p" --by provider --note "dates to agree"
expect_eq "one answer is not enough" "$(cat "$T/out")" "proposal $p: proposed"
audited "the state accepts" assistance.proposal.accept "proposal:$p" r assistance proposal accept "$p" --by state
expect_eq "both answers: accepted" "$(cat "$T/out")" "proposal $p: accepted"
expect_eq "the audit detail gives the event and the new status" "$(audit_detail)" '{"event":"state-accepted","status":"accepted","request":1,"offer":'"$(proposal_of 1 offer)"'}'
expect_eq "the request is matched" "$(json .status assistance request show 1)" "matched"
h=$(db_hash)
unaudited "no answer after acceptance" 5 "takes no more answers" r assistance proposal decline "$p" --by state
expect_eq "a refused answer changes nothing" "$(db_hash)" "$h"
audited "delivered" assistance.proposal.deliver "proposal:$p" r assistance proposal deliver "$p" --note "course held"
expect_eq "the request is delivered" "$(json .status assistance request show 1)" "delivered"
unaudited "delivered only once" 5 "only an accepted proposal" r assistance proposal deliver "$p"
unaudited "--by is required" 2 "--by" r assistance proposal accept "$p"
unaudited "unknown proposal" 3 "no proposal with id 999" r assistance proposal accept 999 --by state
r assistance proposal show "$p" >"$T/prop"
expect_match "the history is kept, with notes" "$T/prop" "provider-accepted: dates to agree"
expect_match "the history ends delivered" "$T/prop" "4  [0-9-]+  delivered: course held"
expect_match "the proposal says why, factor by factor" "$T/prop" "^kind: training offered = 30"

q=$(proposal_of 2 id)
qo=$(proposal_of 2 offer)
unaudited "a note that is not UTF-8" 4 "--note" r assistance proposal decline "$q" --by state --note "$(printf 'bad \377')"
audited "the state declines" assistance.proposal.decline "proposal:$q" r assistance proposal decline "$q" --by state --note "not now"
expect_eq "declined" "$(cat "$T/out")" "proposal $q: declined"
n=$(audit_count)
r match --dry-run --format json >"$T/again.json"
expect_eq "a dry run adds no audit entry" "$(audit_count)" "$n"
expect_eq "a declined pair is never proposed again" "$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([p for p in d["proposals"] if p["request"]==2 and p["offer"]==int(sys.argv[2])])' "$T/again.json" "$qo")" "[]"

expect_ok "the audit log verifies" r audit verify
expect_sql_refused "the store refuses a declined pair again" "declined once and are never proposed again" "insert into assistance_proposal (request_id, offer_id, score, explanation, batch, created, status, provider_answer, state_answer) values (2, $qo, 10, '', '', '2025-01-01', 'proposed', '', '')"
expect_sql_refused "the store refuses skipping a step" "workflow does not allow" "update assistance_proposal set status = 'delivered' where status = 'proposed'"
expect_sql_refused "the store refuses rewriting an answer" "workflow does not allow" "update assistance_proposal set state_answer = 'accepted' where id = $q"
expect_sql_refused "the store keeps proposals" "never deleted" "delete from assistance_proposal"
expect_sql_refused "the store keeps the history" "cannot change" "update assistance_event set note = 'forged'"
expect_sql_refused "the store keeps the history from deletion" "cannot change" "delete from assistance_event"
beneath "update assistance_offer set capacity = 0 where id = 3" # the trigger's own test, beneath r1540
expect_sql_refused "the store refuses more than the capacity" "at its capacity" "insert into assistance_proposal (request_id, offer_id, score, explanation, batch, created, status, provider_answer, state_answer) values (3, 3, 10, '', '', '2025-01-01', 'proposed', '', '')"

r assistance request show 1 --format json >"$T/show1.json"
expect_eq "request show --format json: fitting offers and proposals with history" "$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["id"], d["status"], len(d["proposals"]), [e["event"] for e in d["proposals"][0]["history"]])' "$T/show1.json")" "1 delivered 1 ['proposed', 'provider-accepted', 'state-accepted', 'delivered']"
r assistance request show 2 >"$T/show2"
expect_match "request show lists its proposals and their history" "$T/show2" "state-declined: not now"
r assistance request show 2 --format json >"$T/show2.json"
expect_eq "a declined offer no longer fits the request" "$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([o for o in d["fitting_offers"] if o["offer"]==int(sys.argv[2])])' "$T/show2.json" "$qo")" "[]"
# A damaged file, made beneath r1540 (a copy of the SQLite file: on
# PostgreSQL, tests/cli/51_postgres_assistance.sh)
if on_sqlite; then
    cp "$DB" "$T/broken.db"
    sqlite_only "$T/broken.db" "drop table assistance_event"
    expect_fail "request show fails when a history cannot be read (not an empty history)" 1 "no such table" "$BIN" --db "$T/broken.db" assistance request show 2
fi

# Export and import: requests, offers and proposals with their history, exactly.
expect_ok "export with assistance" r export --format json -o "$T/a.json"
expect_match "the export holds the proposals' history" "$T/a.json" '"history":\[\{"seq":1,"date":"[0-9-]+","event":"proposed","note":""\}'
DB=$T/copy.db
init_db
expect_ok "import it into a new database" r import "$T/a.json"
expect_match "the import counts the assistance records" "$T/out" "3 assistance requests, 3 offers, 3 proposals"
expect_ok "export again" r export --format json -o "$T/b.json"
expect_eq "the round trip is byte-identical" "$(cmp "$T/a.json" "$T/b.json" && echo same)" "same"
expect_ok "importing the same file again changes nothing" r import "$T/a.json"
expect_eq "still byte-identical" "$(r export --format json -o - | cmp - "$T/a.json" && echo same)" "same"

# Hostile imports: each is refused whole, and nothing changes.
DB=$T/hostile.db
init_db
h=$(db_hash)
edit() { /usr/bin/python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
$1
json.dump(d, open(sys.argv[2], 'w'), ensure_ascii=False)" "$T/a.json" "$T/bad.json"; }
edit 'd["requests"][0]["state"] = "ZZZ"'
expect_fail "a request of an unknown state" 3 "requests\[0\]: unknown state 'ZZZ'" r import "$T/bad.json"
edit 'd["requests"][1]["items"] = "OP1-AG,NOPE-1"'
expect_fail "a request with an unknown item" 3 "requests\[1\]: items: unknown template item 'NOPE-1'" r import "$T/bad.json"
edit 'd["requests"][0]["items"] = ""'
expect_fail "a request with no items" 4 "requests\[0\].items: a request names at least one" r import "$T/bad.json"
edit 'd["offers"][0]["capacity"] = -2'
expect_fail "an offer with a negative capacity" 4 "offers\[0\].capacity: must be from 0" r import "$T/bad.json"
edit 'd["offers"][1]["provider"] = "NOBODY"; d["offers"][1]["provider_kind"] = "organization"'
expect_fail "an offer from an unknown organization" 3 "offers\[1\]: unknown provider 'NOBODY'" r import "$T/bad.json"
edit 'p = [p for p in d["proposals"] if p["status"] == "declined"][0]; q = dict(p); q["id"] = 99; q["status"] = "proposed"; q["state_answer"] = ""; q["history"] = q["history"][:1]; d["proposals"].append(q); [o.update(capacity=10) for o in d["offers"] if o["id"] == q["offer"]]'
expect_fail "a declined pair proposed again" 5 "declined once and are never proposed again" r import "$T/bad.json"
edit 'd["proposals"][0]["status"] = "accepted"; d["proposals"][0]["provider_answer"] = ""'
expect_fail "an accepted proposal nobody accepted" 5 "accepted only when the provider and the state accept" r import "$T/bad.json"
edit 'd["proposals"][0]["history"][0]["event"] = "bribed"'
expect_fail "an unknown event in a history" 4 "proposals\[0\]: history\[0\]" r import "$T/bad.json"
edit 'd["requests"][0]["colour"] = "red"'
expect_fail "an unknown key" 4 "requests\[0\].colour: unknown key" r import "$T/bad.json"
edit 'd["offers"] = {"not": "a list"}'
expect_fail "offers that are not a list" 4 "offers: must be an array" r import "$T/bad.json"
expect_eq "no hostile import changed anything" "$(db_hash)" "$h"

# Withdrawing requests and closing offers.
DB=$(new_db status)
init_db
r assistance request add KEN --kind training --items OP1-AG --title "A" --date 2025-01-10 >/dev/null
r assistance request add UGA --kind training --items OP1-AG --title "B" --date 2025-01-10 >/dev/null
r assistance offer add WCO --kinds training --items OP1-AG --title "C" --capacity 5 >/dev/null
audited "close an offer" assistance.offer.close offer:1 r assistance offer close 1
expect_eq "it says so" "$(cat "$T/out")" "offer 1: closed"
expect_eq "the audit detail gives both statuses" "$(audit_detail)" '{"from":"open","to":"closed"}'
r match --dry-run >"$T/m"
expect_match "a closed offer is not matched" "$T/m" "^0 proposals"
audited "reopen it" assistance.offer.reopen offer:1 r assistance offer reopen 1
audited "withdraw request 2" assistance.request.withdraw request:2 r assistance request withdraw 2
expect_eq "the audit detail gives both statuses" "$(audit_detail)" '{"from":"open","to":"withdrawn"}'
audited "match" match.propose "" r match
cp "$T/out" "$T/m"
expect_match "a withdrawn request is not matched" "$T/m" "^1 proposal,"
h=$(db_hash)
unaudited "a request with a live proposal is not withdrawn" 5 "without a live proposal" r assistance request withdraw 1
unaudited "a withdrawn request stays withdrawn" 5 "cannot go from that status" r assistance request withdraw 2
unaudited "withdraw an unknown request" 3 "no request with id 77" r assistance request withdraw 77
unaudited "close an unknown offer" 3 "no offer with id 77" r assistance offer close 77
unaudited "reopen an unknown offer" 3 "no offer with id 77" r assistance offer reopen 77
expect_eq "the refused changes changed nothing" "$(db_hash)" "$h"
expect_eq "each change added one audit entry: init, 3 adds, close, reopen, withdraw, match" "$(audit_count)" "8"
expect_ok "the audit log verifies" r audit verify
expect_match "and counts them" "$T/out" "^audit log intact: 8 entries"
expect_sql_refused "the store refuses reopening a withdrawn request" "cannot go from that status" "update assistance_request set status = 'open' where id = 2"

# The same rules whoever asks (src/app/app_assist.c): an open offer is not
# reopened nor a closed one closed again; --as holds the command to the
# account's role and, for a proposal, to its own side.
PW='correct horse battery staple'
for u in "pocken --role poc --state KEN" "wco --role provider --org WCO" "iaea --role provider --org IAEA" "exp --role expert"; do
    echo "$PW" | r user add $u >/dev/null 2>&1 || echo "Bail out! user add $u"
done
h=$(db_hash)
unaudited "an open offer is not reopened" 5 "already open" r assistance offer reopen 1
unaudited "another provider may not close the offer" 7 "not allowed" r --as iaea assistance offer close 1
unaudited "a point of contact may not close an offer" 7 "assistance-offer" r --as pocken assistance offer close 1
unaudited "--by names a side" 2 "--by is provider or state" r assistance proposal accept 1 --by everyone
unaudited "a point of contact may not answer for the provider" 7 "Only the requesting state and the provider" r --as pocken assistance proposal accept 1 --by provider
unaudited "another provider may not answer" 7 "Only the requesting state and the provider" r --as iaea assistance proposal accept 1
unaudited "an expert may not answer" 7 "assistance-answer" r --as exp assistance proposal accept 1 --by state
unaudited "a note of 5,000 bytes" 4 "--note" r --as pocken assistance proposal accept 1 --note "$(head -c 5000 /dev/zero | tr '\0' n)"
unaudited "--as a user that does not exist" 3 "no user 'nobody'" r --as nobody assistance proposal accept 1
unaudited "a provider may not withdraw a request" 7 "assistance-request" r --as wco assistance request withdraw 1
unaudited "import is the operator's alone" 7 "data-import" r --as exp import "$T/a.json"
unaudited "a provider may not record an event" 7 "event-add" r --as wco event add --kind round-table --title x --start 2020-01-01 --state FRA
unaudited "a provider may not record the matching" 7 "assistance-match" r --as wco match
expect_fail "nor review it" 7 "assistance-match" r --as wco match --dry-run
expect_eq "none of the refused commands changed the database" "$(db_hash)" "$h"
audited "the state's point of contact answers for its own side" assistance.proposal.accept proposal:1 r --as pocken assistance proposal accept 1
expect_eq "... audited as acting as that account" "$(json 'last | .actor | test("^cli:.* as pocken$")' audit list)" "true"
unaudited "... once" 5 "The state has already answered" r --as pocken assistance proposal decline 1
audited "the provider's account answers for the provider" assistance.proposal.accept proposal:1 r --as wco assistance proposal accept 1
expect_eq "... and the proposal is accepted" "$(cat "$T/out")" "proposal 1: accepted"
audited "the operator closes the offer" assistance.offer.close offer:1 r assistance offer close 1
unaudited "a closed offer is not closed again" 5 "already closed" r --as wco assistance offer close 1
audited "its provider reopens it" assistance.offer.reopen offer:1 r --as wco assistance offer reopen 1
audited "an expert records an event" event.add "event:1" r --as exp event add --kind round-table --title x --start 2020-01-01 --state FRA

expect_fail "unknown subcommand" 2 "expected" r assistance request frobnicate
r assistance --help >"$T/help"
expect_match "--help explains the workflow" "$T/help" "accepted when the provider and the state both accept"
done_testing
