#!/bin/sh
# Template v2 on the web (issue 12): a published matrix on template v2 shows
# the CTBT row's note, OP1's relevant information with its dates and an
# official web address as an escaped link; a published matrix whose approval
# date is not public says so; the JSON API carries the same fields. An expert
# sets those fields through the entry form and the API; a refused value
# changes nothing and the form comes back with every value typed. The real
# server on a free loopback port, data made with the CLI. TAP output.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh
NB=$(printf '\302\240') # ICU's dates have no-break spaces: 14${NB}Nov${NB}1996

init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
echo "$PW" | r user add pocken --role poc --state KEN >/dev/null 2>>"$T/init.err"
# KEN's next version on template v2, edited, accepted, approved and published
r matrix new KEN --template v2 --date 2026-01-10 >/dev/null 2>>"$T/init.err" ||
    { cat "$T/init.err"; echo "Bail out! matrix new"; exit 1; }
v=$(r matrix list KEN --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["version"])')
URL="https://example.org/treaties?state=KEN&kind='ctbt'"
r matrix set KEN "$v" OP1-CTBT X --info "Signed and ratified" --signed 1996-11-14 --ratified 2000-11-30 >/dev/null &&
    r matrix set KEN "$v" OP1-CWC X --url "$URL" >/dev/null &&
    r matrix send KEN "$v" >/dev/null && r --as pocken matrix accept KEN "$v" >/dev/null &&
    r matrix approve KEN "$v" --date 2026-02-01 >/dev/null && r matrix publish KEN "$v" --date 2026-02-02 >/dev/null ||
    { echo "Bail out! workflow"; exit 1; }
# a published version whose approval date is not public, imported
r export --format json --state KEN -o "$T/ken.json" >/dev/null
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
m = [m for m in d["matrices"] if m["template_version"] == 2][0]
m.update(version=m["version"] + 1, approved=None, created="2026-02-03", published="2026-02-04")
d["matrices"] = [m]
json.dump(d, open(sys.argv[2], "w"))' "$T/ken.json" "$T/nodate.json"
r import "$T/nodate.json" >/dev/null 2>>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! import"; exit 1; }
# a draft on template v2 for the entry form and the API (issue 12, webv2)
echo "$PW" | r user add expo --role expert >/dev/null 2>>"$T/init.err"
r matrix new KEN --template v2 >/dev/null 2>>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! draft"; exit 1; }
d=$(r matrix list KEN --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["version"])')
start_server

expect "the published v2 matrix (English)" 200 "$B/en/states/KEN/versions/$v"
check "... the CTBT row shows its note" body_has "Comprehensive Nuclear-Test-Ban Treaty (CTBT) <small class=\"note\">(not in force)</small>"
check "... OP1's relevant information with its dates" body_has "Relevant information: Signed and ratified <span class=\"date\">signed <bdi><time datetime=\"1996-11-14\">14${NB}Nov${NB}1996</time></bdi></span> <span class=\"date\">ratified <bdi><time datetime=\"2000-11-30\">30${NB}Nov${NB}2000</time></bdi></span>"
check "... the web address as an escaped link" body_has "<a class=\"web\" href=\"https://example.org/treaties?state=KEN&amp;kind=&#39;ctbt&#39;\" rel=\"noopener noreferrer nofollow\">"
check "... never unescaped" body_lacks "kind='ctbt'"
check "... and the means-of-delivery rows of OP3" body_has "Means of delivery and related materials — accounting for items in production: national legal framework"
check "... its approval date is shown" body_has "2026-02-01"
check "... and not marked unknown" body_lacks "approval date not public"
expect "the same matrix in French" 200 "$B/fr/states/KEN/versions/$v"
check "... the note in French" body_has "<small class=\"note\">(pas encore en vigueur)</small>"
check "... the date names in French" body_has "Informations pertinentes: Signed and ratified <span class=\"date\">signature <bdi><time datetime=\"1996-11-14\">14${NB}nov.${NB}1996</time></bdi></span>"
expect "the same matrix in Arabic" 200 "$B/ar/states/KEN/versions/$v"
check "... the note in Arabic" body_has "(لم تدخل حيز النفاذ بعد)"
expect "the imported version without an approval date" 200 "$B/en/states/KEN/versions/$((v + 1))"
check "... says its approval date is not public" body_has "approval date not public"
expect "... in Chinese" 200 "$B/zh/states/KEN/versions/$((v + 1))"
check "... 批准日期未公开" body_has "批准日期未公开"
expect "the API's view of the v2 matrix" 200 "$B/api/v1/states/KEN/versions/$v"
expect_eq "... carries the note, the address and the dates" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
es = {e["item"]: e for s in d["matrix"]["sections"] for t in s["tables"] for e in t["entries"]}
print(es["OP1-CTBT"]["note"], es["OP1-CWC"]["source_url"], [x["key"] + " " + x["date"] for x in es["OP1-CTBT"]["info_dates"]])' "$T/body" 2>&1)" \
    "not in force $URL ['signed 1996-11-14', 'ratified 2000-11-30']"
