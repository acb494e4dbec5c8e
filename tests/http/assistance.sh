#!/bin/sh
# HTTP tests of the assistance pages and API: the real server on a fresh demo
# database, with a point of contact, providers of two organizations, an
# expert and a Committee member. Public lists and pages with their filters
# and paging; who may add, withdraw, close, match, answer and deliver, and
# that a refused call changes nothing; the match review against the CLI's dry
# run; a proposal's whole life by API and by forms; hostile, malformed and
# oversized input; the audit log. TAP output. See docs/testing.md.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

XSS='<script>alert(1)</script>'
XSS_HTML='&lt;script&gt;alert(1)&lt;/script&gt;'
SQL="'; DROP TABLE assistance_request; --"

init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
adduser() { echo "$PW" | r user add "$@" >/dev/null 2>>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! user add $1"; exit 1; }; }
adduser exp --role expert
adduser com --role committee
adduser pocfra --role poc --state FRA
adduser pocdeu --role poc --state DEU
adduser iaea --role provider --org IAEA
adduser opcw --role provider --org OPCW
start_server
for u in exp com pocfra pocdeu iaea opcw; do api_login "$u" || { echo "Bail out! login $u"; exit 1; }; done

py() { e=$1; shift; python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($e)" "$T/body" "$@"; }
# ex FILTER: jq -r FILTER over a fresh JSON export (requests, offers, proposals
# with their history), with $offer and $request: the offers and requests by id.
ex() {
    r export --format json --no-documents -o - | jq -r '(.offers | map({key: (.id | tostring), value: .}) | from_entries) as $offer
        | (.requests | map({key: (.id | tostring), value: .}) | from_entries) as $request | '"$1"
}
# the whole database's fingerprint, to prove a refusal changed nothing
state_of_requests() { fingerprint; }

# ---- public lists and pages --------------------------------------------------------
expect "requests list (page)" 200 "$B/en/assistance/requests"
check "... marks demo data and escapes nothing it should not" body_has 'Assistance requests'
expect "requests list (API)" 200 "$B/api/v1/assistance/requests"
expect_eq "... counts every request (export)" "$(py 'd["count"]')" "$(ex '.requests | length')"
expect_eq "... shows 200 per page" "$(py 'len(d["requests"])')" 200
expect_eq "... newest first" "$(py 'd["requests"][0]["id"]')" "$(ex '[.requests[].id] | max')"
expect "... page 2 (API)" 200 "$B/api/v1/assistance/requests?page=2"
expect_eq "... holds the rest" "$(py 'len(d["requests"])')" "$(( $(ex '.requests | length') - 200 ))"
expect "... page 999 falls back to page 1" 200 "$B/api/v1/assistance/requests?page=999"
expect_eq "... page number" "$(py 'd["page"]')" 1
expect "requests filtered by kind and status (API)" 200 "$B/api/v1/assistance/requests?kind=training&status=open"
expect_eq "... the same as the export" "$(py 'd["count"]')" "$(ex '[.requests[] | select(.kind == "training" and .status == "open")] | length')"
expect "requests of Africa (API)" 200 "$B/api/v1/assistance/requests?region=002"
expect_eq "... the same as the export" "$(py 'd["count"]')" "$(ex '[.states[] | select(.m49_region == "002") | .alpha3] as $af | [.requests[] | select(.state | IN($af[]))] | length')"
expect "requests on export control (API)" 200 "$B/api/v1/assistance/requests?theme=export-control"
expect_eq "... those that list the theme or name an item carrying it (export)" "$(py 'd["count"]')" "$(
    EC=$(r template list --version "$(ex .template_version)" --format json |
        jq -c '[.[] | select(.themes | split(",") | index("export-control")) | .id]') \
    ex '($ENV.EC | fromjson) as $ec
        | [.requests[] | select((.themes | split(",") | index("export-control")) or ((.items | split(",")) - ((.items | split(",")) - $ec) | length > 0))] | length' )"
expect_eq "... more than list it (the filter sees the items' themes, as the page shows them)" \
    "$(test "$(py 'd["count"]')" -gt "$(ex '[.requests[] | select(.themes | split(",") | index("export-control"))] | length')" && echo yes)" yes
expect_eq "... each shown with the theme" "$(py 'all(any(t["code"] == "export-control" for t in q["themes"]) for q in d["requests"])')" True
expect "a filter with hostile text is just no match" 200 "$B/en/assistance/requests?kind=%3Cscript%3E&theme=%27%20OR%201=1"
check "... and is not echoed raw" body_lacks '<script>'
expect "offers list (page)" 200 "$B/en/assistance/offers"
expect "offers of the IAEA (API)" 200 "$B/api/v1/assistance/offers?provider=IAEA"
expect_eq "... the same as the export" "$(py 'd["count"]')" "$(ex '[.offers[] | select(.provider == "IAEA")] | length')"
expect_eq "... named in the page's language" "$(py 'd["offers"][0]["provider_name"]')" "International Atomic Energy Agency"
expect "the same in French (API)" 200 "$B/api/v1/assistance/offers?provider=IAEA&lang=fr"
expect_eq "... names the agency in French" "$(py 'd["offers"][0]["provider_name"]')" "Agence internationale de l'énergie atomique"

expect "a request's page" 200 "$B/en/assistance/requests/1"
check "... lists offers that fit" body_has 'Offers that fit'
expect "a request (API)" 200 "$B/api/v1/assistance/requests/1"
expect_eq "... is request 1" "$(py 'd["request"]["id"]')" 1
expect_eq "... shows the public no proposals" "$(py '"proposals" in d')" False
expect_eq "... fitting offers best first" "$(py 'all(a["score"] >= b["score"] for a, b in zip(d["fitting_offers"], d["fitting_offers"][1:]))')" True
expect "an offer's page" 200 "$B/en/assistance/offers/1"
check "... lists the open requests it fits" body_has 'Open requests this offer fits'
for bad in 0 -1 abc 1e3 99999999999999999999 9007199254740993 01 "$(head -c 3000 /dev/zero | tr '\0' 9)"; do
    expect "request '$(echo "$bad" | head -c 24)' is 404" 404 "$B/api/v1/assistance/requests/$bad"
done
expect "an offer that does not exist is 404" 404 "$B/en/assistance/offers/99999"
expect "the state page lists its requests" 200 "$B/api/v1/states/AFG"
expect_eq "... all of AFG's (export)" "$(py 'len(d["requests"])')" "$(ex '[.requests[] | select(.state == "AFG")] | length')"
expect_eq "... without a form for the public" "$(py '"request_form" in d or "can_request" in d')" False

# ---- who may do what -----------------------------------------------------------------
before=$(state_of_requests)
expect "the public: match review goes to sign-in" 303 "$B/en/assistance/match"
api_expect "the public: match review (API) 401" 401 - GET assistance/match
api_expect "the public: proposals 401" 401 - GET assistance/proposals
api_expect "the public cannot add a request" 401 - POST states/FRA/requests '{"title":"x"}'
api_expect "pocfra cannot add a request for DEU" 403 pocfra POST states/DEU/requests \
    '{"title":"x","kind":"training","items":["OP1-NPT"],"themes":[],"languages":["en"]}'
api_expect "a provider cannot add a request" 403 iaea POST states/FRA/requests \
    '{"title":"x","kind":"training","items":["OP1-NPT"],"themes":[],"languages":["en"]}'
api_expect "a point of contact cannot add an offer" 403 pocfra POST assistance/offers '{"title":"x"}'
api_expect "a Committee member cannot add an offer" 403 com POST assistance/offers '{"title":"x"}'
api_expect "a provider cannot see the match review" 403 iaea GET assistance/match
api_expect "a point of contact cannot run the matching" 403 pocfra POST assistance/match '{}'
api_expect "an expert cannot answer a proposal" 403 exp POST assistance/proposals/1/accept '{}'
api_expect "a point of contact cannot mark delivered" 403 pocfra POST assistance/proposals/1/deliver '{}'
OPCW_OFFER=$(ex '[.offers[] | select(.provider == "OPCW") | .id] | min')
api_expect "the IAEA cannot close an OPCW offer" 403 iaea POST "assistance/offers/$OPCW_OFFER/close" '{}'
expect "a POST with a wrong CSRF token is refused" 403 -b "$T/jar.pocfra" -H 'X-CSRF-Token: 0' -H 'Content-Type: application/json' \
    -d '{"title":"x","kind":"training","items":["OP1-NPT"],"themes":[],"languages":["en"]}' "$B/api/v1/states/FRA/requests"
expect "a POST without a CSRF token is refused" 403 -b "$T/jar.pocfra" -H 'Content-Type: application/json' \
    -d '{"title":"x","kind":"training","items":["OP1-NPT"],"themes":[],"languages":["en"]}' "$B/api/v1/states/FRA/requests"
expect_eq "none of the refused calls changed anything" "$(state_of_requests)" "$before"

# ---- a point of contact asks for assistance (API), with hostile and bad input --------
bad_request() { # bad_request NAME JSON: 422, nothing changed
    before=$(state_of_requests)
    api_expect "$1 is refused (422)" 422 pocfra POST states/FRA/requests "$2"
    expect_eq "... and changes nothing" "$(state_of_requests)" "$before"
}
bad_request "no items" '{"title":"t","kind":"training","items":[],"themes":[],"languages":["en"]}'
bad_request "an unknown item" '{"title":"t","kind":"training","items":["OP9-NOPE"],"themes":[],"languages":["en"]}'
bad_request "an unknown theme" '{"title":"t","kind":"training","items":["OP1-NPT"],"themes":["nope"],"languages":["en"]}'
bad_request "an unknown kind" '{"title":"t","kind":"bribery","items":["OP1-NPT"],"themes":[],"languages":["en"]}'
bad_request "no title" '{"kind":"training","items":["OP1-NPT"],"themes":[],"languages":["en"]}'
bad_request "items as a number" '{"title":"t","kind":"training","items":5,"themes":[],"languages":["en"]}'
bad_request "items with a number inside" '{"title":"t","kind":"training","items":["OP1-NPT",7],"themes":[],"languages":["en"]}'
bad_request "an item with a comma inside" '{"title":"t","kind":"training","items":["OP1-NPT,OP1-BWC"],"themes":[],"languages":["en"]}'
bad_request "priority 7" '{"title":"t","kind":"training","items":["OP1-NPT"],"themes":[],"languages":["en"],"priority":7}'
bad_request "a date that is none" '{"title":"t","kind":"training","items":["OP1-NPT"],"themes":[],"languages":["en"],"start":"2024-13-45"}'
bad_request "a long date" '{"title":"t","kind":"training","items":["OP1-NPT"],"themes":[],"languages":["en"],"end":"2024-01-011111"}'
bad_request "a bad language code" '{"title":"t","kind":"training","items":["OP1-NPT"],"themes":[],"languages":["EN!"]}'
bad_request "a title over 300 bytes" "{\"title\":\"$(head -c 400 /dev/zero | tr '\0' a)\",\"kind\":\"training\",\"items\":[\"OP1-NPT\"],\"themes\":[],\"languages\":[\"en\"]}"
bad_request "a description over 4000 bytes" "{\"title\":\"t\",\"description\":\"$(head -c 5000 /dev/zero | tr '\0' a)\",\"kind\":\"training\",\"items\":[\"OP1-NPT\"],\"themes\":[],\"languages\":[\"en\"]}"
bad_request "a title with a line break" '{"title":"a\nb","kind":"training","items":["OP1-NPT"],"themes":[],"languages":["en"]}'
bad_request "a start after the end" '{"title":"t","kind":"training","items":["OP1-NPT"],"themes":[],"languages":["en"],"start":"2025-02-01","end":"2025-01-01"}'
before=$(state_of_requests)
head -c 1100000 /dev/zero | tr '\0' a >"$T/big.txt"
expect "a body over 1 MB is refused (413)" 413 -b "$T/jar.pocfra" -H "X-CSRF-Token: $(cat "$T/csrf.pocfra")" \
    -H 'Content-Type: application/json' --data-binary "@$T/big.txt" "$B/api/v1/states/FRA/requests"
many=$(python3 -c 'print("&".join("items=OP1-NPT" for _ in range(300)))')
expect "a form of 300 fields is refused (400)" 400 -b "$T/jar.pocfra" -H "X-CSRF-Token: $(cat "$T/csrf.pocfra")" \
    -d "title=t&kind=training&$many" "$B/api/v1/states/FRA/requests"
expect_eq "... and they change nothing" "$(state_of_requests)" "$before"
before=$(state_of_requests)
api_expect "malformed JSON is refused (400)" 400 pocfra POST states/FRA/requests '{"title":'
api_expect "a title with a NUL is refused (400)" 400 pocfra POST states/FRA/requests '{"title":"a\u0000b","kind":"training","items":["OP1-NPT"],"themes":[],"languages":["en"]}'
expect_eq "... and they change nothing" "$(state_of_requests)" "$before"

api_expect "pocfra asks for assistance with hostile text (201)" 201 pocfra POST states/FRA/requests \
    "{\"title\":\"$XSS\",\"description\":\"$SQL\",\"kind\":\"legislative-drafting\",\"items\":[\"OP2-NW-MANUFACTURE-LAW\",\"OP2-CW-MANUFACTURE-LAW\"],\"themes\":[\"legislation\"],\"languages\":[\"fr\",\"en\"],\"priority\":2}"
RQ=$(py 'd["request"]["id"]')
expect_eq "... stored verbatim (export)" "$(ex ".requests[] | select(.id == $RQ) | \"\\(.state)|\\(.title)|\\(.description)|\\(.items)|\\(.priority)|\\(.status)\"")" \
    "FRA|$XSS|$SQL|OP2-NW-MANUFACTURE-LAW,OP2-CW-MANUFACTURE-LAW|2|open"
expect_eq "... audited with its id" "$(json ".[] | select(.object == \"request:$RQ\") | \"\\(.actor) \\(.action)\"" audit list)" "web:pocfra assistance.request.add"
expect "... its page escapes the title" 200 "$B/en/assistance/requests/$RQ"
check "... (escaped)" body_has "$XSS_HTML"
check "... (never raw)" body_lacks "$XSS"
api_expect "... pocfra sees it (and its proposals) in the API" 200 pocfra GET "assistance/requests/$RQ"
expect_eq "... with proposals shown to its own state" "$(py '"proposals" in d')" True
expect_eq "... and may withdraw it" "$(py 'd["can_withdraw"]')" True
api_expect "pocdeu may not withdraw it through DEU's path (404)" 404 pocdeu POST "states/DEU/requests/$RQ/withdraw" '{}'
api_expect "pocdeu may not withdraw it through FRA's path (403)" 403 pocdeu POST "states/FRA/requests/$RQ/withdraw" '{}'
api_expect "pocfra withdraws it" 200 pocfra POST "states/FRA/requests/$RQ/withdraw" '{}'
expect_eq "... withdrawn" "$(json .status assistance request show "$RQ")" withdrawn
api_expect "... a second time is a conflict (409)" 409 pocfra POST "states/FRA/requests/$RQ/withdraw" '{}'

# ---- providers' offers ----------------------------------------------------------------
api_expect "the IAEA records an offer (201), naming OPCW in vain" 201 iaea POST assistance/offers \
    "{\"provider\":\"OPCW\",\"title\":\"$XSS\",\"kinds\":[\"training\",\"expert-visit\"],\"items\":[],\"themes\":[\"border-control\"],\"regions\":[\"002\"],\"languages\":[\"fr\"],\"capacity\":3}"
OF=$(py 'd["offer"]["id"]')
expect_eq "... the offer is the IAEA's own" "$(json '"\(.provider) \(.capacity) \(.regions)"' assistance offer show "$OF")" "IAEA 3 002"
expect "the offers list escapes its title" 200 "$B/en/assistance/offers?provider=IAEA"
check "... (escaped)" body_has "$XSS_HTML"
api_expect "an expert records an offer for a state provider" 201 exp POST assistance/offers \
    '{"provider":"NOR","title":"Export control seminar","kinds":["workshop"],"items":[],"themes":["export-control"],"regions":[],"languages":["en"],"capacity":0}'
expect_eq "... provided by Norway" "$(json '"\(.provider) \(.provider_kind)"' assistance offer show "$(py 'd["offer"]["id"]')")" "NOR state"
for body in '{"provider":"NOPE","title":"t","kinds":["training"],"items":[],"themes":["border-control"],"regions":[],"languages":["en"],"capacity":1}' \
    '{"provider":"IAEA","title":"t","kinds":[],"items":[],"themes":["border-control"],"regions":[],"languages":["en"],"capacity":1}' \
    '{"provider":"IAEA","title":"t","kinds":["training"],"items":[],"themes":["border-control"],"regions":["Africa"],"languages":["en"],"capacity":1}' \
    '{"provider":"IAEA","title":"t","kinds":["training"],"items":[],"themes":["border-control"],"regions":[],"languages":["en"],"capacity":-1}' \
    '{"provider":"IAEA","title":"t","kinds":["training"],"items":[],"themes":["border-control"],"regions":[],"languages":["en"],"capacity":"lots"}' \
    '{"provider":"IAEA","title":"t","kinds":["training"],"items":[],"themes":["border-control"],"regions":[],"languages":["en"],"capacity":99999999}'; do
    before=$(state_of_requests)
    api_expect "a bad offer is refused (422): $(echo "$body" | cut -c1-60)..." 422 exp POST assistance/offers "$body"
    expect_eq "... and changes nothing" "$(state_of_requests)" "$before"
done
api_expect "the IAEA closes its offer" 200 iaea POST "assistance/offers/$OF/close" '{}'
api_expect "... closing it again is a conflict" 409 iaea POST "assistance/offers/$OF/close" '{}'
api_expect "... and reopens it" 200 iaea POST "assistance/offers/$OF/reopen" '{}'
expect_eq "... audited: add, close, reopen" "$(json "[.[] | select(.object == \"offer:$OF\") | .action] | join(\" \")" audit list)" \
    "assistance.offer.add assistance.offer.close assistance.offer.reopen"

# ---- the match review and recording proposals ----------------------------------------
nprop() { json length assistance proposal list; }
NPROP=$(nprop)
api_expect "an expert reviews the matching (dry run)" 200 exp GET assistance/match
WEB_TOTAL=$(py 'd["total"]'); WEB_N=$(py 'd["count"]')
r match --dry-run --format json >"$T/cli.json"
expect_eq "... the same optimum as the CLI's dry run" "$WEB_TOTAL $WEB_N" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["total"], len(d["proposals"]))' "$T/cli.json")"
expect_eq "... every proposal explained, factor by factor" "$(py 'all(p["factors"] and all(f["points"] is not None for f in p["factors"]) for p in d["proposals"])')" True
expect_eq "... and it recorded nothing" "$(nprop)" "$NPROP"
expect "the match review page" 200 -b "$T/jar.exp" "$B/en/assistance/match"
check "... shows the record button" body_has 'Record the ticked proposals'
check "... a checkbox per proposal, ticked" body_has 'type="checkbox" name="pick" value="'
check "... says why requests get no proposal" body_has 'id="unmatched"'
check "... other offers that fit are offers with scores, not provider names" body_lacks 'IAEA (2'
api_expect "the review explains every request without a proposal (API)" 200 exp GET assistance/match
expect_eq "... one reason each, and the counts add up" "$(py 'all(u["why"] and u["reason"] in ("no-fit","declined","full","batch","outbid") for u in d["unmatched"]) and d["count"] + d["unmatched_count"] == d["requests"]')" True
expect_eq "... a full offer named with its score" "$(py 'any(u["full"] and u["full"][0]["score"] > 0 and u["full"][0]["title"] for u in d["unmatched"] if u["reason"] == "full")')" True
FIRST_PICK=$(py '"%d:%d" % (d["proposals"][0]["request"]["id"], d["proposals"][0]["offer"]["id"])')
page_login com || { echo "Bail out! page login com"; exit 1; }
ccsrf=$(page_csrf com assistance/match)
na=$(audit_count)
expect "the form with every box unticked is 422" 422 -b "$T/pjar.com" -d "csrf=$ccsrf" -d picking=1 -d region= "$B/en/assistance/match"
check "... and says to pick one" body_has 'Pick at least one proposal to record.'
expect "the form with a stale pick is 409" 409 -b "$T/pjar.com" -d "csrf=$ccsrf" -d picking=1 -d pick=999999:1 "$B/en/assistance/match"
expect_eq "... neither recorded anything" "$(nprop) $(audit_count)" "$NPROP $na"
api_expect "a regional batch review for Africa" 200 exp GET "assistance/match?region=002"
expect_eq "... proposes for African states only" "$(py 'all(p["request"]["state"] in set(sys.argv[2:]) for p in d["proposals"])' $(json '.[].alpha3' state list --region 002))" True
api_expect "an unknown region is 404" 404 exp GET "assistance/match?region=999"
api_expect "a malformed region is 422" 422 exp GET "assistance/match?region=%27%3B"
before=$(state_of_requests); na=$(audit_count)
api_expect "a pick that is not an id is 422" 422 com POST assistance/match '{"pick":["1:x"]}'
api_expect "a hostile pick is 422" 422 com POST assistance/match "{\"pick\":[\"$SQL\"]}"
api_expect "a pick of another type is 422" 422 com POST assistance/match '{"pick":[1]}'
api_expect "an oversized pick is 422" 422 com POST assistance/match "{\"pick\":\"$(printf '1%.0s' $(seq 1 200))\"}"
api_expect "a pick the optimum does not hold is 409" 409 com POST assistance/match '{"pick":["999999:1"]}'
expect_eq "none of them recorded anything" "$(state_of_requests) $(audit_count)" "$before $na"
api_expect "the Committee records one picked proposal" 200 com POST assistance/match "{\"pick\":[\"$FIRST_PICK\"]}"
expect_eq "... one stored" "$(nprop)" "$((NPROP + 1))"
expect_eq "... it is the picked pair" "$(json 'max_by(.id) | "\(.request):\(.offer)"' assistance proposal list)" "$FIRST_PICK"
expect_eq "... one audit entry saying so" "$(json '.[] | select(.action == "match.propose") | .detail | fromjson | "\(.proposals) \(if .optimum != null then 1 else 0 end)"' audit list)" "1 1"
api_expect "the Committee records the rest" 200 com POST assistance/match '{}'
expect_eq "... as many as reviewed" "$(nprop)" "$((NPROP + WEB_N))"
expect_eq "... audited once per recording, by com" "$(json '[.[] | select(.action == "match.propose") | "\(.actor) \(.action)"] | join(",")' audit list)" "web:com match.propose,web:com match.propose"

# ---- who sees which proposal ------------------------------------------------------------
api_expect "the IAEA's proposals" 200 iaea GET assistance/proposals
expect_eq "... are all of its offers and only those" "$(py 'd["count"]')" \
    "$(ex '[.proposals[] | select($offer[.offer | tostring].provider == "IAEA")] | length')"
expect_eq "... each one the IAEA's" "$(py 'all(p["provider"] == "IAEA" for p in d["proposals"])')" True
api_expect "FRA's point of contact's proposals" 200 pocfra GET assistance/proposals
expect_eq "... only FRA's" "$(py 'd["count"]')" \
    "$(ex '[.proposals[] | select($request[.request | tostring].state == "FRA")] | length')"
api_expect "an expert sees every proposal" 200 exp GET assistance/proposals
expect_eq "... all of them" "$(py 'd["count"]')" "$(nprop)"

# a proposal of the IAEA's, and the point of contact of its requesting state
P=$(ex '[.proposals[] | select($offer[.offer | tostring].provider == "IAEA" and .status == "proposed"
    and .provider_answer == "" and .state_answer == "") | .id] | min')
