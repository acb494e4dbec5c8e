#!/bin/sh
# HTTP tests: the real server ($R1540_BIN serve, default ./r1540) on a free
# loopback port with a fresh demo database and users of every role, driven
# with curl through its pages (HTML forms, CSRF tokens scraped from them) and
# its JSON API. Covers the route table's authorization for every role, CSRF,
# sessions, the sign-in rate limit, escaping (XSS) and SQL metacharacters,
# oversized and malformed requests, security headers, the audit log and a
# graceful stop. TAP output. See docs/testing.md.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

XSS1='<script>alert(1)</script>'
XSS2='"><img src=x onerror=alert(1)>'
XSS1_HTML='&lt;script&gt;alert(1)&lt;/script&gt;'
XSS2_HTML='&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
XSS2_JSON='\"><img src=x onerror=alert(1)>'
SQL1="'; DROP TABLE report; --"
SQL1_HTML='&#39;; DROP TABLE report; --'
SQL2='%_\"'
SQL2_JSON='%_\\\"'
SQL2_HTML='%_\&quot;'

# ---- setup: a demo database, users of every role, the server ------------------
init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
for spec in admin:admin com:committee exp:expert prov:provider pocfra:poc:FRA pocdeu:poc:DEU \
    victim:provider old:expert rl:provider; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}
    case $rest in *:*) set -- --state "${rest#*:}" ;; *) set -- ;; esac
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>>"$T/init.err" ||
        { cat "$T/init.err"; echo "Bail out! user add"; exit 1; }
done
# documents to upload: a small valid PDF, a text file, a file of no known kind
printf '%s\n' '%PDF-1.4' '1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj' \
    '2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj' \
    '3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>> endobj' \
    'trailer <</Root 1 0 R>>' '%%EOF' >"$T/doc.pdf"
printf 'Note verbale of the Permanent Mission.\n' >"$T/note.txt"
printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\003\000>\000' >"$T/prog.exe"
: >"$T/empty.pdf"
start_server

# ---- public pages, security headers --------------------------------------------
expect "GET / redirects to a language" 303 -H 'Accept-Language: fr-FR,fr;q=0.9' "$B/"
expect_eq "... to the browser's language" "$(header Location)" "/fr/"
expect "home page" 200 "$B/en/"
case $(header Content-Security-Policy) in *"default-src 'none'"*"frame-ancestors 'none'"*) ok "pages carry a Content-Security-Policy" ;;
    *) not_ok "pages carry a Content-Security-Policy" "got: $(header Content-Security-Policy)" ;; esac
expect_eq "pages carry X-Content-Type-Options" "$(header X-Content-Type-Options)" nosniff
expect_eq "pages carry X-Frame-Options" "$(header X-Frame-Options)" DENY
expect "an error page" 404 "$B/en/no/such/page"
expect "home figures (API)" 200 "$B/api/v1/"
home() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$T/body" "$1"; }
# The figures counted here from the JSON export (every state, report and version).
r export --format json --no-documents -o "$T/all.json"
ex() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$T/all.json" "$1"; }
expect_eq "... never reported = states without a report (export)" "$(home 'd["never_reported"]')" \
    "$(ex 'len({s["alpha3"] for s in d["states"]} - {x["state"] for x in d["reports"]})')"
expect_eq "... published = states with a published version (export)" "$(home 'd["published"]')" \
    "$(ex 'len({v["state"] for v in d["matrices"] if v["status"] == "published"})')"
ITEMS1=$(r template list --version 1 --format json | jq length)
expect_eq "... coverage = X over applicable fields of the latest published matrices (export)" \
    "$(home '"%.3f" % d["coverage"]')" "$(python3 -c '
import json, sys
d, items = json.load(open(sys.argv[1])), int(sys.argv[2])
latest = {}
for v in d["matrices"]:
    if v["status"] == "published" and v["version"] > latest.get(v["state"], {"version": 0})["version"]:
        latest[v["state"]] = v
assert all(v["template_version"] == 1 for v in latest.values())
marks = [e["mark"] for v in latest.values() for e in v["entries"]]
print("%.3f" % (100.0 * marks.count("X") / (items * len(latest) - marks.count("NA"))))' "$T/all.json" "$ITEMS1")"
expect_eq "... the regions hold every state" "$(home 'sum(g["states"] for g in d["regions"])')" 193
check "error pages carry the security headers" test -n "$(header Content-Security-Policy)" -a "$(header X-Frame-Options)" = DENY
expect "an API answer" 200 "$B/api/v1/states/FRA"
check "API answers carry the security headers" test "$(header X-Content-Type-Options)" = nosniff -a -n "$(header Content-Security-Policy)"
expect "list of states" 200 "$B/en/states"
all=$(grep -o 'href="/en/states/[A-Z]\{3\}"' "$T/body" | wc -l)
expect "list of states filtered by group" 200 "$B/en/states?group=WEOG"
weog=$(grep -o 'href="/en/states/[A-Z]\{3\}"' "$T/body" | wc -l)
check "a filtered list is not the cached unfiltered one ($weog of $all)" test "$weog" -gt 0 -a "$weog" -lt "$all"
expect "sign-in form keeps ?next=" 200 "$B/en/login?next=users"
check "... in its hidden field (the first query parameter is read)" body_has 'name="next" value="users"'
expect "API language from ?lang=" 200 "$B/api/v1/states/DEU?lang=fr"
check "... names the state in French" body_has '"name":"Allemagne"'

# ---- the public may not act: pages go to sign-in, the API says 401 -----------
expect "public: workspace page redirects to sign-in" 303 "$B/en/workspace"
expect_eq "... with next=" "$(header Location)" "/en/login?next=workspace"
for p in users audit; do
    expect "public: $p page redirects to sign-in" 303 "$B/en/$p"
done
expect "public: upload form post redirects to sign-in" 303 -F title=x -F file=@"$T/doc.pdf" "$B/en/states/FRA/reports"
expect "public: approve form post redirects to sign-in" 303 -d x=1 "$B/en/states/FRA/versions/5/approve"
before=$(fingerprint)
while read -r m p; do
    api_expect "public: API $m $p is 401" 401 - "$m" "$p" '{}'
done <<EOF
GET workspace
POST states/FRA/reports
POST states/FRA/versions
POST states/FRA/versions/5/entries
POST states/FRA/versions/5/entries/OP1-NPT
POST states/FRA/versions/5/send
POST states/FRA/versions/5/accept
POST states/FRA/versions/5/comments
POST states/FRA/versions/5/approve
POST states/FRA/versions/5/publish
GET users
POST users
POST users/exp/disable
POST users/exp/enable
GET audit
POST logout
EOF
expect_eq "public: the refused calls changed nothing" "$(fingerprint)" "$before"

# ---- signing in ------------------------------------------------------------------
for u in admin com exp prov pocfra pocdeu; do
    if api_login "$u"; then ok "API sign-in: $u"; else not_ok "API sign-in: $u" "status $CODE" "$(head -c 300 "$T/body")"; fi
