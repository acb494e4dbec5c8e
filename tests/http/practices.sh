#!/bin/sh
# Effective practices and lessons learned (issue 17, item 5) over HTTP,
# against the real server: submitting through the page's form (with a
# document) and the API, reviewing (publish, return with a note), who may do
# each, role by role; malformed, hostile and oversized input changing
# nothing; and a practice under review leaking nowhere: the list, its page,
# its document, the API, the search, the open data. One server, one
# database, one sign-in per user.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

r init >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
adduser() { echo "$PW" | r user add "$@" >/dev/null 2>>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! user add $1"; exit 1; }; }
adduser exp --role expert
adduser com --role committee
adduser admin --role admin
adduser pocfra --role poc --state FRA
adduser pocdeu --role poc --state DEU
adduser iaea --role provider --org IAEA
# FRA: a published matrix version 1 and a draft 2, for the item pages
{ r matrix new FRA && r matrix set FRA 1 OP1-NPT X --ref "Loi" && r matrix send FRA 1 &&
  r --as pocfra matrix accept FRA 1 && r matrix approve FRA 1 && r matrix publish FRA 1 &&
  r matrix new FRA; } >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! matrix"; exit 1; }
start_server
for u in exp com admin pocfra pocdeu iaea; do api_login "$u" || { echo "Bail out! login $u"; exit 1; }; done
page_login pocfra || { echo "Bail out! page login"; exit 1; }
page_login exp || { echo "Bail out! page login exp"; exit 1; }

# ---- the page's form, as a browser sends it ----------------------------------------
expect "the practices page, signed in as FRA's point of contact" 200 -b "$T/pjar.pocfra" "$B/en/practices?item=OP1-NPT"
check "... offers the submission form for FRA" body_has 'name="state" value="FRA"'
check "... with the item filled in" body_has 'name="items" value="OP1-NPT"'
expect "the public page has no form" 200 "$B/en/practices"
check "... none" body_lacks 'id="submit-practice"'
CSRF=$(page_csrf pocfra practices)
printf 'Lessons: the yuzuberry licensing window answered in ten days.\n' >"$T/doc.txt"
req -b "$T/pjar.pocfra" -F "csrf=$CSRF" -F "state=FRA" -F "title=One-stop licensing <b>window</b>" \
    -F "summary=Kumquatlicence: one window for dual-use licences & \"less delay\"" -F "language=fr" \
    -F "items=OP1-NPT" -F "themes=export-control-regimes" -F "file=@$T/doc.txt;type=text/plain" \
    "$B/en/practices"
expect_eq "the form submits practice 1 (303 to its page)" "$CODE $(header Location | sed 's/.*practices\///')" "303 1?msg=practice-submitted"
expect_eq "... audited" "$(audit_last)" "practice.submit practice:1"
expect "the submitter reads it" 200 -b "$T/pjar.pocfra" "$B/en/practices/1"
check "... escaped" body_has 'One-stop licensing &lt;b&gt;window&lt;/b&gt;'
check "... waiting for review" body_has 'Waiting for review'
check "... with no review form for the state" body_lacks 'id="publish-practice"'

# ---- the API: submitting, bad and hostile input -------------------------------------
api_expect "IAEA's provider submits through the API (201)" 201 iaea POST practices \
    '{"org":"IAEA","title":"Portal monitors","summary":"Persimmonite detectors at borders","language":"en","items":"OP1-NPT"}'
h=$(fingerprint)
n=$(audit_count)
bad() { # bad NAME STATUS USER JSON: refused, nothing changed
    api_expect "$1 ($2)" "$2" "$3" POST practices "$4"
    expect_eq "... and changes nothing" "$(fingerprint)" "$h"
}
ok_body='"title":"t","summary":"s","language":"en","items":"OP1-NPT"'
bad "another state's point of contact submitting for FRA" 403 pocdeu "{\"state\":\"FRA\",$ok_body}"
bad "a provider submitting for another organization" 403 iaea "{\"org\":\"OPCW\",$ok_body}"
bad "the Committee submitting" 403 com "{\"state\":\"FRA\",$ok_body}"
bad "the public submitting" 401 - "{\"state\":\"FRA\",$ok_body}"
bad "neither state nor organization" 422 exp "{$ok_body}"
bad "an unknown item" 422 pocfra '{"state":"FRA","title":"t","summary":"s","language":"en","items":"OP9-NONE"}'
bad "an item list with SQL in it" 422 pocfra "{\"state\":\"FRA\",\"title\":\"t\",\"summary\":\"s\",\"language\":\"en\",\"items\":\"OP1-NPT') OR 1=1 --\"}"
bad "a language outside the six" 422 pocfra '{"state":"FRA","title":"t","summary":"s","language":"xx","items":"OP1-NPT"}'
bad "a title on two lines" 422 pocfra '{"state":"FRA","title":"a\nb","summary":"s","language":"en","items":"OP1-NPT"}'
bad "a title as a number" 422 pocfra '{"state":"FRA","title":5,"summary":"s","language":"en","items":"OP1-NPT"}'
bad "a summary over 8000 bytes" 422 pocfra "{\"state\":\"FRA\",\"title\":\"t\",\"summary\":\"$(head -c 8001 /dev/zero | tr '\0' s)\",\"language\":\"en\",\"items\":\"OP1-NPT\"}"
bad "a NUL in the summary" 400 pocfra '{"state":"FRA","title":"t","summary":"a\u0000b","language":"en","items":"OP1-NPT"}'
bad "malformed JSON" 400 pocfra '{"state":"FRA",'
expect_eq "refused submissions add no audit entry" "$(audit_count)" "$n"

# ---- nothing under review leaks -----------------------------------------------------
for u in - pocdeu admin; do
    api "$u" GET practices
    expect_eq "API list as ${u}: no practice under review" "$(jq '.practices | length' "$T/body")" "0"
    api_expect "API practice 1 as ${u}: 404" 404 "$u" GET practices/1
done
api pocfra GET practices
expect_eq "FRA's point of contact lists its own only" "$(jq -c '[.practices[].id]' "$T/body")" "[1]"
api exp GET practices
expect_eq "the expert lists both" "$(jq -c '[.practices[].id]' "$T/body")" "[2,1]"
expect "the public page of practice 1: 404" 404 "$B/en/practices/1"
expect "its document: 404" 404 "$B/en/practices/1/file"
expect "the public list page" 200 "$B/en/practices"
check "... does not show it" body_lacks 'One-stop licensing'
expect "the search API" 200 "$B/api/v1/search?q=kumquatlicence"
expect_eq "... finds no practice under review" "$(jq -c '[.total, (.practices | length)]' "$T/body")" "[0,0]"
expect "the search page" 200 "$B/en/search?q=kumquatlicence"
check "... neither" body_lacks 'One-stop licensing'
expect "the open-data JSON" 200 "$B/api/v1/data/r1540.json"
check "... does not hold it" body_lacks 'umquatlicence'
expect "FRA's published matrix" 200 "$B/en/states/FRA/versions/1"
check "... counts no practice under review" body_lacks 'practices-link'
expect "the expert's editor on OP1-NPT" 200 -b "$T/pjar.exp" "$B/en/states/FRA/versions/2?item=OP1-NPT"
check "... lists none either" body_lacks 'Effective practices for this item'

# ---- the review ---------------------------------------------------------------------
api_expect "FRA's point of contact cannot publish (403)" 403 pocfra POST practices/1/publish '{}'
api_expect "a provider cannot publish (403)" 403 iaea POST practices/2/publish '{}'
api_expect "an administrator cannot publish (403)" 403 admin POST practices/1/publish '{}'
api_expect "a return without a note (422)" 422 com POST practices/2/return '{}'
api_expect "no such practice (404)" 404 exp POST practices/99/publish '{}'
api_expect "an id that is no id (404)" 404 exp POST practices/1x/publish '{}'
expect_eq "... refused reviews change nothing" "$(fingerprint)" "$h"
expect "the expert's page of practice 1 has the review forms" 200 -b "$T/pjar.exp" "$B/en/practices/1"
check "... publish" body_has 'id="publish-practice"'
check "... return" body_has 'id="return-practice"'
CSRF=$(page_csrf exp practices/1)
req -b "$T/pjar.exp" --data-urlencode "csrf=$CSRF" "$B/en/practices/1/publish"
expect_eq "the expert publishes it (303)" "$CODE $(header Location | sed 's/.*practices\///')" "303 1?msg=practice-published"
expect_eq "... audited" "$(audit_last)" "practice.publish practice:1"
api_expect "publishing twice is refused (409)" 409 com POST practices/1/publish '{}'
api_expect "the Committee returns IAEA's with a note" 200 com POST practices/2/return \
    '{"note":"Name the border posts <script>alert(1)</script>"}'
expect_eq "... audited" "$(audit_last)" "practice.return practice:2"
api iaea GET practices/2
expect_eq "IAEA reads the note" "$(jq -r '.practice.note' "$T/body")" "Name the border posts <script>alert(1)</script>"
api_expect "the public still cannot read the returned one" 404 - GET practices/2

# ---- the public finds the published one -----------------------------------------------
expect "the public page of practice 1" 200 "$B/en/practices/1"
check "... published" body_has 'Published after review'
check "... no review form" body_lacks 'id="publish-practice"'
check "... the submitter's account is not shown" body_lacks 'pocfra'
expect "its document" 200 "$B/en/practices/1/file"
check "... the bytes" body_has 'yuzuberry'
expect_eq "... under our own name" "$(header Content-Disposition)" 'attachment; filename="practice-1.txt"'
expect "the item's practices" 200 "$B/api/v1/practices?item=OP1-NPT"
expect_eq "... list it" "$(jq -c '[.practices[] | [.id, .kind, .state]]' "$T/body")" '[[1,"practice","FRA"]]'
expect "another item's" 200 "$B/api/v1/practices?item=OP1-NWFZ"
expect_eq "... do not" "$(jq '.practices | length' "$T/body")" "0"
expect "an item filter that is no item id (422)" 422 "$B/api/v1/practices?item=%3Cscript%3E"
expect "a status filter that is no status (422)" 422 "$B/api/v1/practices?status=secret"
expect "the search API" 200 "$B/api/v1/search?q=kumquatlicence"
expect_eq "... finds it, as a practice" "$(jq -c '[.practices[] | [.kind, .practice]]' "$T/body")" '[["practice",1]]'
expect "the search API on the document's words" 200 "$B/api/v1/search?q=yuzuberry"
expect_eq "... finds it too" "$(jq -c '[.practices[].practice]' "$T/body")" '[1]'
expect "the search API on the returned one's words" 200 "$B/api/v1/search?q=persimmonite"
expect_eq "... finds nothing" "$(jq '.practices | length' "$T/body")" "0"
expect "the search page" 200 "$B/ar/search?q=kumquatlicence"
check "... shows it" body_has 'practices/1'

# ---- next to the item: the matrix reading page and the draft editor ------------------
expect "FRA's published matrix" 200 "$B/en/states/FRA/versions/1"
check "... links OP1-NPT to its published practice" body_has 'href="/en/practices?item=OP1-NPT">Effective practices: 1</a>'
check "... and no other item" sh -c "[ \$(grep -o 'class=\"practices-link\"' '$T/body' | wc -l) -eq 1 ]"
expect "FRA's state page" 200 "$B/zh/states/FRA"
check "... the same link" body_has 'href="/zh/practices?item=OP1-NPT"'
expect "the expert's editor on OP1-NPT" 200 -b "$T/pjar.exp" "$B/en/states/FRA/versions/2?item=OP1-NPT"
check "... shows the item's practice by the form" body_has 'Effective practices for this item: <a href="/en/practices/1">'
check "... not the returned one" body_lacks 'Portal monitors'
expect "the editor on another item" 200 -b "$T/pjar.exp" "$B/en/states/FRA/versions/2?item=OP1-NWFZ"
check "... shows none" body_lacks 'Effective practices for this item'
stop_server
expect_eq "the server stops cleanly (no leak or sanitizer report)" "$SRC" 0
done_testing
