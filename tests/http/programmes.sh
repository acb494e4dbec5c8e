#!/bin/sh
# Assistance as resolution 2663 (2022) asks (issue 17, item 6) over HTTP,
# against the real server: a request's areas, national context and contact
# through the state page's form and the API; the outcome and the state's dated
# feedback after delivery (POST states/{code}/requests/{id}/feedback); who may
# record them and who sees the contact and the feedback, role by role (pages,
# API, open data, IATI); hostile, malformed and oversized input changing
# nothing; the audit entries. One server, one database, one sign-in per user.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

r init >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
adduser() { echo "$PW" | r user add "$@" >/dev/null 2>>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! user add $1"; exit 1; }; }
adduser exp --role expert
adduser com --role committee
adduser pocfra --role poc --state FRA
adduser pocdeu --role poc --state DEU
adduser iaea --role provider --org IAEA
start_server
for u in exp com pocfra pocdeu iaea; do api_login "$u" || { echo "Bail out! login $u"; exit 1; }; done
page_login pocfra || { echo "Bail out! page login"; exit 1; }
rows() { r assistance request list --format json | jq -c '[.[] | [.id, .areas, .context, .contact, .outcome, .feedback, .feedback_date]]'; }

# ---- the state page's form (as a browser sends it) ------------------------------------
expect "the state page shows the request form with the areas" 200 -b "$T/pjar.pocfra" "$B/en/states/FRA"
check "... six area boxes" sh -c "[ \$(grep -o 'name=\"areas\"' '$T/body' | wc -l) -eq 6 ]"
check "... the national context" body_has 'name="context"'
check "... the contact, said not to be public" body_has 'not shown to the public'
CSRF=$(page_csrf pocfra states/FRA)
SECRET='Zyxwv <script>alert(1)</script> dj@example.org'
req -b "$T/pjar.pocfra" --data-urlencode "csrf=$CSRF" --data-urlencode "title=Export control law" \
    --data-urlencode "kind=legislative-drafting" --data-urlencode "items=OP1-NPT" \
    --data-urlencode "areas=export-control" --data-urlencode "areas=nuclear" \
    --data-urlencode "context=No licensing law yet <b>& customs unaware" \
    --data-urlencode "contact=$SECRET" --data-urlencode "languages=fr" "$B/en/states/FRA/requests"
expect_eq "the form records the request (303 to its page)" "$CODE $(header Location | sed 's/.*requests\///')" "303 1?msg=request-added"
expect_eq "... with its areas, context and contact" "$(rows)" \
    "[[1,\"export-control,nuclear\",\"No licensing law yet <b>& customs unaware\",\"$SECRET\",\"\",\"\",\"\"]]"
before=$(rows)
h=$(fingerprint)
req -b "$T/pjar.pocfra" --data-urlencode "csrf=$CSRF" --data-urlencode "title=Kept title" \
    --data-urlencode "kind=training" --data-urlencode "items=OP1-NPT" --data-urlencode "areas=space" \
    --data-urlencode "context=kept context" "$B/en/states/FRA/requests"
expect_eq "an unknown area: the form comes back (422)" "$CODE" 422
check "... naming the field" body_has 'id="err-areas"'
check "... keeping what was typed" body_has 'kept context'
expect_eq "... nothing recorded" "$(fingerprint)" "$h"

# ---- the API: bad and hostile input ----------------------------------------------------
base='"title":"t","kind":"training","items":["OP1-NPT"],"themes":[],"languages":["en"]'
bad() { # bad NAME JSON: 422, nothing changed
    api_expect "$1 is refused (422)" 422 pocfra POST states/FRA/requests "{$base,$2}"
    expect_eq "... and changes nothing" "$(fingerprint)" "$h"
}
bad "areas as a number" '"areas":5'
bad "an unknown area" '"areas":["nuclear","moon"]'
bad "an area with a comma inside" '"areas":["nuclear,chemical"]'
bad "an area twice" '"areas":["nuclear","nuclear"]'
bad "a context over 4000 bytes" "\"context\":\"$(head -c 4001 /dev/zero | tr '\0' c)\""
bad "a contact on two lines" '"contact":"a\nb"'
bad "a contact over 300 bytes" "\"contact\":\"$(head -c 301 /dev/zero | tr '\0' d)\""
bad "a contact with an escape character" '"contact":"a\u001bb"'
{ printf '{%s,"context":"' "$base"; head -c 1100000 /dev/zero | tr '\0' e; printf '"}'; } >"$T/big.json"
expect "a request of 1 MB is refused" 413 -b "$T/jar.pocfra" -H "X-CSRF-Token: $(cat "$T/csrf.pocfra")" \
    -H 'Content-Type: application/json' --data-binary @"$T/big.json" "$B/api/v1/states/FRA/requests"
expect_eq "... and changes nothing" "$(fingerprint)" "$h"
api_expect "an outcome cannot be set when asking" 201 pocfra POST states/FRA/requests \
    "{$base,\"areas\":[\"chemical\"],\"outcome\":\"claimed already\",\"feedback\":\"x\"}"
expect_eq "... it is ignored: the request has none" "$(r assistance request show 2 --format json | jq -c '[.areas, .outcome, .feedback, .feedback_date]')" '["chemical","","",""]'

# ---- outcome and feedback after delivery ------------------------------------------------
api_expect "no feedback on an open request (409)" 409 pocfra POST states/FRA/requests/1/feedback '{"outcome":"too early"}'
r assistance offer add IAEA --kinds legislative-drafting,training --capacity 5 --title "IAEA offer" --items OP1-NPT >/dev/null
r match >/dev/null
P=$(r assistance proposal list --format json | jq '.[] | select(.request == 1) | .id')
r assistance proposal accept "$P" --by provider >/dev/null && r assistance proposal accept "$P" --by state >/dev/null &&
    r assistance proposal deliver "$P" >/dev/null || { echo "Bail out! deliver"; exit 1; }
h=$(fingerprint)
n=$(audit_count)
for spec in pocdeu:403 iaea:403 -:401; do
    u=${spec%%:*}; want=${spec#*:}
    api_expect "feedback for FRA's request: ${u} is refused ($want)" "$want" "$u" POST states/FRA/requests/1/feedback '{"outcome":"no"}'
done
api_expect "the request under another state's code is not found" 404 exp POST states/DEU/requests/1/feedback '{"outcome":"x"}'
api_expect "nothing given (422)" 422 pocfra POST states/FRA/requests/1/feedback '{}'
api_expect "an outcome that is not text (422)" 422 pocfra POST states/FRA/requests/1/feedback '{"outcome":["a"]}'
api_expect "an outcome over 4000 bytes (422)" 422 pocfra POST states/FRA/requests/1/feedback "{\"outcome\":\"$(head -c 4001 /dev/zero | tr '\0' o)\"}"
api_expect "a feedback with a NUL: the body is refused (400)" 400 pocfra POST states/FRA/requests/1/feedback '{"feedback":"a\u0000b"}'
expect_eq "refusals change nothing and are not audited" "$(fingerprint) $(audit_count)" "$h $n"
OUTCOME='Law <adopted> & "in force"; 12 officers trained'
FEEDBACK='PRIVATE-FEEDBACK more customs training needed'
api_expect "the state's point of contact records outcome and feedback" 200 pocfra POST states/FRA/requests/1/feedback \
    "$(jq -cn --arg o "$OUTCOME" --arg f "$FEEDBACK" '{outcome: $o, feedback: $f}')"
expect_eq "... one audit entry" "$(audit_count) $(audit_last)" "$((n + 1)) assistance.request.feedback request:1"
expect_eq "... dated today" "$(r assistance request show 1 --format json | jq -r .feedback_date)" "$(date -u +%F)"

# ---- who sees what ------------------------------------------------------------------------
for spec in com:yes exp:yes pocfra:yes pocdeu:no iaea:no -:no; do
    u=${spec%%:*}; sees=${spec#*:}
    api "$u" GET assistance/requests/1
    got=$(jq -r '.request | [has("contact"), has("feedback"), .outcome == $o] | map(tostring) | join(" ")' --arg o "$OUTCOME" "$T/body")
    if [ "$sees" = yes ]; then want="true true true"; else want="false false true"; fi
    expect_eq "API request 1: ${u} sees the outcome; contact and feedback: $sees" "$got" "$want"
done
expect "the public request page" 200 "$B/en/assistance/requests/1"
check "... shows the outcome, escaped" body_has 'Law &lt;adopted&gt; &amp; &quot;in force&quot;; 12 officers trained'
check "... and the areas by name" body_has 'Export control'
check "... not the contact" body_lacks 'Zyxwv'
check "... nor the feedback" body_lacks 'PRIVATE-FEEDBACK'
check "... nor a feedback form" body_lacks '/feedback"'
expect "the state's own page session sees them" 200 -b "$T/pjar.pocfra" "$B/en/assistance/requests/1"
check "... the contact, escaped" body_has 'Zyxwv &lt;script&gt;'
check "... the feedback" body_has 'PRIVATE-FEEDBACK'
check "... and the form to change them" body_has "states/FRA/requests/1/feedback"
expect "the open-data JSON" 200 "$B/api/v1/data/r1540.json"
check "... has the outcome" body_has '12 officers trained'
check "... not the contact" body_lacks 'Zyxwv'
check "... nor the feedback" body_lacks 'PRIVATE-FEEDBACK'
expect "the open-data IATI file" 200 "$B/api/v1/data/iati.xml"
check "... has the outcome as a result" grep -q '<result type="2">' "$T/body"
check "... not the contact nor the feedback" sh -c "! grep -qE 'Zyxwv|PRIVATE-FEEDBACK' '$T/body'"
expect "the French request page" 200 -b "$T/pjar.pocfra" "$B/fr/assistance/requests/1"
check "... says its headings in French" body_has 'Contexte national'
stop_server
expect_eq "the server stops cleanly (no leak or sanitizer report)" "$SRC" 0
done_testing