done
c=$(grep -i '^set-cookie: r1540_session=' "$T/hdr" | tr -d '\r')
case $c in *HttpOnly*SameSite=Strict*) ok "the session cookie is HttpOnly and SameSite=Strict" ;;
    *) not_ok "the session cookie is HttpOnly and SameSite=Strict" "got: $c" ;; esac
expect "API sign-in with a wrong password" 401 -H 'Content-Type: application/json' \
    -d '{"name":"exp","password":"not the password at all"}' "$B/api/v1/login"
check "... sets no session cookie" test -z "$(grep -i '^set-cookie: r1540_session=[0-9a-f]' "$T/hdr")"
expect "sign-in form" 200 -c "$T/pjar.x" "$B/en/login"
c=$(grep -i '^set-cookie: r1540_login=' "$T/hdr" | tr -d '\r')
case $c in *HttpOnly*SameSite=Strict*) ok "the sign-in form's cookie is HttpOnly and SameSite=Strict" ;;
    *) not_ok "the sign-in form's cookie is HttpOnly and SameSite=Strict" "got: $c" ;; esac
tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/body")
expect "sign-in form post without the double-submit cookie is refused" 403 \
    --data-urlencode "login_token=$tok" -d name=exp --data-urlencode "password=$PW" "$B/en/login"
check "... and sets no session" test -z "$(grep -i '^set-cookie: r1540_session=[0-9a-f]' "$T/hdr")"
expect "sign-in form post with a wrong token is refused" 403 -b "$T/pjar.x" \
    --data-urlencode "login_token=$(echo "$tok" | tr 0-9a-f 1-9a-f0)" -d name=exp --data-urlencode "password=$PW" "$B/en/login"
for u in admin com exp prov pocfra pocdeu; do
    if page_login "$u"; then ok "page sign-in: $u"; else not_ok "page sign-in: $u" "status $CODE" "$(head -c 300 "$T/body")"; fi
done
expect_eq "page sign-in goes to next=" "$(header Location)" "/en/workspace?msg=signed-in"
for next in //evil.example/x https://evil.example/ '/\\evil.example' 'javascript:alert(1)'; do
    req -c "$T/pjar.n" "$B/en/login"
    tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/body")
    req -b "$T/pjar.n" --data-urlencode "login_token=$tok" -d name=prov --data-urlencode "password=$PW" \
        --data-urlencode "next=$next" "$B/en/login"
    expect_eq "sign-in with next=$next stays on this site" "$CODE $(header Location)" "303 /en/workspace?msg=signed-in"
done
expect "the workspace after sign-in" 200 -b "$T/pjar.pocdeu" "$B/en/workspace?msg=signed-in"
check "... says 'You are signed in.'" body_has 'You are signed in.'
check "... shows the user's name and role" body_has 'pocdeu · point of contact'

# ---- the route table, role by role: what each may not do ----------------------
for u in admin com exp prov pocfra pocdeu; do
    api_expect "$u: API workspace" 200 "$u" GET workspace
    expect "$u: workspace page" 200 -b "$T/pjar.$u" "$B/en/workspace"
done 2>/dev/null
api_expect "admin: users list" 200 admin GET users
api_expect "admin: audit log" 200 admin GET audit
api_expect "com: audit log" 200 com GET audit
expect "admin: users page" 200 -b "$T/pjar.admin" "$B/en/users"
expect "com: audit page" 200 -b "$T/pjar.com" "$B/en/audit"
before=$(fingerprint)
while read -r u m p; do
    api_expect "$u may not $m $p (403)" 403 "$u" "$m" "$p" '{"item":"OP1-NPT","mark":"X","text":"t","name":"zz","role":"admin"}'
done <<EOF
admin POST states/FRA/reports
admin POST states/FRA/versions
admin POST states/FRA/versions/5/entries
admin POST states/FRA/versions/5/send
admin POST states/FRA/versions/5/accept
admin POST states/FRA/versions/5/approve
admin POST states/FRA/versions/5/publish
com POST states/FRA/reports
com POST states/FRA/versions
com POST states/FRA/versions/5/entries/OP1-NPT
com POST states/FRA/versions/5/send
com POST states/FRA/versions/5/accept
com POST states/FRA/versions/5/comments
com GET users
com POST users
com POST users/exp/disable
exp POST states/FRA/versions/5/accept
exp POST states/FRA/versions/5/comments
exp POST states/FRA/versions/5/approve
exp POST states/FRA/versions/5/publish
exp GET users
exp POST users
exp POST users/prov/disable
exp GET audit
pocfra POST states/DEU/reports
pocfra POST states/FRA/versions
pocfra POST states/FRA/versions/5/entries
pocfra POST states/FRA/versions/5/send
pocfra POST states/FRA/versions/5/approve
pocfra POST states/FRA/versions/5/publish
pocfra POST states/DEU/versions/3/accept
pocfra POST states/DEU/versions/3/comments
pocfra GET users
pocfra GET audit
pocdeu POST states/FRA/reports
pocdeu POST states/FRA/versions/5/accept
pocdeu POST states/FRA/versions/5/comments
prov POST states/FRA/reports
prov POST states/FRA/versions
prov POST states/FRA/versions/5/entries
prov POST states/FRA/versions/5/accept
prov POST states/FRA/versions/5/approve
prov POST states/FRA/versions/5/publish
prov GET users
prov POST users/exp/enable
prov GET audit
EOF
expect_eq "the forbidden calls changed nothing" "$(fingerprint)" "$before"
for u in com exp pocfra prov; do
    expect "$u: users page is 403" 403 -b "$T/pjar.$u" "$B/en/users" 2>/dev/null
done
expect "exp: audit page is 403" 403 -b "$T/pjar.exp" "$B/en/audit"
csrf=$(page_csrf pocfra workspace)
expect "pocfra: upload form post for DEU is 403" 403 -b "$T/pjar.pocfra" -F "csrf=$csrf" -F kind=letter \
    -F date=2024-05-01 -F language=en -F title=t -F "file=@$T/doc.pdf" "$B/en/states/DEU/reports"
csrf=$(page_csrf exp workspace)
expect "exp: add-user form post is 403" 403 -b "$T/pjar.exp" -d "csrf=$csrf" -d name=zz -d role=admin "$B/en/users"
expect_eq "the forbidden forms changed nothing" "$(fingerprint)" "$before"

last_audit() { audit_last; }

# ---- the workflow by API, for France, with hostile text --------------------------
req -b "$T/jar.pocfra" -H "X-CSRF-Token: $(cat "$T/csrf.pocfra")" -F kind=first-report -F date=2024-05-01 \
    -F language=fr --form-string "title=$XSS1" -F "file=@$T/doc.pdf;type=application/pdf" "$B/api/v1/states/FRA/reports"
expect_eq "pocfra uploads a PDF report for FRA (API)" "$CODE" 201
RID=$(json_get id)
expect_eq "... audited (the CLI's object: the report)" "$(last_audit)" "report.add report:$RID"
check "... its title comes back verbatim in the JSON" body_has "\"title\":\"$XSS1\""
expect "the uploaded file downloads" 200 "$B/en/reports/$RID/file"
check "... byte for byte" cmp -s "$T/body" "$T/doc.pdf"
case $(header Content-Type) in application/pdf*) ok "... as application/pdf" ;; *) not_ok "... as application/pdf" "$(header Content-Type)" ;; esac
req -b "$T/jar.pocfra" -H "X-CSRF-Token: $(cat "$T/csrf.pocfra")" -F kind=letter -F date=2024-05-02 \
    -F language=en --form-string "title=$SQL1" -F "file=@$T/note.txt" "$B/api/v1/states/FRA/reports"