PR=$(json .request assistance proposal show "$P")
PS=$(json .state assistance request show "$PR")
adduser pocx --role poc --state "$PS"
api_login pocx || { echo "Bail out! login pocx"; exit 1; }
api_expect "the OPCW cannot see an IAEA proposal (404)" 404 opcw GET "assistance/proposals/$P"
api_expect "... nor answer it (404)" 404 opcw POST "assistance/proposals/$P/accept" '{}'
api_expect "the IAEA sees it" 200 iaea GET "assistance/proposals/$P"
expect_eq "... may answer as the provider" "$(py 'd["can_answer"], d["answer_as"]')" "True provider"
expect_eq "... with its explanation" "$(py 'len(d["proposal"]["factors"]) > 0')" True
api_expect "... which the API gives in French" 200 iaea GET "assistance/proposals/$P?lang=fr"
expect_eq "... no English left in its factors" "$(py 'all(not f["detail"].startswith(("the ", "no ", "priority")) and "shared:" not in f["detail"] and "offered" not in f["detail"] and "fields marked" not in f["detail"] for f in d["proposal"]["factors"])')" True
expect_eq "... the kind said in French" "$(py '[f["detail"] for f in d["proposal"]["factors"] if f["factor"] == "kind"][0].startswith("offre de : ")')" True
api_expect "... a note over 4000 bytes is refused" 422 iaea POST "assistance/proposals/$P/accept" "{\"note\":\"$(head -c 4100 /dev/zero | tr '\0' a)\"}"
api_expect "the IAEA accepts" 200 iaea POST "assistance/proposals/$P/accept" "{\"note\":\"$XSS\"}"
expect_eq "... still waiting for the state" "$(py 'd["status"], d["provider_answer"], repr(d["state_answer"])')" "proposed accepted ''"
api_expect "... a second answer is a conflict" 409 iaea POST "assistance/proposals/$P/decline" '{}'
api_expect "delivery before both accepted is a conflict" 409 iaea POST "assistance/proposals/$P/deliver" '{}'
api_expect "the requesting state accepts" 200 pocx POST "assistance/proposals/$P/accept" '{}'
expect_eq "... now accepted" "$(py 'd["status"]')" accepted
expect_eq "... and the request matched" "$(json .status assistance request show "$PR")" matched
api_expect "the IAEA marks it delivered" 200 iaea POST "assistance/proposals/$P/deliver" '{}'
expect_eq "... the request delivered" "$(json .status assistance request show "$PR")" delivered
api_expect "its history" 200 pocx GET "assistance/proposals/$P"
expect_eq "... has every step in order" "$(py '" ".join(h["event"] for h in d["proposal"]["history"])')" "proposed provider-accepted state-accepted delivered"
expect "... the proposal page escapes the note" 200 -b "$T/jar.pocx" "$B/en/assistance/proposals/$P"
check "... (escaped)" body_has "$XSS_HTML"
check "... (never raw)" body_lacks "$XSS"
expect_eq "... each step audited" "$(json "[.[] | select(.object == \"proposal:$P\") | \"\\(.actor) \\(.action)\"] | join(\", \")" audit list)" \
    "web:iaea assistance.proposal.accept, web:pocx assistance.proposal.accept, web:iaea assistance.proposal.deliver"

# a declined pair is never proposed again
Q=$(ex "[.proposals[] | select(\$request[.request | tostring].state != \"$PS\" and .status == \"proposed\") | .id] | min")
QR=$(json '"\(.request),\(.offer)"' assistance proposal show "$Q")
QS=$(json .state assistance request show "${QR%,*}")
adduser pocy --role poc --state "$QS"
api_login pocy || { echo "Bail out! login pocy"; exit 1; }
api_expect "the state $QS declines one of its proposals" 200 pocy POST "assistance/proposals/$Q/decline" '{"note":"not now"}'
expect_eq "... declined" "$(py 'd["status"]')" declined
expect_eq "... and its request open again" "$(json .status assistance request show "${QR%,*}")" open
api_expect "the Committee runs the matching again" 200 com POST assistance/match '{}'
expect_eq "... which never proposes the declined pair again" \
    "$(json "[.[] | select(\"\\(.request),\\(.offer)\" == \"$QR\")] | length" assistance proposal list)" 1

# ---- the same through pages and forms ------------------------------------------------------
page_login pocfra || { echo "Bail out! page login"; exit 1; }
csrf=$(page_csrf pocfra states/FRA)
check "FRA's page offers the request form to its point of contact" body_has 'Ask for assistance'
check "... with a CSRF token" test -n "$csrf"
expect "pocfra asks by form, with two items" 303 -b "$T/pjar.pocfra" -d "csrf=$csrf" --data-urlencode "title=Formation douanière" \
    -d kind=training -d items=OP3CD-NW-BORDER-LAW -d items=OP3CD-CW-BORDER-LAW -d themes=border-control -d languages=fr -d priority=1 \
    "$B/en/states/FRA/requests"
FQ=$(json 'map(.id) | max' assistance request list FRA)
expect_eq "... goes to the new request" "$(header Location)" "/en/assistance/requests/$FQ?msg=request-added"
expect_eq "... with both items" "$(json '"\(.items) \(.title)"' assistance request show "$FQ")" "OP3CD-NW-BORDER-LAW,OP3CD-CW-BORDER-LAW Formation douanière"
expect "... whose page says so" 200 -b "$T/pjar.pocfra" "$B/en/assistance/requests/$FQ?msg=request-added"
check "... (message)" body_has 'The assistance request was recorded.'
check "... (withdraw button)" body_has 'Withdraw this request'
expect "a form without a kind is refused (422)" 422 -b "$T/pjar.pocfra" -d "csrf=$csrf" -d title=t -d items=OP1-NPT "$B/en/states/FRA/requests"
check "... with a clear message" body_has 'Choose the kind of assistance.'
expect "a form without its CSRF token is refused (403)" 403 -b "$T/pjar.pocfra" -d title=t -d kind=training -d items=OP1-NPT "$B/en/states/FRA/requests"
page_login iaea || { echo "Bail out! page login iaea"; exit 1; }
expect "the IAEA's workspace" 200 -b "$T/pjar.iaea" "$B/en/workspace"
check "... is its inbox" body_has 'Assistance: waiting for you'
check "... with its offers" body_has 'Your offers'
api_expect "its inbox (API)" 200 iaea GET workspace
expect_eq "... holds the IAEA's proposals waiting for its answer" "$(py 'len(d["inbox"])')" \
    "$(ex '[.proposals[] | select($offer[.offer | tostring].provider == "IAEA" and (.status == "proposed" and .provider_answer == "" or .status == "accepted"))] | length')"
P2=$(ex '[.proposals[] | select($offer[.offer | tostring].provider == "IAEA" and .status == "proposed") | .id] | min')
csrf=$(page_csrf iaea "assistance/proposals/$P2")
check "a proposal page offers the IAEA Accept and Decline" body_has 'formaction='
expect "the IAEA declines by form" 303 -b "$T/pjar.iaea" -d "csrf=$csrf" -d note=busy "$B/en/assistance/proposals/$P2/decline"
expect_eq "... and comes back to it" "$(header Location)" "/en/assistance/proposals/$P2?msg=proposal-declined"
expect_eq "... declined" "$(json '"\(.status) \(.provider_answer)"' assistance proposal show "$P2")" "declined declined"
for lang in ar zh fr ru es; do
    expect "the requests page in $lang" 200 "$B/$lang/assistance/requests"
    check "... has no English heading left" body_lacks '>Assistance requests<'
done

expect_eq "r1540 audit verify passes" "$("$BIN" --db "$DB" audit verify >/dev/null 2>&1; echo $?)" 0
stop_server
expect_eq "the server stops cleanly" "$SRC" 0
done_testing
