#!/bin/sh
# Template v2 on the web (issue 12): a published matrix on template v2 shows
# the CTBT row's note, OP1's relevant information with its dates and an
# official web address as an escaped link; a published matrix whose approval
# date is not public says so; the JSON API carries the same fields. The real
# server on a free loopback port, data made with the CLI. TAP output.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

r init --demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
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
start_server

expect "the published v2 matrix (English)" 200 "$B/en/states/KEN/versions/$v"
check "... the CTBT row shows its note" body_has "Comprehensive Nuclear-Test-Ban Treaty (CTBT) <small class=\"note\">(not in force)</small>"
check "... OP1's relevant information with its dates" body_has "Relevant information: Signed and ratified <span class=\"date\">signed <bdi>1996-11-14</bdi></span> <span class=\"date\">ratified <bdi>2000-11-30</bdi></span>"
check "... the web address as an escaped link" body_has "<a class=\"web\" href=\"https://example.org/treaties?state=KEN&amp;kind=&#39;ctbt&#39;\" rel=\"noopener noreferrer nofollow\">"
check "... never unescaped" body_lacks "kind='ctbt'"
check "... and the means-of-delivery rows of OP3" body_has "Means of delivery and related materials — accounting for items in production: national legal framework"
check "... its approval date is shown" body_has "2026-02-01"
check "... and not marked unknown" body_lacks "approval date not public"
expect "the same matrix in French" 200 "$B/fr/states/KEN/versions/$v"
check "... the note in French" body_has "<small class=\"note\">(pas encore en vigueur)</small>"
check "... the date names in French" body_has "Informations pertinentes: Signed and ratified <span class=\"date\">signature <bdi>1996-11-14</bdi></span>"
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
check "... its LDC period, ended on graduation" body_has "<tr><td>LDC</td><td><bdi></bdi></td><td><bdi>2026-11-24</bdi></td><td>ended</td>"
check "... its regional group, current" body_has "<td><bdi></bdi></td><td>current</td>"
expect "Solomon Islands' page" 200 "$B/en/states/SLB"
if [ "$(date -u +%F)" \< 2027-12-13 ]; then want='<tr class="scheduled"><td>LDC</td><td><bdi></bdi></td><td><bdi>2027-12-13</bdi></td><td>current, end scheduled</td>'
else want='<tr><td>LDC</td><td><bdi></bdi></td><td><bdi>2027-12-13</bdi></td><td>ended</td>'; fi
check "... a graduation not yet in effect is marked as scheduled (ended once the day has passed)" body_has "$want"
expect "the same in French" 200 "$B/fr/states/BGD"
check "... the formal name in French" body_has "Nom officiel: <bdi>République populaire du Bangladesh</bdi>"
check "... the status in French" body_has "<td>terminée</td>"

stop_server
expect_eq "the server stopped cleanly" "$SRC" "0"
done_testing