expect_eq "pocfra uploads a text report whose title is SQL" "$CODE" 201
RID2=$(json_get id)
expect_eq "... stored verbatim" "$(json .title report get "$RID2")" "$SQL1"

api_expect "exp makes a new FRA draft" 201 exp POST states/FRA/versions
V=$(json_get number)
expect_eq "... audited" "$(last_audit)" "matrix.new matrix:FRA/$V"
api_expect "... a second one is refused while it is in progress" 409 exp POST states/FRA/versions
api_expect "pocfra sees the FRA draft" 200 pocfra GET "states/FRA/versions/$V"
api_expect "pocdeu cannot see the FRA draft (404)" 404 pocdeu GET "states/FRA/versions/$V"
api_expect "prov cannot see the FRA draft (404)" 404 prov GET "states/FRA/versions/$V"
api_expect "the public cannot see the FRA draft (404)" 404 - GET "states/FRA/versions/$V"
expect "... nor as a page (404)" 404 "$B/en/states/FRA/versions/$V"
api_expect "the public state page" 200 - GET states/FRA
check "... does not list the draft" body_lacks "\"number\":$V,"
api_expect "the state page pocfra sees" 200 pocfra GET states/FRA
check "... lists the draft" body_has "\"number\":$V,"

api_expect "exp sets an entry (hostile legal reference, page, remark)" 200 exp POST "states/FRA/versions/$V/entries" \
    "{\"item\":\"OP1-NPT\",\"mark\":\"X\",\"legal_reference\":\"$XSS2_JSON\",\"page\":\"$XSS2_JSON\",\"remark\":\"$XSS1\",\"source_report\":$RID}"
expect_eq "... audited" "$(last_audit)" "matrix.set matrix:FRA/$V"
api_expect "exp sets an entry by its URL (SQL metacharacters)" 200 exp POST "states/FRA/versions/$V/entries/OP1-BWC" \
    "{\"mark\":\"?\",\"legal_reference\":\"$SQL2_JSON $SQL1\"}"
expect_eq "... stored verbatim" "$(json '.entries[] | select(.item == "OP1-BWC") | .legal_reference' matrix show FRA "$V")" "$SQL2 $SQL1"
before=$(fingerprint)
api_expect "an entry with a wrong mark is 422" 422 exp POST "states/FRA/versions/$V/entries" '{"item":"OP1-NPT","mark":"Z"}'
api_expect "an entry of no such item is 422" 422 exp POST "states/FRA/versions/$V/entries" '{"item":"OP9-NOPE","mark":"X"}'
DEU_RID=$(json 'map(.id) | max' report list DEU)
api_expect "an entry citing a report of another state is 422" 422 exp POST "states/FRA/versions/$V/entries" \
    "{\"item\":\"OP1-NPT\",\"mark\":\"X\",\"source_report\":$DEU_RID}"
api_expect "com cannot approve a draft (409)" 409 com POST "states/FRA/versions/$V/approve"
api_expect "pocfra cannot accept a draft (409)" 409 pocfra POST "states/FRA/versions/$V/accept"
expect_eq "the refused changes changed nothing" "$(fingerprint)" "$before"
api_expect "exp sends the draft to the state" 200 exp POST "states/FRA/versions/$V/send"
expect_eq "... audited" "$(last_audit)" "matrix.send matrix:FRA/$V"
api_expect "com cannot approve before the state accepted (409)" 409 com POST "states/FRA/versions/$V/approve"
check "... and says why" body_has 'has not accepted'
api_expect "pocdeu cannot accept for FRA (403)" 403 pocdeu POST "states/FRA/versions/$V/accept"
api_expect "pocfra comments (hostile text)" 200 pocfra POST "states/FRA/versions/$V/comments" \
    "{\"item\":\"OP1-NPT\",\"text\":\"$XSS1 $XSS2_JSON $SQL1\"}"
expect_eq "... audited" "$(last_audit)" "matrix.comment matrix:FRA/$V"
api_expect "... the version is a draft again" 200 exp GET "states/FRA/versions/$V"
check "... status draft" body_has '"status":"draft"'
check "... the comment comes back verbatim in the JSON" body_has "\"text\":\"$XSS1 $XSS2_JSON $SQL1\""
expect "the version page with the comment" 200 -b "$T/pjar.exp" "$B/en/states/FRA/versions/$V"
check "... the comment is HTML-escaped" body_has "$XSS1_HTML $XSS2_HTML $SQL1_HTML"
check "... no raw <script> or <img> from the data" sh -c "! grep -qF -e '$XSS1' -e '<img src=x' '$T/body'"
check "... the entry's legal reference and remark are escaped" body_has "$XSS2_HTML<br><small>$XSS1_HTML</small>"
api_expect "exp sends it again" 200 exp POST "states/FRA/versions/$V/send"
api_expect "pocfra accepts" 200 pocfra POST "states/FRA/versions/$V/accept"
expect_eq "... audited" "$(last_audit)" "matrix.accept matrix:FRA/$V"
api_expect "exp cannot approve (403)" 403 exp POST "states/FRA/versions/$V/approve"
api_expect "com cannot publish before approving (409)" 409 com POST "states/FRA/versions/$V/publish"
api_expect "com approves" 200 com POST "states/FRA/versions/$V/approve"
expect_eq "... audited" "$(last_audit)" "matrix.approve matrix:FRA/$V"
api_expect "an approved version takes no entries (409)" 409 exp POST "states/FRA/versions/$V/entries" '{"item":"OP1-NPT","mark":"?"}'
api_expect "com publishes" 200 com POST "states/FRA/versions/$V/publish"
expect_eq "... audited" "$(last_audit)" "matrix.publish matrix:FRA/$V"
api_expect "pocfra cannot accept a published version (409)" 409 pocfra POST "states/FRA/versions/$V/accept"
api_expect "the public sees the published FRA version" 200 - GET states/FRA
check "... as the published one" body_has "\"published\":{\"state\":\"FRA\",\"number\":$V,"
check "... with the legal reference verbatim" body_has "\"legal_reference\":\"$XSS2_JSON\""
check "... and the SQL one verbatim" body_has "\"legal_reference\":\"$SQL2_JSON $SQL1\""
check "... and the report title verbatim" body_has "\"title\":\"$XSS1\""
expect "the public FRA page" 200 "$B/en/states/FRA"
check "... shows the report title escaped" body_has ">$XSS1_HTML</a>"
check "... shows the SQL title escaped" body_has ">$SQL1_HTML</a>"
# (cells carry their column's name for the phone layout: data-label="...")
check "... shows the legal reference escaped" body_has "\">$XSS2_HTML<br><small>$XSS1_HTML</small></td>"
check "... shows the page escaped, after the source's title and date" body_has "), $XSS2_HTML</td>"
check "... shows SQL metacharacters escaped" body_has "\">$SQL2_HTML $SQL1_HTML</td>"
check "... no raw <script> or <img> from the data" sh -c "! grep -qF -e '$XSS1' -e '<img src=x' '$T/body'"
expect "the report page" 200 "$B/en/reports/$RID"
check "... shows the title escaped" body_has "<h1>$XSS1_HTML</h1>"
check "the report table is still there" test "$(json length report list)" -gt 500

