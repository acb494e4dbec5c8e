#!/bin/sh
# Signed-in pages as bench/web_signed.sh loads them, checked for what the
# speed work must not change: a signed-in answer is never the answer cache's
# (it is the user's own and says no-store); the reference data the server
# keeps per thread (src/web/refcache.c) follows a change another process
# makes; the workspace inbox holds exactly the proposals the user can act on;
# the requests and offers lists page as before, with hostile page numbers
# falling back to the first page. The real server on a demo database (lib.sh).
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
# a point of contact of a state with a proposal waiting for its answer
POC_STATE=$(r assistance proposal list --format json | python3 -c '
import json, sys
ps = json.load(sys.stdin)
rq = {}
for p in ps:
    if p["status"] == "proposed" and not p["state_answer"]:
        print(p["request"]); break')
POC_STATE=$(r assistance request show "$POC_STATE" --format json | sed -n 's/.*"state":"\([A-Z]*\)".*/\1/p')
[ -n "$POC_STATE" ] || { echo "Bail out! the demo data has no proposal waiting for a state"; exit 1; }
for spec in exp:expert poc:poc:$POC_STATE; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}
    case $rest in *:*) set -- --state "${rest#*:}" ;; *) set -- ;; esac
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>>"$T/init.err" ||
        { cat "$T/init.err"; echo "Bail out! user add"; exit 1; }
done
start_server
api_login exp || { echo "Bail out! sign-in"; exit 1; }
api_login poc || { echo "Bail out! sign-in"; exit 1; }

# ---- signed-in answers are not the answer cache's ------------------------------
req "$B/en/states/$POC_STATE"
req "$B/en/states/$POC_STATE" # now from the cache
check "the anonymous page is public and cacheable" test "$(header Cache-Control)" = "public, max-age=60"
check "... and names no user" body_lacks 'name="csrf"'
for u in exp poc; do
    req -b "$T/jar.$u" "$B/en/states/$POC_STATE"
    check "the same page signed in as $u is the user's own (their CSRF token)" body_has "$(cat "$T/csrf.$u")"
    check "... and says no-store" test "$(header Cache-Control)" = "no-store"
done

# ---- the per-thread reference data follows another process's change -----------
# four requests per page, so that every one of the server's four threads has
# read (and kept) the state's name before it changes
for i in 1 2 3 4; do req -b "$T/jar.exp" "$B/en/states/$POC_STATE"; done
NAME=$(r state show "$POC_STATE" --format json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["state"]["names"]["en"])')
check "the state's English name is known ($NAME)" test -n "$NAME"
check "... and shown to the expert" body_has "$NAME"
r export --format json -o "$T/all.json"
python3 - "$T/all.json" "$T/renamed.json" "$POC_STATE" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
s = [x for x in d["states"] if x["alpha3"] == sys.argv[3]]
for st in s:
    st["names"]["en"] = "Renamed Republic of Testland"
out = {k: d[k] for k in ("format", "format_version", "demo", "template_version") if k in d}
out["states"] = s
for k in ("reports", "matrices"):
    out[k] = []
json.dump(out, open(sys.argv[2], "w"))
EOF
r import "$T/renamed.json" >"$T/imp.out" 2>&1
check "the CLI renames the state while the server runs" grep -q "imported 1 states" "$T/imp.out"
ok_all=1
for i in 1 2 3 4; do
    req -b "$T/jar.exp" "$B/en/states/$POC_STATE"
    body_has "Renamed Republic of Testland" || ok_all=0
done
check "every thread's next signed-in page shows the new name" test "$ok_all" = 1
req -b "$T/jar.poc" "$B/en/workspace"
check "... and so does the point of contact's workspace" body_has "Renamed Republic of Testland"
req "$B/en/states/$POC_STATE"
check "... and the anonymous (cached) page" body_has "Renamed Republic of Testland"

# ---- a draft's matrix model, kept per thread, follows the expert's edits -------
# a draft and the first of its entries, from the export made above
DRAFT=$(jq -r '[.matrices[] | select(.status == "draft")] | first | "\(.state)/versions/\(.version)"' "$T/all.json")
ITEM=$(jq -r --arg d "$DRAFT" '[.matrices[] | select("\(.state)/versions/\(.version)" == $d)
    | .entries[].item] | sort | first' "$T/all.json")
check "a draft with an entry is found ($DRAFT $ITEM)" test -n "$ITEM" -a "$ITEM" != null
for i in 1 2 3 4; do req -b "$T/jar.exp" "$B/en/states/$DRAFT"; done
cp "$T/body" "$T/draft_before.html"
req -b "$T/jar.exp" "$B/en/states/$DRAFT?item=$ITEM"
check "the entry form marks the entry it edits" body_has "value=\"$ITEM\" selected"
req -b "$T/jar.exp" "$B/en/states/$DRAFT"
check "... and the page without ?item= is as before (the mark stays out of the kept model)" \
    cmp -s "$T/body" "$T/draft_before.html"
check "... with no entry marked" body_lacks "value=\"$ITEM\" selected"
REF='Law 1540/2026 <b>&amp; "kept" models</b>'
api_expect "the expert changes an entry of the draft" 200 exp POST "states/$DRAFT/entries/$ITEM" \
    "{\"mark\":\"?\",\"legal_reference\":\"Law 1540/2026 <b>&amp; \\\"kept\\\" models</b>\"}"
