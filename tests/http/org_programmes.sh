#!/bin/sh
# Programmes and partners (issue 17, item 4) over HTTP, against the real
# server: the public list, a programme's page and the overlap view (pages and
# /api/v1/programmes...); the contact shown to accounts only; adding, changing,
# removing a programme and putting an offer under it through the forms and the
# API, role by role (the organization's own provider, another provider, a
# point of contact, an administrator, the Committee, an expert, the public);
# hostile, malformed and oversized input changing nothing; the audit entries.
# One server, one database, one sign-in per user.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

r init >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
adduser() { echo "$PW" | r user add "$@" >/dev/null 2>>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! user add $1"; exit 1; }; }
adduser exp --role expert
adduser com --role committee
adduser adm --role admin
adduser pocfra --role poc --state FRA
adduser iaea --role provider --org IAEA
adduser opcw --role provider --org OPCW
r programme add --org OPCW --title "Demo: chemical safety in Africa" --themes legislation,border-control \
    --regions 002 --contact "OPCW-CONTACT-SECRET" >/dev/null || { echo "Bail out! programme"; exit 1; }
r assistance offer add IAEA --kinds training --themes legislation --title "Demo IAEA offer" --capacity 1 >/dev/null
r assistance offer add OPCW --kinds training --themes legislation --title "Demo OPCW offer" --capacity 1 >/dev/null
start_server
for u in exp com adm pocfra iaea opcw; do api_login "$u" || { echo "Bail out! login $u"; exit 1; }; done
page_login iaea || { echo "Bail out! page login"; exit 1; }

# ---- reading: public, the contact for accounts only -------------------------------------
expect "the public list page" 200 "$B/en/programmes"
check "... lists the programme" body_has 'Demo: chemical safety in Africa'
check "... not its contact" body_lacks 'OPCW-CONTACT-SECRET'
check "... and no form" body_lacks 'id="add-programme"'
expect "the public programme page" 200 "$B/en/programmes/1"
check "... names the organization" body_has 'Organisation for the Prohibition of Chemical Weapons'
check "... not the contact" body_lacks 'OPCW-CONTACT-SECRET'
api_expect "the public API list" 200 - GET programmes
expect_eq "... gives the programme with an empty contact" "$(jq -c '.programmes | map([.id, .org, .contact, .themes_codes])' "$T/body")" \
    '[[1,"OPCW","","legislation,border-control"]]'
api_expect "an account's API read" 200 pocfra GET programmes/1
expect_eq "... has the contact" "$(jq -r .programme.contact "$T/body")" "OPCW-CONTACT-SECRET"
expect "the page of no programme" 404 "$B/en/programmes/99"
expect "the page of a programme id that is not one" 404 "$B/en/programmes/1x"
expect "the Arabic list page" 200 "$B/ar/programmes"
expect "the Chinese overlap page" 200 "$B/zh/programmes/overlap"

# ---- adding, role by role ------------------------------------------------------------------
expect "the provider's list page has the form" 200 -b "$T/pjar.iaea" "$B/en/programmes"
check "... the add form" body_has 'id="add-programme"'
check "... without an organization to choose (its own)" body_lacks 'name="org"'
CSRF=$(page_csrf iaea programmes)
n=$(audit_count)
req -b "$T/pjar.iaea" --data-urlencode "csrf=$CSRF" --data-urlencode "title=Demo: nuclear law <b>& co</b>" \
    --data-urlencode "themes=legislation" --data-urlencode "themes=physical-protection" \
    --data-urlencode "regions=014" --data-urlencode "languages=en" --data-urlencode "languages=fr" \
    --data-urlencode "start=2026-01-01" --data-urlencode "contact=iaea-desk@example.org" "$B/en/programmes"
expect_eq "the form records IAEA's programme (303 to its page)" "$CODE $(header Location | sed 's/.*programmes\///')" "303 2?msg=programme-saved"
expect_eq "... one audit entry" "$(audit_count) $(audit_last)" "$((n + 1)) programme.add programme:2"
expect_eq "... with its fields" "$(r programme show 2 --format json | jq -c '[.org, .title, .themes, .regions, .languages, .start, .contact]')" \
    '["IAEA","Demo: nuclear law <b>& co</b>","legislation,physical-protection","014","en,fr","2026-01-01","iaea-desk@example.org"]'
expect "its page escapes the title" 200 "$B/en/programmes/2"
check "... escaped" body_has 'Demo: nuclear law &lt;b&gt;&amp; co&lt;/b&gt;'
h=$(fingerprint)
n=$(audit_count)
req -b "$T/pjar.iaea" --data-urlencode "csrf=$CSRF" --data-urlencode "title=Kept title" \
    --data-urlencode "themes=space" --data-urlencode "description=kept description" "$B/en/programmes"
expect_eq "an unknown theme: the form comes back (422)" "$CODE" 422
check "... naming the field" body_has 'id="err-themes"'
check "... keeping what was typed" body_has 'kept description'
req -b "$T/pjar.iaea" --data-urlencode "title=x" --data-urlencode "themes=legislation" "$B/en/programmes"
expect_eq "a form without its CSRF token is refused (403)" "$CODE" 403
base='"title":"t","themes":["legislation"],"regions":[],"languages":[]'
# with MEMBERS: a programme's JSON with those members replacing the base's
with() { jq -cn --argjson o "{$1}" "{$base} + \$o"; }
bad() { # bad NAME STATUS MEMBERS: refused, nothing changed
    api_expect "$1 is refused ($2)" "$2" iaea POST programmes "$(with "$3")"
    expect_eq "... and changes nothing" "$(fingerprint)" "$h"
}
bad "themes as a number" 422 '"themes":5'
bad "no theme" 422 '"themes":[]'
bad "an unknown theme" 422 '"themes":["legislation","moon"]'
bad "a theme with a comma inside" 422 '"themes":["legislation,licensing"]'
bad "a theme twice" 422 '"themes":["legislation","legislation"]'
bad "an unknown region" 422 '"regions":["999"]'
bad "a region that is SQL" 422 '"regions":["002'"'"'; DROP TABLE programme; --"]'
bad "a language that is not a code" 422 '"languages":["EN"]'
bad "a date that is not one" 422 '"start":"2026-02-30"'
bad "the end before the start" 422 '"start":"2027-01-01","end":"2026-01-01"'
bad "a title on two lines" 422 '"title":"a\nb"'
bad "a title over 300 bytes" 422 "\"title\":\"$(head -c 301 /dev/zero | tr '\0' t)\""
bad "a contact with an escape character" 422 '"contact":"a\u001bb"'
bad "a description over 4000 bytes" 422 "\"description\":\"$(head -c 4001 /dev/zero | tr '\0' d)\""
api_expect "a title with a NUL is refused (400)" 400 iaea POST programmes '{"title":"a\u0000b","themes":["legislation"]}'
bad "another organization's programme by a provider" 403 '"org":"OPCW"'
{ printf '{%s,"description":"' "$base"; head -c 1100000 /dev/zero | tr '\0' e; printf '"}'; } >"$T/big.json"
expect "a programme of 1 MB is refused" 413 -b "$T/jar.iaea" -H "X-CSRF-Token: $(cat "$T/csrf.iaea")" \
    -H 'Content-Type: application/json' --data-binary @"$T/big.json" "$B/api/v1/programmes"
for spec in pocfra:403 adm:403 -:401; do
    u=${spec%%:*}; want=${spec#*:}
    api_expect "adding: ${u} is refused ($want)" "$want" "$u" POST programmes "{$base,\"org\":\"IAEA\"}"
done
expect_eq "refusals change nothing and are not audited" "$(fingerprint) $(audit_count)" "$h $n"
api_expect "the Committee adds one for WCO (201)" 201 com POST programmes "$(with '"org":"WCO","regions":["011"]')"
api_expect "an expert adds one for UNODA (201)" 201 exp POST programmes "$(with '"org":"UNODA","end":"2025-12-31"')"
expect_eq "... audited" "$(audit_count) $(audit_last)" "$((n + 2)) programme.add programme:4"
api_expect "an expert names no organization (422)" 422 exp POST programmes "{$base}"

# ---- changing, removing, offers -----------------------------------------------------------
h=$(fingerprint)
n=$(audit_count)
api_expect "another provider may not change IAEA's programme (403)" 403 opcw POST programmes/2 "{$base}"
api_expect "nor remove it (403)" 403 opcw POST programmes/2/remove '{}'
api_expect "nor put its offer under it (403)" 403 opcw POST programmes/2/offers '{"offer":2}'
api_expect "IAEA may not put OPCW's offer under its programme (409)" 409 iaea POST programmes/2/offers '{"offer":2}'
api_expect "no such offer (422)" 422 iaea POST programmes/2/offers '{"offer":77}'
api_expect "an offer that is not a number (422)" 422 iaea POST programmes/2/offers '{"offer":"1 OR 1=1"}'
api_expect "changing no programme (404)" 404 exp POST programmes/99 "{$base}"
api_expect "removing no programme (404)" 404 exp POST programmes/99/remove '{}'
api_expect "a point of contact may not change one (403)" 403 pocfra POST programmes/2 "{$base}"
expect_eq "refusals change nothing and are not audited" "$(fingerprint) $(audit_count)" "$h $n"
api_expect "IAEA puts its offer under its programme" 200 iaea POST programmes/2/offers '{"offer":1}'
expect_eq "... audited" "$(audit_last)" "programme.offer.link programme:2"
expect "... the programme's page lists the offer" 200 "$B/en/programmes/2"
check "... by title" body_has 'Demo IAEA offer'
CSRF=$(page_csrf iaea programmes/2)
check "the provider sees the edit form" body_has 'id="edit-programme"'
check "... with its themes chosen" grep -q 'value="physical-protection" selected' "$T/body"
req -b "$T/pjar.iaea" --data-urlencode "csrf=$CSRF" --data-urlencode "title=Demo: nuclear law" \
    --data-urlencode "themes=legislation" --data-urlencode "regions=014" "$B/en/programmes/2"
expect_eq "the edit form saves (303)" "$CODE $(audit_last)" "303 programme.update programme:2"
api_expect "taking the offer out" 200 iaea POST programmes/2/offers/1/unlink '{}'
api_expect "... again: 404" 404 iaea POST programmes/2/offers/1/unlink '{}'
api_expect "an expert removes UNODA's programme" 200 exp POST programmes/4/remove '{}'
expect_eq "... audited" "$(audit_last)" "programme.remove programme:4"

# ---- the overlap view ----------------------------------------------------------------------
# 1 OPCW legislation,border-control Africa; 2 IAEA legislation Eastern Africa (inside); 3 WCO
# legislation Western Africa (inside Africa, not Eastern Africa).
api_expect "the overlap API" 200 - GET programmes/overlap
expect_eq "... two pairs, each with the narrower region" \
    "$(jq -c '.overlaps | map([.a, .b, (.themes | map(.code) | join(",")), (.regions | map(.code) | join(","))])' "$T/body")" \
    '[[1,2,"legislation","014"],[1,3,"legislation","011"]]'
expect "the overlap page" 200 "$B/en/programmes/overlap"
check "... names both programmes" body_has 'Demo: nuclear law'
check "... and the region by name" body_has 'Eastern Africa'
expect "the overlap page filtered by a theme no pair shares" 200 "$B/en/programmes/overlap?theme=licensing"
check "... says none overlap" body_has 'No two programmes overlap.'
expect "a hostile theme filter" 200 "$B/en/programmes/overlap?theme=%3Cscript%3E"
check "... is not echoed raw" body_lacks '<script>'
stop_server
check "the server stopped cleanly" [ "$SRC" = 0 ]
done_testing