# ---- the workflow by pages, for Germany (forms and scraped CSRF tokens) ------------
csrf=$(page_csrf pocdeu workspace)
check "pocdeu's workspace has an upload form with a CSRF token" test -n "$csrf"
expect "pocdeu uploads a report (form)" 303 -b "$T/pjar.pocdeu" -F "csrf=$csrf" -F kind=additional-information \
    -F date=2024-06-01 -F language=de --form-string "title=Zusätzliche Informationen 2024" -F "file=@$T/doc.pdf" "$B/en/states/DEU/reports"
expect_eq "... and goes to the state's page" "$(header Location)" "/en/states/DEU?msg=uploaded"
DRID=$(json 'map(.id) | max' report list DEU)
expect "... which shows it" 200 -b "$T/pjar.pocdeu" "$B/en/states/DEU?msg=uploaded"
check "... with the message" body_has 'The report was uploaded.'
check "... and the title" body_has 'Zusätzliche Informationen 2024'
DV=$(json 'map(.version) | max' matrix list DEU)
csrf=$(page_csrf exp "states/DEU/versions/$DV")
check "exp sees 'Make a new draft' on DEU's latest version" body_has 'Make a new draft'
expect "exp makes a DEU draft (form)" 303 -b "$T/pjar.exp" -d "csrf=$csrf" "$B/en/states/DEU/versions"
DV=$((DV + 1))
expect_eq "... and goes to it" "$(header Location)" "/en/states/DEU/versions/$DV?msg=draft-made"
expect "pocfra cannot see the DEU draft (404)" 404 -b "$T/pjar.pocfra" "$B/en/states/DEU/versions/$DV"
csrf=$(page_csrf exp states/DEU/versions/$DV)
check "exp's draft page has the entry form" body_has 'name="legal_reference"'
check "... offering the new report as source" body_has "<option value=\"$DRID\">"
expect "exp sets an entry (form)" 303 -b "$T/pjar.exp" -d "csrf=$csrf" -d item=OP1-BWC -d mark=X \
    --data-urlencode 'legal_reference=Gesetz über die Kontrolle von Kriegswaffen, § 18' -d "source_report=$DRID" \
    -d page=12 "$B/en/states/DEU/versions/$DV/entries"
expect "exp sends it (form, from the decision page: confirm=yes)" 303 -b "$T/pjar.exp" -d "csrf=$csrf" -d confirm=yes "$B/en/states/DEU/versions/$DV/send"
api_expect "com's workspace (API)" 200 com GET workspace
in_list() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(any(v["state"]=="DEU" and v["number"]==int(sys.argv[3]) for v in d.get(sys.argv[2], [])))' "$T/body" "$1" "$DV"; }
expect_eq "... lists the sent DEU draft as with the state" "$(in_list with_state)" True
expect_eq "... not as awaiting approval before the state accepts" "$(in_list to_approve)" False
# a point of contact's workspace lists its own state's versions only (the
# workspace filters the list of every state's versions it keeps)
api_expect "pocdeu's workspace (API)" 200 pocdeu GET workspace
expect_eq "... lists the sent DEU draft to review" "$(in_list to_review)" True
api_expect "pocfra's workspace (API)" 200 pocfra GET workspace
expect_eq "... lists no other state's version to review" \
    "$(python3 -c 'import json,sys; print(sorted({v["state"] for v in json.load(open(sys.argv[1])).get("to_review", [])} - {"FRA"}))' "$T/body")" "[]"
expect_eq "... and not the DEU draft" "$(in_list to_review)" False
csrf=$(page_csrf pocdeu states/DEU/versions/$DV)
check "pocdeu's page of the version has Accept" body_has 'Accept this version'
expect "pocdeu accepts (form)" 303 -b "$T/pjar.pocdeu" -d "csrf=$csrf" -d confirm=yes "$B/en/states/DEU/versions/$DV/accept"
api_expect "com's workspace after the state accepted (API)" 200 com GET workspace
expect_eq "... lists the DEU version as awaiting approval" "$(in_list to_approve)" True
expect_eq "... and no longer as with the state" "$(in_list with_state)" False
csrf=$(page_csrf com states/DEU/versions/$DV)
check "com's page of the version has Approve" body_has '>Approve…</button>'
expect "com approves (form)" 303 -b "$T/pjar.com" -d "csrf=$csrf" -d confirm=yes "$B/en/states/DEU/versions/$DV/approve"
expect "com publishes (form)" 303 -b "$T/pjar.com" -d "csrf=$csrf" -d confirm=yes "$B/en/states/DEU/versions/$DV/publish"
expect "the public DEU page" 200 "$B/en/states/DEU"
check "... shows the new version as published" body_has "version $DV ·"
check "... with the entry" body_has 'Gesetz über die Kontrolle von Kriegswaffen, § 18'

# ---- users: the administrator, by form and by API ------------------------------
before=$(fingerprint)
csrf=$(page_csrf admin users)
expect "admin cannot give a user a hostile organization (form, 422)" 422 -b "$T/pjar.admin" -d "csrf=$csrf" \
    -d name=orgx -d role=provider --data-urlencode "org=$XSS2" --data-urlencode "password=$PW" "$B/en/users"
api_expect "... nor by API (422)" 422 admin POST users "{\"name\":\"orgs\",\"role\":\"provider\",\"org\":\"$XSS1\",\"password\":\"$PW\"}"
big=$(head -c 5000 /dev/zero | tr '\0' o)
api_expect "an organization of 5000 bytes is 422" 422 admin POST users "{\"name\":\"bigorg\",\"role\":\"provider\",\"org\":\"$big\",\"password\":\"$PW\"}"
api_expect "an organization for an expert is 422" 422 admin POST users "{\"name\":\"exporg\",\"role\":\"expert\",\"org\":\"IAEA\",\"password\":\"$PW\"}"
api_expect "a point of contact without a state is 422" 422 admin POST users "{\"name\":\"nostate\",\"role\":\"poc\",\"password\":\"$PW\"}"
expect_eq "... refused, they changed nothing" "$(fingerprint)" "$before"
expect "admin adds a provider (form)" 303 -b "$T/pjar.admin" -d "csrf=$csrf" \
    -d name=orgx -d role=provider -d org=OPCW --data-urlencode "password=$PW" "$B/en/users"