seen=0
for i in 1 2 3 4; do
    req -b "$T/jar.exp" "$B/en/states/$DRAFT"
    body_has 'Law 1540/2026 &lt;b&gt;&amp;amp; &quot;kept&quot; models&lt;/b&gt;' && seen=$((seen + 1))
done
expect_eq "... and every thread's next draft page shows it, escaped" "$seen" 4
api exp GET "states/$DRAFT"
check "... as does the API" grep -qF 'Law 1540/2026 <b>&amp; \"kept\" models</b>' "$T/body"

# ---- the workspace inbox: exactly the proposals the user can act on ------------
# ids_of FILE KEY [todo]: the ids in a JSON list (with todo: those the user can act on)
ids_of() {
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))[sys.argv[2]]
todo = len(sys.argv) > 3
print(" ".join(str(p["id"]) for p in d if not todo or p["can_answer"] or p["can_deliver"]))' "$@"
}
for u in exp poc; do
    api "$u" GET workspace
    cp "$T/body" "$T/ws.$u.json"
    api "$u" GET assistance/proposals
    cp "$T/body" "$T/ps.$u.json"
    inbox=$(ids_of "$T/ws.$u.json" inbox)
    want=$(ids_of "$T/ps.$u.json" proposals todo)
    expect_eq "the $u's inbox is the proposals they can act on" "$inbox" "$want"
    check "... and holds some ($u)" test -n "$inbox"
done
python3 -c '
import json, sys
a = {p["id"]: p for p in json.load(open(sys.argv[1]))["inbox"]}
b = {p["id"]: p for p in json.load(open(sys.argv[2]))["proposals"]}
sys.exit(0 if all(a[i] == b[i] for i in a) else 1)' "$T/ws.exp.json" "$T/ps.exp.json"
check "an inbox entry is the same record as on the proposals list" test $? = 0

# ---- the lists page as before -----------------------------------------------------
r assistance request list --format json >"$T/all_requests.json"
total=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/all_requests.json")
api exp GET "assistance/requests"
p1=$(ids_of "$T/body" requests)
expect_eq "the requests list counts them all" "$(json_get count)" "$total"
api exp GET "assistance/requests?page=2"
p2=$(ids_of "$T/body" requests)
want=$(python3 -c 'import json,sys; print(" ".join(str(q["id"]) for q in reversed(json.load(open(sys.argv[1])))))' "$T/all_requests.json")
expect_eq "pages 1 and 2 are every request, newest first" "$p1 $p2" "$want"
check "a page holds 200 rows at most" test "$(echo "$p1" | wc -w)" -le 200
api exp GET "assistance/requests?status=open&page=1"
open_ids=$(ids_of "$T/body" requests)
want=$(python3 -c 'import json,sys; print(" ".join(str(q["id"]) for q in reversed(json.load(open(sys.argv[1]))) if q["status"] == "open"))' "$T/all_requests.json")
expect_eq "a filter applies before the paging" "$open_ids" "$want"
for pg in 0 -1 abc 99999999999999999999 "1%00" "$(printf '9%.0s' $(seq 1 5000))"; do
    api exp GET "assistance/requests?page=$pg"
    if [ "$CODE" = 200 ] && [ "$(ids_of "$T/body" requests)" = "$p1" ]; then
        ok "page=$(printf %.20s "$pg"): the first page"
    elif [ "$CODE" = 422 ] || [ "$CODE" = 404 ] || [ "$CODE" = 414 ]; then
        ok "page=$(printf %.20s "$pg"): refused ($CODE)"
    else
        not_ok "page=$(printf %.20s "$pg"): the first page or a refusal" "status $CODE"
    fi
done
api exp GET "assistance/offers"
offers=$(ids_of "$T/body" offers)
r assistance offer list --format json >"$T/all_offers.json"
want=$(python3 -c 'import json,sys; print(" ".join(str(q["id"]) for q in reversed(json.load(open(sys.argv[1])))))' "$T/all_offers.json")
expect_eq "the offers list: every offer, newest first" "$offers" "$want"
# the list's rows are kept per thread (refcache.h): a change by another
# process shows on every thread's next list
OPEN_ID=$(python3 -c 'import json,sys; print([q["id"] for q in json.load(open(sys.argv[1])) if q["status"] == "open"][-1])' "$T/all_requests.json")
status_of() { python3 -c 'import json,sys; print([q["status"] for q in json.load(open(sys.argv[1]))["requests"] if q["id"] == int(sys.argv[2])][0])' "$T/body" "$1"; }
for i in 1 2 3 4; do api exp GET "assistance/requests"; done
expect_eq "request $OPEN_ID is open in the list" "$(status_of "$OPEN_ID")" open
r assistance request withdraw "$OPEN_ID" >/dev/null
seen=""
for i in 1 2 3 4; do api exp GET "assistance/requests"; seen="$seen $(status_of "$OPEN_ID")"; done
expect_eq "... and withdrawn on every thread's next list once the CLI withdraws it" "$seen" \
    " withdrawn withdrawn withdrawn withdrawn"
seen=""
for i in 1 2 3 4; do api exp GET "assistance/requests?lang=fr"; seen="$seen $(status_of "$OPEN_ID")"; done
expect_eq "... in every language (French)" "$seen" " withdrawn withdrawn withdrawn withdrawn"
req -b "$T/jar.exp" "$B/en/assistance/requests?page=2"
check "the requests page 2 renders" test "$CODE" = 200
check "... with its rows" test "$(grep -c '/assistance/requests/[0-9]' "$T/body")" -gt 0

stop_server
check "the server stops cleanly ($SRC)" test "$SRC" = 0
done_testing