expect "the API's view of the version without an approval date" 200 "$B/api/v1/states/KEN/versions/$((v + 1))"
expect_eq "... approval_unknown" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["version"]["approval_unknown"], repr(d["version"]["approved"]))' "$T/body" 2>&1)" "True ''"

# The state page: the formal name and the dated memberships (issue 12, item 2)
expect "Bangladesh's page" 200 "$B/en/states/BGD"
check "... its formal name" body_has "Formal name: <bdi>People&#39;s Republic of Bangladesh</bdi>"
check "... its LDC period, ended on graduation" body_has "<tr><td>LDC</td><td><bdi></bdi></td><td><bdi><time datetime=\"2026-11-24\">24${NB}Nov${NB}2026</time></bdi></td><td>ended</td>"
check "... its regional group, current" body_has "<td><bdi></bdi></td><td>current</td>"
expect "Solomon Islands' page" 200 "$B/en/states/SLB"
if [ "$(date -u +%F)" \< 2027-12-13 ]; then want="<tr class=\"scheduled\"><td>LDC</td><td><bdi></bdi></td><td><bdi><time datetime=\"2027-12-13\">13${NB}Dec${NB}2027</time></bdi></td><td>current, end scheduled</td>"
else want="<tr><td>LDC</td><td><bdi></bdi></td><td><bdi><time datetime=\"2027-12-13\">13${NB}Dec${NB}2027</time></bdi></td><td>ended</td>"; fi
check "... a graduation not yet in effect is marked as scheduled (ended once the day has passed)" body_has "$want"
expect "the same in French" 200 "$B/fr/states/BGD"
check "... the formal name in French" body_has "Nom officiel: <bdi>République populaire du Bangladesh</bdi>"
check "... the status in French" body_has "<td>terminée</td>"

# ---- template v2's fields through the entry form and the API (webv2) -------------
# entry ITEM: the draft's entry of ITEM as `matrix show` gives it (JSON; "None" if none)
entry() {
    r matrix show KEN "$d" --format json | python3 -c '
import json, sys
es = [e for e in json.load(sys.stdin)["entries"] if e["item"] == sys.argv[1]]
print(json.dumps(es[0], sort_keys=True) if es else None)' "$1"
}
page_login expo || echo "# expo could not sign in"
tok=$(page_csrf expo "states/KEN/versions/$d?item=OP1-CTBT")
check "the draft's entry form has a web-address input" body_has 'name="source_url"'
check "... and, for an OP1 item, the relevant information and its three dates" \
    sh -c 'grep -qF "name=\"info\"" "$1" && grep -qF "name=\"signed\"" "$1" && grep -qF "name=\"ratified\"" "$1" && grep -qF "name=\"acceded\"" "$1"' - "$T/body"