expect_eq "... audited" "$(last_audit)" "user.add user:orgx"
api_expect "admin adds a provider (API)" 201 admin POST users "{\"name\":\"orgs\",\"role\":\"provider\",\"org\":\"IAEA\",\"password\":\"$PW\"}"
api_expect "a taken name is 409" 409 admin POST users "{\"name\":\"orgs\",\"role\":\"provider\",\"password\":\"$PW\"}"
# organizations written before the rule (or by another tool) are still shown
# safely: r1540 refuses to write them, so they are written beneath it
beneath "UPDATE \"user\" SET org = '$(echo "$XSS2" | sed "s/'/''/g")' WHERE name = 'orgx';
    UPDATE \"user\" SET org = '$XSS1' WHERE name = 'orgs'"
expect "the users page" 200 -b "$T/pjar.admin" "$B/en/users"
check "... shows hostile organizations escaped" sh -c "grep -qF '<td>$XSS2_HTML</td>' '$T/body' && grep -qF '<td>$XSS1_HTML</td>' '$T/body'"
check "... no raw <script> or <img> from the data" sh -c "! grep -qF -e '$XSS1' -e '<img src=x' '$T/body'"
api_expect "the users list (API)" 200 admin GET users
check "... has the organizations verbatim" sh -c "grep -qF '\"org\":\"$XSS2_JSON\"' '$T/body' && grep -qF '\"org\":\"$XSS1\"' '$T/body'"
check "... and no password hashes" body_lacks 'argon2'

# ---- CSRF -------------------------------------------------------------------------
before=$(fingerprint)
expect "API post without the CSRF header is 403" 403 -b "$T/jar.exp" -H 'Content-Type: application/json' -d '{}' \
    "$B/api/v1/states/FRA/versions"
expect "API post with a wrong CSRF token is 403" 403 -b "$T/jar.exp" -H 'Content-Type: application/json' \
    -H "X-CSRF-Token: $(tr 0-9a-f 1-9a-f0 <"$T/csrf.exp")" -d '{}' "$B/api/v1/states/FRA/versions"
expect "API post with another session's CSRF token is 403" 403 -b "$T/jar.exp" -H 'Content-Type: application/json' \
    -H "X-CSRF-Token: $(cat "$T/csrf.com")" -d '{}' "$B/api/v1/states/FRA/versions"
expect "form post without a CSRF token is 403" 403 -b "$T/pjar.exp" -d x=1 "$B/en/states/FRA/versions"
expect "form post with a wrong CSRF token is 403" 403 -b "$T/pjar.exp" -d csrf=0123456789abcdef "$B/en/states/FRA/versions"
expect "upload without a CSRF token is 403" 403 -b "$T/pjar.pocfra" -F kind=letter -F date=2024-05-01 \
    -F language=en -F title=t -F "file=@$T/doc.pdf" "$B/en/states/FRA/reports"
expect "add-user form without a CSRF token is 403" 403 -b "$T/pjar.admin" -d name=csrfx -d role=admin \
    --data-urlencode "password=$PW" "$B/en/users"
expect "disable form without a CSRF token is 403" 403 -b "$T/pjar.admin" -d x=1 "$B/en/users/exp/disable"
expect "sign-out without a CSRF token is 403" 403 -b "$T/pjar.exp" -d x=1 "$B/en/logout"
expect_eq "refused CSRF posts changed nothing" "$(fingerprint)" "$before"

# ---- sessions: sign-out, disabled users, expiry -------------------------------
api_expect "prov signs out (API)" 200 prov POST logout
expect_eq "... audited" "$(last_audit)" "session.end "
api_expect "... the old session cookie no longer works" 401 prov GET workspace
csrf=$(page_csrf pocfra workspace)
expect "pocfra signs out (form)" 303 -b "$T/pjar.pocfra" -c "$T/pjar.pocfra" -d "csrf=$csrf" "$B/en/logout"
expect "... the workspace asks to sign in again" 303 -b "$T/pjar.pocfra" "$B/en/workspace"
api_login victim || not_ok "victim signs in" "$CODE"
api_expect "victim's session works" 200 victim GET workspace
api_expect "admin disables victim" 200 admin POST users/victim/disable
expect_eq "... audited" "$(last_audit)" "user.disable user:victim"
api_expect "... victim's session has ended" 401 victim GET workspace
expect "... victim cannot sign in" 401 -H 'Content-Type: application/json' \
    -d "{\"name\":\"victim\",\"password\":\"$PW\"}" "$B/api/v1/login"
api_expect "admin cannot disable herself (409)" 409 admin POST users/admin/disable
api_expect "disabling no such user is 404" 404 admin POST users/nobody/disable
api_expect "admin enables victim" 200 admin POST users/victim/enable
expect_eq "... audited" "$(last_audit)" "user.enable user:victim"
check "victim signs in again" api_login victim
before=$(fingerprint)
api_expect "admin: a new password that is too short is 422" 422 admin POST users/victim/password '{"password":"short"}'
api_expect "... a missing one is 422" 422 admin POST users/victim/password '{}'
api_expect "... one of 2,000 bytes is 422" 422 admin POST users/victim/password "{\"password\":\"$(head -c 2000 /dev/zero | tr '\0' p)\"}"
api_expect "... an array instead of text is 422" 422 admin POST users/victim/password '{"password":["a long enough passphrase"]}'
api_expect "... for no such user is 404" 404 admin POST users/nobody/password "{\"password\":\"$PW\"}"
api_expect "... for a hostile name is 404" 404 admin POST "users/%3Cscript%3E'%3B--/password" "{\"password\":\"$PW\"}"
api_expect "exp may not set a password (403)" 403 exp POST users/victim/password "{\"password\":\"$PW\"}"
expect_eq "the refused password changes changed nothing" "$(fingerprint)" "$before"
api_expect "admin sets victim's password" 200 admin POST users/victim/password "{\"password\":\"$PW\"}"
expect_eq "... audited" "$(last_audit)" "user.passwd user:victim"
api_expect "... victim's session has ended" 401 victim GET workspace
check "victim signs in with it" api_login victim
api_login old || not_ok "old signs in" "$CODE"
api_expect "old's session works" 200 old GET workspace
# Sessions are the server's own, out of r1540's reads: idling one for two
# hours and counting them is done beneath it.
beneath "UPDATE session SET last_seen = $(($(date +%s) - 7200)) WHERE user_id = (SELECT id FROM \"user\" WHERE name = 'old')"
api_expect "a session idle for 2 hours is refused" 401 old GET workspace
check "... and is deleted" test "$(beneath_read "SELECT count(*) FROM session WHERE user_id = (SELECT id FROM \"user\" WHERE name = 'old')")" = 0
c=$(grep -i '^set-cookie: r1540_session=' "$T/hdr" | tr -d '\r')
case $c in *Max-Age=0*) ok "... and its cookie is dropped" ;; *) not_ok "... and its cookie is dropped" "got: $c" ;; esac
api_login old || not_ok "old signs in again" "$CODE"
beneath "UPDATE session SET last_seen = $(($(date +%s) - 7200)) WHERE user_id = (SELECT id FROM \"user\" WHERE name = 'old')"
check "old leaves an expired session behind" test "$(beneath_read "SELECT count(*) FROM session WHERE user_id = (SELECT id FROM \"user\" WHERE name = 'old')")" = 1
check "another user's sign-in purges it" api_login victim
check "... it is gone" test "$(beneath_read "SELECT count(*) FROM session WHERE user_id = (SELECT id FROM \"user\" WHERE name = 'old')")" = 0

