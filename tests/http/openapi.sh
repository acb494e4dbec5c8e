#!/bin/sh
# The API's description (issue 18, docs/api.md "OpenAPI"): data/openapi.json
# is what tools/openapi.py writes, a real OpenAPI 3.1 validator accepts it,
# it names every route of the route table and nothing else, the server sends
# it, and the server's answers on the demo data fit its schemas (contract
# tests, tests/http/openapi_contract.mjs); the /<lang>/api page renders it.
# Each checker is also run on a broken copy, to show it can fail. One server,
# one database, API tokens made by the CLI (no slow sign-in). TAP output.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

[ -d node_modules/@seriousme/openapi-schema-validator ] && [ -d node_modules/ajv ] ||
    { echo "Bail out! node_modules: the validator or ajv is missing: run npm ci"; exit 1; }
DOC=data/openapi.json
# ---- the document itself ---------------------------------------------------------
check "openapi.json is what tools/openapi.py writes" python3 tools/openapi.py --check
sed 's/"r1540 API"/"changed by hand"/' "$DOC" >"$T/edited.json"
check "the up-to-date check: a hand-edited copy is refused" \
    sh -c '! python3 tools/openapi.py --check-file "$1"' - "$T/edited.json"
out=$(node tests/http/openapi_validate.mjs "$DOC")
case $out in "ok - "*) ok "${out#ok - }" ;; *) not_ok "openapi.json validates" "$out" ;; esac
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["paths"]["/states"]["get"]["responses"]["200"]={"content":5}; json.dump(d,open(sys.argv[2],"w"))' \
    "$DOC" "$T/bad.json"
case $(node tests/http/openapi_validate.mjs "$T/bad.json") in
"not ok - "*) ok "the validator refuses a broken description" ;;
*) not_ok "the validator refuses a broken description" ;;
esac
if out=$(python3 tests/http/openapi_routes.py src/web/router.c "$DOC"); then
    ok "every route of the route table is described, and nothing else ($(echo "$out" | tail -1))"
else
    not_ok "every route of the route table is described, and nothing else" "$out"
fi
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); del d["paths"]["/states/{code}/diff"]; d["paths"]["/nowhere"]={"get":{}}; json.dump(d,open(sys.argv[2],"w"))' \
    "$DOC" "$T/drift.json"
out=$(python3 tests/http/openapi_routes.py src/web/router.c "$T/drift.json")
expect_eq "the route check finds a route left out and one made up" \
    "$(echo "$out" | grep -c -e 'missing in the description: GET /states/\*/diff' -e 'not in the route table: GET /nowhere')" 2

# ---- the server ------------------------------------------------------------------
r init --demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
echo "$PW" | r user add exp --role expert >/dev/null 2>>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! user"; exit 1; }
TR=$(r token add exp 2>/dev/null | grep -o 'r1540_[0-9a-f]*')
TW=$(r token add exp --scope write 2>/dev/null | grep -o 'r1540_[0-9a-f]*')
[ -n "$TR" ] && [ -n "$TW" ] || { echo "Bail out! token add"; exit 1; }
start_server

expect "GET /api/v1/openapi.json: 200" 200 "$B/api/v1/openapi.json"
check "the server sends the description as it is" python3 -c \
    'import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' "$T/body" "$DOC"
expect_eq "openapi.json: JSON" "$(header Content-Type)" "application/json; charset=utf-8"
expect_eq "openapi.json: CORS, so that a tool on another site can read it" "$(header Access-Control-Allow-Origin)" "*"
EO=$(header ETag)
expect "openapi.json with its ETag: 304" 304 -H "If-None-Match: $EO" "$B/api/v1/openapi.json"
expect "openapi.json has no page: /en/openapi.json 404" 404 "$B/en/openapi.json"
expect "the page has no API call: /api/v1/api 404" 404 "$B/api/v1/api"
expect "POST openapi.json: 405" 405 -d '{}' -H 'Content-Type: application/json' "$B/api/v1/openapi.json"

# ---- contract tests: the answers fit the schemas -----------------------------------
TAP_FROM=$N node tests/http/openapi_contract.mjs "$B" "$DOC" "$TR" "$TW" >"$T/contract.tap" 2>&1
sed -n '/^\(not \)\{0,1\}ok \|^#/p' "$T/contract.tap" | grep -v '^# next'
next=$(sed -n 's/^# next \([0-9]*\)$/\1/p' "$T/contract.tap")
if [ -n "$next" ]; then N=$next; else not_ok "the contract tests ran to the end" "$(tail -5 "$T/contract.tap")"; fi
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["components"]["schemas"]["State"]["properties"]["code"]["pattern"]="^[a-z]{3}$"; json.dump(d,open(sys.argv[2],"w"))' \
    "$DOC" "$T/wrong.json"
node tests/http/openapi_contract.mjs "$B" "$T/wrong.json" "$TR" "$TW" >"$T/wrong.tap" 2>&1
check "the contract tests fail against a wrong schema" grep -q '^not ok .*GET /api/v1/states/FRA → 200' "$T/wrong.tap"

# ---- the page for people -----------------------------------------------------------
for l in en ar zh fr ru es; do
    expect "/$l/api: 200" 200 "$B/$l/api"
    expect_eq "/$l/api: every call of the description is on it" \
        "$(grep -c '<div class="api-call">' "$T/body")" \
        "$(python3 -c 'import json,sys; print(sum(len(o) for o in json.load(open(sys.argv[1]))["paths"].values()))' "$DOC")"
    check "/$l/api: nothing from another site" sh -c '! grep -q -e "src=\"http" -e "href=\"http" "$1"' - "$T/body"
done
expect "/ar/api: 200" 200 "$B/ar/api"
check "/ar/api: headings in Arabic" grep -q '<h4>المعلمات</h4>' "$T/body"
check "/ar/api: right to left" grep -q 'dir="rtl"' "$T/body"
expect "/zh/api: 200" 200 "$B/zh/api"
check "/zh/api: headings in Chinese" grep -q '<h4>参数</h4>' "$T/body"
expect "/en/api: 200" 200 "$B/en/api"
check "/en/api: a call with its path parameter" grep -q 'GET /api/v1/states/{code}/versions/{n}</code>' "$T/body"
check "/en/api: the paging parameters" grep -q '<code>per_page</code>' "$T/body"
expect "/en/api with a hostile query: 200" 200 "$B/en/api?q=%3Cscript%3Ealert(1)%3C/script%3E&page=-1"
check "/en/api: the query is not echoed" sh -c '! grep -q "<script>alert" "$1"' - "$T/body"
expect "/en/api: a path under it is 404" 404 "$B/en/api/x"

stop_server
expect_eq "the server stopped cleanly" "$SRC" 0
done_testing