req -b "$T/pjar.expo" "$B/en/states/KEN/versions/$d?item=OP2-NW-USE-LAW"
check "... not for an item outside OP1" body_lacks 'name="info"'
check "... where the web address is still asked" body_has 'name="source_url"'
FURL="https://www.ctbto.org/treaty?x=1&y='2'"
# form POST FIELDS...: the entry form sent as a browser sends it
form() { req -b "$T/pjar.expo" --data-urlencode "csrf=$tok" "$@" "$B/en/states/KEN/versions/$d/entries"; }
form --data-urlencode item=OP1-CTBT --data-urlencode mark=X --data-urlencode "source_url=$FURL" \
    --data-urlencode "info=Signed & ratified <b>" --data-urlencode signed=1996-09-24 \
    --data-urlencode ratified=2000-11-30 --data-urlencode acceded=
expect_eq "the form saves an OP1 entry with its web address, relevant information and dates" "$CODE" 303
expect_eq "... read back through r1540" "$(entry OP1-CTBT)" \
    "$(python3 -c 'import json,sys; print(json.dumps({"item": "OP1-CTBT", "mark": "X", "legal_reference": "", "source_report": None, "page": "", "remark": "", "source_url": sys.argv[1], "info": {"text": "Signed & ratified <b>", "signed": "1996-09-24", "ratified": "2000-11-30"}}, sort_keys=True))' "$FURL")"
req -b "$T/pjar.expo" "$B/en/states/KEN/versions/$d?item=OP1-CTBT"
check "... shown escaped, the address as a link" body_has "<a class=\"web\" href=\"https://www.ctbto.org/treaty?x=1&amp;y=&#39;2&#39;\" rel=\"noopener noreferrer nofollow\">"
check "... the relevant information escaped" body_has "Signed &amp; ratified &lt;b&gt;"
check "... never raw" body_lacks "ratified <b>"
check "... and filled into the form for the next edit" body_has 'name="ratified" placeholder="YYYY-MM-DD" pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}" value="2000-11-30"'
form --data-urlencode item=OP2-NW-USE-LAW --data-urlencode mark=X --data-urlencode "source_url=https://example.org/law"
expect_eq "the form saves a web address on an item outside OP1" "$CODE" 303
expect_eq "... through r1540" "$(entry OP2-NW-USE-LAW | python3 -c 'import json,sys; print(json.load(sys.stdin)["source_url"])')" "https://example.org/law"

# bad NAME MESSAGE FIELDS...: the form refused with 422, MESSAGE and every typed value
# shown again, nothing changed
LONG="https://example.org/$(head -c 10240 /dev/zero | tr '\0' a)"
bad() {
    name=$1; msg=$2; shift 2
    before=$(fingerprint); n0=$(audit_count)
    form --data-urlencode item=OP1-NPT --data-urlencode mark=NA --data-urlencode "legal_reference=Act <7>" \
        --data-urlencode "remark=kept remark" --data-urlencode "page=p. 9" "$@"
    expect_eq "the form refuses $name (422)" "$CODE" 422
    check "... says why" body_has "$msg"
    check "... shows the form again with what was typed" body_has 'value="Act &lt;7&gt;"'
    check "... the remark and page too" sh -c 'grep -qF "value=\"kept remark\"" "$1" && grep -qF "value=\"p. 9\"" "$1"' - "$T/body"
    check "... the mark chosen" body_has '<option value="NA" selected>'
    check "... the item chosen" body_has '<option value="OP1-NPT" selected>'
    expect_eq "... nothing changed" "$(fingerprint) $(audit_count)" "$before $n0"
}
# at_field FIELD MESSAGE: the message stands next to that field, which is marked invalid
at_field() {
    grep -q "name=\"$1\"[^>]*aria-invalid=\"true\" aria-describedby=\"err-$1\"" "$T/body" &&
        grep -qF "<span class=\"field-error\" id=\"err-$1\">$2</span>" "$T/body"
}
bad "a javascript: address" "Give an address starting with http:// or https://" \
    --data-urlencode "source_url=javascript:alert(1)"