# ---- the sign-in rate limit -----------------------------------------------------------
i=1
while [ $i -le 5 ]; do
    expect "rl: wrong password $i is 401" 401 -H 'Content-Type: application/json' \
        -d '{"name":"rl","password":"wrong wrong wrong"}' "$B/api/v1/login"
    i=$((i + 1))
done
expect "rl: after 5 failures the right password is 429" 429 -H 'Content-Type: application/json' \
    -d "{\"name\":\"rl\",\"password\":\"$PW\"}" "$B/api/v1/login"
check "... and sets no session" test -z "$(grep -i '^set-cookie: r1540_session=[0-9a-f]' "$T/hdr")"
req -c "$T/pjar.rl" "$B/en/login"
tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/body")
expect "rl: the sign-in form is 429 too" 429 -b "$T/pjar.rl" --data-urlencode "login_token=$tok" -d name=rl \
    --data-urlencode "password=$PW" "$B/en/login"
check "other accounts still sign in" api_login com

# ---- oversized and malformed requests -----------------------------------------------
before=$(fingerprint)
head -c 2000000 /dev/zero | tr '\0' ' ' >"$T/big.json"
expect "a 2 MB JSON body is 413" 413 -H 'Content-Type: application/json' --data-binary "@$T/big.json" "$B/api/v1/login"
head -c 27262976 /dev/zero | tr '\0' 'a' >"$T/big.txt"
req -b "$T/jar.pocdeu" -H "X-CSRF-Token: $(cat "$T/csrf.pocdeu")" -F kind=letter -F date=2024-05-01 \
    -F language=en -F title=big -F "file=@$T/big.txt" "$B/api/v1/states/DEU/reports"
expect_eq "a 26 MB upload is 413" "$CODE" 413
rm -f "$T/big.txt" "$T/big.json"
api_expect "malformed JSON is 400" 400 exp POST states/FRA/versions '{"item": '
api_expect "JSON that is not an object is 400" 400 exp POST states/FRA/versions '["item"]'
api_expect "a JSON string is 400" 400 exp POST states/FRA/versions '"x"'
api_expect "JSON with a NUL is 400" 400 exp POST states/FRA/versions '{"note":"a\u0000b"}'
expect "sign-in with a form body on the API is 415" 415 -d name=exp "$B/api/v1/login"
req -b "$T/jar.pocdeu" -H "X-CSRF-Token: $(cat "$T/csrf.pocdeu")" -F kind=letter -F date=2024-05-01 \
    -F language=en -F title=prog -F "file=@$T/prog.exe" "$B/api/v1/states/DEU/reports"
expect_eq "an upload that is no document is 415" "$CODE" 415
req -b "$T/jar.pocdeu" -H "X-CSRF-Token: $(cat "$T/csrf.pocdeu")" -F kind=letter -F date=2024-05-01 \
    -F language=en -F title=empty -F "file=@$T/empty.pdf" "$B/api/v1/states/DEU/reports"
expect_eq "an empty file is 422" "$CODE" 422
req -b "$T/jar.pocdeu" -H "X-CSRF-Token: $(cat "$T/csrf.pocdeu")" -F kind=letter -F date=2024-05-01 \
    -F language=en -F title=nofile "$B/api/v1/states/DEU/reports"
expect_eq "an upload without a file is 422" "$CODE" 422
printf 'a\000b' >"$T/nul.txt"
csrf=$(page_csrf pocdeu workspace)
req -b "$T/pjar.pocdeu" -F "csrf=$csrf" -F kind=letter -F date=2024-05-01 -F language=en \
    -F "title=<$T/nul.txt" -F "file=@$T/doc.pdf" "$B/en/states/DEU/reports"
expect_eq "a form field with a NUL byte is refused (422)" "$CODE" 422
req -b "$T/jar.pocdeu" -H "X-CSRF-Token: $(cat "$T/csrf.pocdeu")" -F kind=nonsense -F date=2024-13-45 \
    -F language=en -F title=t -F "file=@$T/doc.pdf" "$B/api/v1/states/DEU/reports"
expect_eq "an upload with a bad date is 422" "$CODE" 422
expect "sign-in with a NUL in the name is 422" 422 -H 'Content-Type: application/x-www-form-urlencoded' \
    -b "$T/pjar.rl" --data-binary "login_token=$tok&name=exp%00&password=x" "$B/en/login"
expect_eq "bad bodies changed nothing" "$(fingerprint)" "$before"
expect "unknown page is 404" 404 "$B/en/nothing/here"
expect "unknown API route is 404" 404 "$B/api/v1/nothing"
expect "unknown language is 404" 404 "$B/xx/states"
expect "wrong method on a page is 405" 405 -X DELETE "$B/en/states"
expect "wrong method on the API is 405" 405 "$B/api/v1/states/FRA/versions"
expect "PUT on the API is 405" 405 -X PUT -d '{}' "$B/api/v1/users"
expect "path traversal in /static/ is 404" 404 --path-as-is "$B/static/../Makefile"
check "... and shows no Makefile" body_lacks 'CFLAGS'
expect "encoded path traversal in /static/ is 404" 404 --path-as-is "$B/static/%2e%2e/Makefile"
expect "path traversal after a language is 404" 404 --path-as-is "$B/en/../../Makefile"
expect "a report that is not a number is 404" 404 "$B/en/reports/abc"
expect "a report number out of range is 404" 404 "$B/en/reports/99999999999999999999999"
expect "a version that is not a number is 404" 404 "$B/en/states/FRA/versions/abc"
expect "no such state is 404" 404 "$B/en/states/ZZZ"
expect "a state code with metacharacters is 404" 404 "$B/en/states/%27%3B--"
q=$(head -c 100000 /dev/zero | tr '\0' 'a')
req "$B/en/states?$q"
check "a 100 kB query string is refused (4xx: $CODE)" test "${CODE%??}" = 4
q=$(head -c 8000 /dev/zero | tr '\0' 'a')
req "$B/en/states?region=$q&group=$q"
check "an 8 kB query parameter is no crash ($CODE)" test "$CODE" = 200
req "$B/en/states?region=%00&group=%00x"
check "a NUL byte in query parameters is no crash ($CODE)" test "$CODE" = 200
req "$B/en/login?next=%00"
check "a NUL byte in next= is ignored ($CODE)" test "$CODE" = 200 -a -n "$(grep 'name="next" value=""' "$T/body")"
req "$B/en/states/FRA/diff?from=%00&to=1"
check "a NUL byte in a version number is 404 ($CODE)" test "$CODE" = 404
expect "many cookies and a long Accept-Language" 200 -H "Accept-Language: $(printf 'xx,%.0s' $(seq 1 500))" \
    -H "Cookie: a=1; r1540_session=zz; r1540_lang=q; b" "$B/en/"
expect "the server still answers" 200 "$B/en/states/FRA"

# ---- the review dashboard (docs/guide.md, docs/api.md) ---------------------------
# py FILE EXPR: evaluates EXPR with d = the JSON in FILE (b = the file's text).
py() { python3 -c 'import json,sys,html; b=open(sys.argv[1]).read(); d=json.loads(b) if sys.argv[1].endswith(".json") else None; print(eval(sys.argv[2]))' "$@"; }
for l in en ar zh fr ru es; do
    r review --published --lang "$l" --format json >"$T/rv_$l.json" 2>"$T/rv.err" || cat "$T/rv.err"
    expect "review dashboard ($l)" 200 "$B/$l/review"
    cp "$T/body" "$T/page_$l.html"
    check "... shows the caveat in $l (the review's own sentence)" test "$(py "$T/rv_$l.json" \
        "json.load(open('$T/rv_$l.json'))['caveat'] in html.unescape(open('$T/page_$l.html').read())")" = True
    check "... the caveat is marked as such" body_has '<p class="caveat">'
    check "... names no repository path (docs/review.md) but the documentation, in words" body_lacks 'docs/review.md'
    check "... tables have captions and scoped headers" test "$(grep -o '<caption>' "$T/body" | wc -l)" -gt 5 -a \
        "$(grep -o 'scope="row"' "$T/body" | wc -l)" -gt 100
done
check "the Arabic dashboard is right to left" grep -q 'dir="rtl"' "$T/page_ar.html"
check "the dashboard is in the header's navigation" grep -q 'href="/fr/review"' "$T/page_fr.html"
expect "the review API" 200 "$B/api/v1/review"
cp "$T/body" "$T/api_today.json"
expect_eq "... is the review JSON of the CLI (--published, today)" \
    "$(py "$T/api_today.json" "{k: v for k, v in d.items() if k != 'published_only'} == json.load(open('$T/rv_en.json'))")" True
AS_OF=2024-06-30
r review --published --format json --as-of $AS_OF >"$T/rv_2024.json"
expect "the review API as of $AS_OF" 200 "$B/api/v1/review?as_of=$AS_OF"
cp "$T/body" "$T/api_2024.json"
expect_eq "... has the same figures as r1540 review --published --as-of $AS_OF" \
    "$(py "$T/api_2024.json" "{k: v for k, v in d.items() if k != 'published_only'} == json.load(open('$T/rv_2024.json'))")" True
expect_eq "... says only published matrices count" "$(py "$T/api_2024.json" "d['published_only']")" True
r export --format json --no-documents -o "$T/all.json" # the workflow above published versions
expect_eq "... counts the states with a published version approved by then (export)" \
    "$(py "$T/api_2024.json" "d['states_with_matrix']")" "$(ex 'len({v["state"] for v in d["matrices"] if v["status"] == "published" and (v["approved"] or v["published"]) <= "'"$AS_OF"'"})')"
ex '"\n".join("%s:%d" % (s, n) for s, n in sorted({v["state"]: v["version"] for v in sorted(d["matrices"], key=lambda v: v["version"]) if v["status"] == "published"}.items()))' >"$T/published.txt"
expect_eq "today, each state counts with its newest published version, not a newer approved one (export)" \
    "$(py "$T/api_today.json" "'\\n'.join('%s:%d' % (s['state'], s['version']) for s in d['coverage']['by_state'])")" \
    "$(cat "$T/published.txt")"
check "... and some states have a newer approved version (demo data)" test "$(ex 'sum(1 for a in d["matrices"] if a["status"] == "approved" and a["version"] > max((p["version"] for p in d["matrices"] if p["state"] == a["state"] and p["status"] == "published"), default=1 << 30))')" -gt 0
expect "the dashboard in French as of $AS_OF" 200 "$B/fr/review?as_of=$AS_OF&since=2020-01-01"
check "... says the dates" body_has "2024-06-30"
check "... in French words, never split (no-break spaces: src/util/numfmt.c)" body_has "30 juin 2024"
check "... figures with a decimal comma and a spaced percent sign" grep -qE '[0-9],[0-9]( | )%' "$T/body"
check "... the applicable fields grouped in thousands (narrow no-break space)" grep -qE '[0-9] [0-9]{3}' "$T/body"
check "... its charts carry the dates" body_has 'review/charts/1.svg?as_of=2024-06-30&amp;since=2020-01-01'
expect "the dashboard in Arabic as of $AS_OF" 200 "$B/ar/review?as_of=$AS_OF"
check "... Western digits, as UN Arabic documents, and no Arabic-Indic digit" sh -c 'grep -q "يونيو 2024" "$1" && ! grep -qF -e ٠ -e ١ -e ٢ -e ٣ -e ٤ -e ٥ -e ٦ -e ٧ -e ٨ -e ٩ "$1"' sh "$T/body"
# the charts: as many as the page shows, each valid SVG
nc=$(grep -o '<img src="/en/review/charts/[0-9]*\.svg"' "$T/page_en.html" | wc -l)
check "the dashboard shows the report's charts ($nc)" test "$nc" -ge 4
check "... each with its caption as alt text" test "$(grep -o '<img src="/en/review/charts/[0-9]*\.svg" alt="[^"]' "$T/page_en.html" | wc -l)" = "$nc"
described() { python3 -c '
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
img = re.search(r"<img [^>]*alt=\"%s\"[^>]*aria-describedby=\"(b\d+)\"" % re.escape(sys.argv[2]), page)
cap = img and re.search(r"id=\"%s\">\s*<caption>([^<]*)</caption>" % img.group(1), page)
print(cap.group(1) if cap else "none")' "$T/page_en.html" "$1"; }
expect_eq "the unmet-share chart is described by the demand and supply table beside it" \
    "$(described 'Share of requests still unmet, by theme')" "Demand and supply by theme"
expect_eq "a coverage chart by the table of the same caption" "$(described 'Coverage by region')" "Coverage by region"
check "... and a table of its figures (aria-describedby)" test "$(py "$T/page_en.html" "all(('id=\"%s\"' % i) in b for i in __import__('re').findall(r'aria-describedby=\"([^\"]+)\"', b))")" = True
i=1
while [ $i -le "$nc" ]; do
    expect "chart $i" 200 "$B/en/review/charts/$i.svg"
    check "... is image/svg+xml, not sniffed" test "$(header Content-Type)" = image/svg+xml -a "$(header X-Content-Type-Options)" = nosniff
    check "... is public and cacheable" test "$(header Cache-Control)" = "public, max-age=60"
    check "... is well-formed SVG" python3 -c 'import sys, xml.etree.ElementTree as E; t = E.parse(sys.argv[1]).getroot(); sys.exit(t.tag != "{http://www.w3.org/2000/svg}svg")' "$T/body"
    i=$((i + 1))
done
# contents, narrow charts for a phone, the same review as PDF and XLSX
check "the dashboard has a contents list linking to every section's anchor" python3 -c '
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
links = re.findall(r"<li><a href=\"#(s\d+)\">", page)
heads = re.findall(r"<h2 id=\"(s\d+)\">", page)
sys.exit(not (len(links) >= 8 and links == heads))' "$T/page_en.html"
check "... bars and lines also come drawn for a phone (<picture>)" test "$(grep -o '<source media="(max-width: 600px)" srcset="/en/review/charts/[0-9]*\.svg?w=narrow">' "$T/page_en.html" | wc -l)" -ge 3
expect "a chart drawn narrow" 200 "$B/en/review/charts/1.svg?w=narrow"
check "... 300 points wide" python3 -c 'import sys, xml.etree.ElementTree as E; t = E.parse(sys.argv[1]).getroot(); sys.exit(not t.get("width", "").startswith("300"))' "$T/body"
expect "the French dashboard as of $AS_OF again" 200 "$B/fr/review?as_of=$AS_OF&since=2020-01-01"
check "... links to the same review as PDF and XLSX, for its dates" body_has 'href="/fr/review/download/review.pdf?as_of=2024-06-30&amp;since=2020-01-01"'
expect "the review as PDF" 200 "$B/en/review/download/review.pdf"
check "... a PDF, as an attachment" test "$(head -c 5 "$T/body")" = "%PDF-" -a "$(header Content-Type)" = application/pdf -a -n "$(header Content-Disposition | grep '^attachment; filename="review-en-')"
check "... with its cover saying the basis: published matrices" sh -c 'pdftotext -f 1 -l 1 "$1" - | grep -q "^Basis: published matrices only$"' sh "$T/body"
expect "the review as XLSX in French as of $AS_OF" 200 "$B/fr/review/download/review.xlsx?as_of=$AS_OF"
check "... an XLSX (a zip)" test "$(head -c 2 "$T/body")" = "PK"
for f in review.doc review.pdf.pdf ../review.pdf; do
    expect "no download $f: 404" 404 "$B/en/review/download/$f"
done
expect "a download with a refused date: 422" 422 "$B/en/review/download/review.pdf?as_of=2003-01-01"
expect "a chart in Arabic as of $AS_OF" 200 "$B/ar/review/charts/1.svg?as_of=$AS_OF"
case $(head -c 5 "$T/body") in "<svg "|"<?xml") ok "... starts as SVG does" ;; *) not_ok "... starts as SVG does" "$(head -c 40 "$T/body")" ;; esac
check "... is not kept in the answer cache (a chart per date could fill it)" test "$(header Cache-Control)" = no-store
check "the CSP lets pages show the charts (img-src 'self')" test -n "$(header Content-Security-Policy | grep "img-src 'self'")"
for c in "$((nc + 1)).svg" 0.svg 01.svg 1.png abc.svg 1.svg.svg 99999999999999999999.svg; do
    expect "no chart $c: 404" 404 "$B/en/review/charts/$c"