check "... the message next to the address" at_field source_url \
    "Give an address starting with http:// or https://, without spaces (500 bytes at most)."
check "... the address shown again, escaped" body_has 'value="javascript:alert(1)"'
check "... and never as a link" body_lacks 'href="javascript:'
bad "a 10 KB address" "500 bytes at most" --data-urlencode "source_url=$LONG"
check "... the long address kept in the form" body_has "value=\"$LONG\""
bad "a date in the future" "The date is in the future." --data-urlencode acceded=2999-01-01 \
    --data-urlencode "info=Acceded <soon>"
check "... said next to the date acceded" at_field acceded "The date is in the future."
check "... the date and information kept" sh -c 'grep -qF "value=\"2999-01-01\"" "$1" && grep -qF "value=\"Acceded &lt;soon&gt;\"" "$1"' - "$T/body"
bad "a ratification before the signature" "before the signature" --data-urlencode signed=2001-01-01 --data-urlencode ratified=2000-01-01
check "... said next to the date ratified" at_field ratified "The ratification is before the signature."
check "... both dates kept" sh -c 'grep -qF "value=\"2001-01-01\"" "$1" && grep -qF "value=\"2000-01-01\"" "$1"' - "$T/body"
bad "a date with a character too many" "Give a date as YYYY-MM-DD." --data-urlencode signed=2001-01-011
check "... said next to the date signed" at_field signed "Give a date as YYYY-MM-DD."
check "... kept as typed" body_has 'value="2001-01-011"'
bad "a date in words" "Give a date as YYYY-MM-DD." --data-urlencode ratified=yesterday
check "... said next to the date ratified" at_field ratified "Give a date as YYYY-MM-DD."
before=$(fingerprint)
form --data-urlencode item=OP2-NW-USE-LAW --data-urlencode mark=X --data-urlencode "info=ratified 2001"
expect_eq "the form refuses relevant information on an item outside OP1 (422)" "$CODE" 422
check "... says it belongs to OP1" body_has "Relevant information belongs to OP1 items only."
check "... keeps the information typed" body_has 'value="ratified 2001"'
expect_eq "... nothing changed" "$(fingerprint)" "$before"

# the API: the same fields, the same operation
api_login expo || echo "# expo could not sign in to the API"
AURL="https://treaties.un.org/Pages/View.aspx?id=2&lang=en"
api_expect "the API sets an OP1 entry with its address, information and dates" 200 expo POST \
    "states/KEN/versions/$d/entries/OP1-BWC" \
    "{\"mark\":\"X\",\"source_url\":\"$AURL\",\"info\":\"Acceded\",\"acceded\":\"1975-03-26\"}"
expect_eq "... read back through r1540" "$(entry OP1-BWC | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e["source_url"], e["info"]["text"], e["info"]["acceded"], len(e["info"]))')" \
    "$AURL Acceded 1975-03-26 2"
api expo GET "states/KEN/versions/$d"
expect_eq "... and through the API" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
es = {e["item"]: e for s in d["matrix"]["sections"] for t in s["tables"] for e in t["entries"]}
e = es["OP1-BWC"]
print(e["source_url"], e["info"], [x["key"] + " " + x["date"] for x in e["info_dates"]])' "$T/body" 2>&1)" \
    "$AURL Acceded ['acceded 1975-03-26']"