done
# dates the review refuses, on the page (with the form again), the API and a chart
future=$(($(date -u +%Y) + 1))-01-01
long=$(head -c 8000 /dev/zero | tr '\0' '9')
for q in as_of=garbage as_of=2003-01-01 as_of=2004-04-27 "as_of=$future" as_of=2023-02-29 \
    "as_of=$long" as_of=%00 as_of=2020-01-01%00x "as_of=%3Cscript%3E" since=yesterday \
    since=1999-12-31 "as_of=2020-01-01&since=2021-01-01"; do
    expect "dashboard ?$(echo "$q" | cut -c1-40): 422" 422 "$B/en/review?$q"
    check "... says why, with the form" test -n "$(grep 'role="alert"' "$T/body")" -a -n "$(grep 'name="as_of"' "$T/body")"
    check "... escapes what was typed" body_lacks '<script>'
    expect "... the API: 422 'invalid'" 422 "$B/api/v1/review?$q"
    check "... with a message" body_has '"code":"invalid"'
    expect "... a chart: 422" 422 "$B/en/review/charts/1.svg?$q"
done
expect "a date before 1540 in French" 422 "$B/fr/review?as_of=2003-01-01"
check "... says so in French" body_has "antérieure au 28 avril 2004"
expect "a date with no published matrix yet" 422 "$B/en/review?as_of=2004-05-01"
check "... says there is nothing to show" body_has "No state had a published matrix on the review date"
expect "... a chart of it: 422" 422 "$B/en/review/charts/1.svg?as_of=2004-05-01"
expect "an empty as_of (the form's default) is today" 200 "$B/en/review?as_of=&since="
expect "the home page links to the dashboard" 200 "$B/en/"
check "... /en/review" body_has 'class="home-review"><a href="/en/review"'
expect "the dashboard for a signed-in user (no answer cache)" 200 -b "$T/pjar.com" "$B/en/review"

# ---- the audit log ------------------------------------------------------------------
api_expect "the audit log (API)" 200 admin GET audit
for a in session.start session.end report.add matrix.new matrix.set matrix.send matrix.comment \
    matrix.accept matrix.approve matrix.publish user.add user.disable user.enable; do
    check "the audit log records $a" body_has "\"action\":\"$a\""
done
expect_eq "the DEU form workflow is audited step by step" \
    "$(json "[.[] | select(.object == \"matrix:DEU/$DV\") | .action] | join(\" \")" audit list)" \
    "matrix.new matrix.set matrix.send matrix.accept matrix.approve matrix.publish"
check "web changes name their actor" test "$(json ".[] | select(.action == \"matrix.publish\" and .object == \"matrix:DEU/$DV\") | .actor" audit list)" = web:com
if "$BIN" --db "$DB" audit verify >"$T/verify" 2>&1; then ok "r1540 audit verify passes"; else not_ok "r1540 audit verify passes" "$(cat "$T/verify")"; fi

# ---- graceful stop -----------------------------------------------------------------
api_expect "admin adds a user just before the stop" 201 admin POST users "{\"name\":\"laststop\",\"role\":\"expert\",\"password\":\"$PW\"}"
head -c 300000 /dev/zero | tr '\0' 'b' >"$T/slow.txt"
curl -s -m 60 -o "$T/slow.body" -w '%{http_code}' -b "$T/jar.pocdeu" -H "X-CSRF-Token: $(cat "$T/csrf.pocdeu")" \
    -F kind=letter -F date=2024-07-01 -F language=en -F title=slow -F "file=@$T/slow.txt" \
    --limit-rate 100k "$B/api/v1/states/DEU/reports" >"$T/slow.code" &
CPID=$!
sleep 1
stop_server
wait "$CPID"
expect_eq "SIGTERM: the upload in flight completes" "$(cat "$T/slow.code")" 201
expect_eq "SIGTERM: the server exits with status 0" "$SRC" 0
check "SIGTERM: the server says it finishes requests in flight" grep -q 'SIGTERM received' "$LOG"
start_server
api_login admin
api_expect "after a restart: the user added before the stop is there" 200 admin GET users
check "... laststop" body_has '"name":"laststop"'
api_expect "after a restart: the report uploaded in flight is there" 200 - GET states/DEU
check "... slow" body_has '"title":"slow"'
api_expect "after a restart: FRA version $V is published" 200 - GET "states/FRA/versions/$V"
stop_server
expect_eq "the second stop is clean too" "$SRC" 0
for pat in 'ERROR: AddressSanitizer' 'runtime error' 'LeakSanitizer'; do
    if grep -q "$pat" "$LOG"; then not_ok "the server log has no '$pat'" "$(grep -m1 -A10 "$pat" "$LOG")"; else
        ok "the server log has no '$pat'"; fi
done

done_testing