# api_bad NAME MESSAGE JSON: refused with 422 and the message, nothing changed
api_bad() {
    before=$(fingerprint)
    api_expect "the API refuses $1 (422)" 422 expo POST "states/KEN/versions/$d/entries/OP1-NPT" "$3"
    check "... with a clear message" body_has "$2"
    expect_eq "... nothing changed" "$(fingerprint)" "$before"
}
api_bad "a javascript: address" "source_url: must be an http:// or https:// address" '{"mark":"X","source_url":"javascript:alert(1)"}'
check "... naming the field, with the form's message" python3 -c '
import json, sys
e = json.load(open(sys.argv[1]))["error"]
sys.exit(not (e.get("field") == "source_url" and e["message"].startswith("Give an address starting with http")))' "$T/body"
api_bad "a 10 KB address" "at most 500 bytes" "{\"mark\":\"X\",\"source_url\":\"$LONG\"}"
api_bad "a date in the future" "signed: 2999-01-01 is in the future" '{"mark":"X","signed":"2999-01-01"}'
api_bad "a ratification before the signature" "before the signature" '{"mark":"X","signed":"2001-01-01","ratified":"2000-01-01"}'
api_bad "an overlong date" "is not a date" '{"mark":"X","acceded":"2000-01-01T00:00:00Z"}'
api_bad "a web address that is not text" "source_url: must be text" '{"mark":"X","source_url":["https://example.org/"]}'
api_bad "a date that is an object" "signed: must be text" '{"mark":"X","signed":{"y":2000}}'
before=$(fingerprint)
api_expect "the API refuses an address with a NUL inside (400, as any body the JSON reader refuses)" 400 expo POST \
    "states/KEN/versions/$d/entries/OP1-NPT" '{"mark":"X","source_url":"https://example.org/\u0000javascript:alert(1)"}'
expect_eq "... nothing changed" "$(fingerprint)" "$before"
api_bad "a date that is a number" "is not a date" '{"mark":"X","ratified":2000}'
bad "a date with markup" "Give a date as YYYY-MM-DD." --data-urlencode "signed=<script>x"
check "... said next to the date signed" at_field signed "Give a date as YYYY-MM-DD."
check "... never raw" body_lacks "<script>x"
before=$(fingerprint)
api_expect "the API refuses relevant information outside OP1 (422)" 422 expo POST \
    "states/KEN/versions/$d/entries/OP2-NW-USE-LAW" '{"mark":"X","info":"ratified"}'
check "... saying it belongs to OP1" body_has "OP1 items only"
expect_eq "... nothing changed" "$(fingerprint)" "$before"

# who may not write: the state's point of contact, the public
api_login pocken || echo "# pocken could not sign in to the API"
page_login pocken || echo "# pocken could not sign in"
before=$(fingerprint)
api_expect "the state's point of contact cannot set a web address (403)" 403 pocken POST \
    "states/KEN/versions/$d/entries/OP1-NPT" '{"mark":"X","source_url":"https://example.org/"}'
api_expect "the public cannot (401)" 401 - POST "states/KEN/versions/$d/entries/OP1-NPT" \
    '{"mark":"X","info":"x","signed":"2000-01-01"}'
ptok=$(page_csrf pocken "states/KEN/versions/$d")
check "... the point of contact's page has no entry form" body_lacks 'name="source_url"'
req -b "$T/pjar.pocken" --data-urlencode "csrf=$ptok" --data-urlencode item=OP1-NPT \
    --data-urlencode mark=X --data-urlencode "source_url=https://example.org/" "$B/en/states/KEN/versions/$d/entries"
expect_eq "... nor send it (403)" "$CODE" 403
req --data-urlencode item=OP1-NPT --data-urlencode mark=X --data-urlencode "info=x" "$B/en/states/KEN/versions/$d/entries"
expect_eq "the public's form goes to the sign-in page" "$CODE $(header Location | cut -d'?' -f1)" "303 /en/login"
expect_eq "... nothing changed by any of them" "$(fingerprint)" "$before"

# the labels in another language
req -b "$T/pjar.expo" "$B/fr/states/KEN/versions/$d?item=OP1-CTBT"
check "the form's labels in French" body_has "Adresse web officielle"
check "... the dates too" body_has "Date de ratification"
req -b "$T/pjar.expo" "$B/zh/states/KEN/versions/$d?item=OP1-CTBT"
check "the form's labels in Chinese" body_has "官方网址"
req -b "$T/pjar.expo" "$B/ar/states/KEN/versions/$d?item=OP1-CTBT"
check "the form's labels in Arabic" body_has "تاريخ التصديق"

stop_server
expect_eq "the server stopped cleanly" "$SRC" "0"
done_testing
