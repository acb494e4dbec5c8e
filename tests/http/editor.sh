#!/bin/sh
# The draft editor and the decision pages on the web (issue 13 items 1 and 4):
# the entry form refuses to save one item's values over another's (the
# hidden "loaded" field), a save comes back to its row, the source list names
# reports by title and date; send, accept, approve and publish each have a
# page showing the changes (source and page included) and who will be told,
# and a page's POST without confirm=yes does nothing; the API takes the steps
# directly. Hostile, malformed and oversized input, other states' users,
# missing CSRF tokens: each refused with nothing changed. One server, one
# database, one sign-in per user. TAP output.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
for spec in exp:expert com:committee pocdeu:poc:DEU pocfra:poc:FRA; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}
    case $rest in *:*) set -- --state "${rest#*:}" ;; *) set -- ;; esac
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>>"$T/init.err" ||
        { cat "$T/init.err"; echo "Bail out! user add"; exit 1; }
done
r matrix new DEU --date 2026-01-05 >/dev/null 2>>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! new"; exit 1; }
V=$(json '.[-1].version' matrix list DEU)
start_server
for u in exp com pocdeu pocfra; do page_login "$u" || { echo "Bail out! sign-in $u"; exit 1; }; done
api_login exp || { echo "Bail out! api sign-in"; exit 1; }
VP="states/DEU/versions/$V"
entry() { json ".entries[] | select(.item == \"$1\") | [.mark, .legal_reference, (.source_report|tostring), .page] | join(\"|\")" matrix show DEU "$V"; }
# same NAME: nothing in the database changed since `mark`
mark() { before=$(fingerprint); n0=$(audit_count); }
same() { expect_eq "$1" "$(fingerprint) $(audit_count)" "$before $n0"; }

# ---- the entry form -----------------------------------------------------------
tok=$(page_csrf exp "$VP?item=OP1-NPT")
check "the form on ?item=OP1-NPT says which item's values it holds" body_has 'name="loaded" value="OP1-NPT"'
check "... the source list names reports by title and date, not by id" \
    sh -c '! grep -q "<option value=\"[0-9]*\"[^>]*>#" "$1" && grep -q "<option value=\"[0-9]*\" selected>[^<]* (<bdi><time datetime=\"[0-9-]*\">[^<]*</time></bdi>)</option>" "$1"' - "$T/body"
NPT=$(entry OP1-NPT)
NWFZ=$(entry OP1-NWFZ)
form() { req -b "$T/pjar.exp" --data-urlencode "csrf=$tok" "$@" "$B/en/$VP/entries"; }

mark
form --data-urlencode loaded=OP1-NPT --data-urlencode item=OP1-NWFZ --data-urlencode mark=NA \
    --data-urlencode "legal_reference=typed <for NPT>"
expect_eq "values loaded for OP1-NPT, saved as OP1-NWFZ: refused (409)" "$CODE" 409
check "... says nothing was saved" body_has 'Nothing was saved'
check "... shows OP1-NWFZ's own legal reference to check" body_has "value=\"$(echo "$NWFZ" | cut -d'|' -f2)\""
check "... and keeps what was typed, escaped" body_has 'typed &lt;for NPT&gt;'
check "... the form now holds OP1-NWFZ" body_has 'name="loaded" value="OP1-NWFZ"'
same "... nothing changed"

mark
form --data-urlencode loaded= --data-urlencode item=OP1-NPT --data-urlencode mark=?
expect_eq "a blank form saved onto OP1-NPT, which has an entry: refused (409)" "$CODE" 409
expect_eq "... OP1-NPT unchanged" "$(entry OP1-NPT)" "$NPT"
same "... nothing changed"

BLANK=$(json '[.entries[].item] | join(" ")' matrix show DEU "$V")
case " $BLANK " in *" OP3CD-NW-BORDER-LAW "*) ;; *)
form --data-urlencode loaded=OP1-NPT --data-urlencode item=OP3CD-NW-BORDER-LAW --data-urlencode mark=?
expect_eq "a save onto an item with no entry loses nothing: saved (303)" "$CODE" 303
expect_eq "... back on its row" "$(header Location)" "/en/$VP?msg=entry-saved&saved=OP3CD-NW-BORDER-LAW#OP3CD-NW-BORDER-LAW"
;; esac

form --data-urlencode loaded=OP1-NPT --data-urlencode item=OP1-NPT --data-urlencode mark=? \
    --data-urlencode "legal_reference=$(echo "$NPT" | cut -d'|' -f2)" \
    --data-urlencode "source_report=$(echo "$NPT" | cut -d'|' -f3)" --data-urlencode "page=$(echo "$NPT" | cut -d'|' -f4)"
expect_eq "the mark alone changed on the item loaded: saved (303)" "$CODE" 303
expect_eq "... the legal reference, source and page kept" "$(entry OP1-NPT)" "?|$(echo "$NPT" | cut -d'|' -f2-)"
expect_eq "... the answer goes back to the row" "$(header Location)" "/en/$VP?msg=entry-saved&saved=OP1-NPT#OP1-NPT"
req -b "$T/pjar.exp" "$B/en/$VP?msg=entry-saved&saved=OP1-NPT"
check "... whose row says it was saved (role=status)" body_has '<tr id="OP1-NPT" tabindex="-1" class="saved"><th scope="row"><span class="saved" role="status">'

mark
form --data-urlencode loaded=OP1-NPT --data-urlencode item=OP9-NOPE --data-urlencode mark=X
expect_eq "an item of no template (hostile id): 422" "$CODE" 422
form --data-urlencode "loaded=OP1-NPT' OR 1=1 --" --data-urlencode "item=OP1-NPT' OR 1=1 --" --data-urlencode mark=X
expect_eq "an item id with SQL in it: 422" "$CODE" 422
form --data-urlencode loaded=OP1-NPT --data-urlencode item=OP1-NPT --data-urlencode mark=X \
    --data-urlencode "legal_reference=Act <5>" --data-urlencode "page=twelve"
expect_eq "a page that is no page number (twelve): 422" "$CODE" 422
check "... says so by the field" body_has 'aria-invalid="true" aria-describedby="err-page" autofocus> <span class="field-error" id="err-page">Page: give page numbers'
check "... keeps what was typed" sh -c 'grep -qF "value=\"twelve\"" "$1" && grep -qF "value=\"Act &lt;5&gt;\"" "$1"' - "$T/body"
form --data-urlencode loaded=OP1-NPT --data-urlencode item=OP1-NPT --data-urlencode mark=X \
    --data-urlencode "page=$(head -c 3000 /dev/zero | tr '\0' 9)"
expect_eq "an oversized page number: 422" "$CODE" 422
form --data-urlencode loaded=OP1-NPT --data-urlencode item=OP1-NPT --data-urlencode mark=X \
    --data-urlencode "legal_reference=$(head -c 5000 /dev/zero | tr '\0' a)"
expect_eq "an oversized legal reference: 422" "$CODE" 422
check "... with the form again" body_has 'class="entry"'
check "... the message next to the legal reference" body_has '<span class="field-error" id="err-legal_reference">The legal reference is too long or not text (2,000 bytes at most).</span>'
# the same in Arabic: the rule's message in the page's language, by its field
req -b "$T/pjar.exp" --data-urlencode "csrf=$tok" --data-urlencode loaded=OP1-NPT --data-urlencode item=OP1-NPT \
    --data-urlencode mark=X --data-urlencode "remark=$(head -c 5000 /dev/zero | tr '\0' b)" "$B/ar/$VP/entries"
expect_eq "ar: an oversized remark: 422" "$CODE" 422
check "... said in Arabic next to the remark" body_has 'aria-describedby="err-remark" autofocus> <span class="field-error" id="err-remark">الملاحظة طويلة جدًا'
req -b "$T/pjar.exp" -d loaded=OP1-NPT -d item=OP1-NPT -d mark=X "$B/en/$VP/entries"
expect_eq "the form without its CSRF token: 403" "$CODE" 403
req -b "$T/pjar.pocfra" --data-urlencode "csrf=$(page_csrf pocfra workspace)" -d loaded=OP1-NPT -d item=OP1-NPT -d mark=X "$B/en/$VP/entries"
expect_eq "a point of contact cannot save an entry: 403" "$CODE" 403
same "... none of these changed anything"

# ---- changed markers and the row filter (GET parameters) -------------------------
rows() { grep -o '<tr id="[A-Z0-9-]*"' "$T/body" | sed 's/<tr id="//; s/"//' | tr '\n' ' '; }
expect "the draft's page" 200 -b "$T/pjar.exp" "$B/en/$VP"
check "... marks OP1-NPT changed in this draft" sh -c 'grep -o "<tr id=\"OP1-NPT\".*</tr>" "$1" | head -1 | grep -q "class=\"changed\""' - "$T/body"
check "... and not OP1-CWC, unchanged" sh -c '! grep -o "<tr id=\"OP1-CWC\"[^\n]*" "$1" | head -1 | grep -q "class=\"changed\""' - "$T/body"
check "... counts the rows changed since version $((V - 1))" body_has "Rows changed since version $((V - 1)): <strong>2</strong>"
ALL=$(rows | wc -w)
expect "changed rows only" 200 -b "$T/pjar.exp" "$B/en/$VP?changed=1"
expect_eq "... are OP1-NPT and OP3CD-NW-BORDER-LAW" "$(rows)" "OP1-NPT OP3CD-NW-BORDER-LAW "
check "... the entry form still lists every item" sh -c '[ "$(grep -o "<option value=\"OP" "$1" | wc -l)" -ge '"$ALL"' ]' - "$T/body"
expect "section OP1 only" 200 -b "$T/pjar.exp" "$B/en/$VP?section=OP1"
check "... no row of another section" sh -c '[ -n "$(grep -o "<tr id=\"OP1-" "$1")" ] && ! grep -q "<tr id=\"OP[23]" "$1"' - "$T/body"
expect "chemical weapons, mark X" 200 -b "$T/pjar.exp" "$B/en/$VP?weapon=chemical&mark=X"
check "... every row a chemical one" sh -c '[ -n "$(grep -o "<tr id=" "$1")" ] && ! grep -q "<tr id=\"OP1-NPT\"" "$1"' - "$T/body"
check "... the choices kept" sh -c 'grep -q "<option value=\"chemical\" selected>" "$1" && grep -q "<option value=\"X\" selected>" "$1"' - "$T/body"
expect "an unknown weapon type (hostile) is not an error page" 200 -b "$T/pjar.exp" "$B/en/$VP?weapon=%3Cscript%3Ex&mark=blank"
check "... says so by the field, the value not echoed raw" sh -c 'grep -q "No such weapon type" "$1" && ! grep -q "<script>x" "$1"' - "$T/body"
expect "an oversized section value" 200 -b "$T/pjar.exp" "$B/en/$VP?section=$(head -c 3000 /dev/zero | tr '\0' S)"
check "... says so, showing every row" sh -c 'grep -q "No such section" "$1" && [ "$(grep -o "<tr id=" "$1" | wc -l)" -eq '"$ALL"' ]' - "$T/body"

# ---- the decision pages ----------------------------------------------------------
expect "the expert's page before sending" 200 -b "$T/pjar.exp" "$B/en/$VP/send"
check "... has the decision's button posting confirm=yes" sh -c 'grep -q "name=\"confirm\" value=\"yes\"" "$1" && grep -q "action=\"/en/'"$VP"'/send\"" "$1"' - "$T/body"
check "... shows the changed mark of OP1-NPT" body_has 'OP1-NPT'
check "... counts changes since version $((V - 1))" body_has "Changes since version $((V - 1))"
check "... names pocdeu among those told" body_has '<bdi>pocdeu</bdi>'
check "... and not the point of contact of another state" body_lacks 'pocfra'

r matrix set DEU "$V" OP1-BWC X --ref "Law <9> of 2026" --page "p. 12" >/dev/null
req -b "$T/pjar.exp" "$B/en/$VP/send"
check "the diff shows a new legal reference (escaped) and page" sh -c 'grep -qF "Law &lt;9&gt; of 2026" "$1" && grep -qF "p. 12" "$1"' - "$T/body"

mark
req -b "$T/pjar.exp" --data-urlencode "csrf=$(page_csrf exp "$VP")" "$B/en/$VP/send"
expect_eq "a one-click send (no confirm) does nothing: 303" "$CODE" 303
expect_eq "... to the decision page" "$(header Location)" "/en/$VP/send"
req -b "$T/pjar.exp" --data-urlencode "csrf=$(page_csrf exp "$VP")" -d confirm=no "$B/en/$VP/send"
expect_eq "confirm=no does nothing either" "$(header Location)" "/en/$VP/send"
req -b "$T/pjar.exp" -d confirm=yes "$B/en/$VP/send"
expect_eq "confirm=yes without the CSRF token: 403" "$CODE" 403
same "... none of these changed anything"
expect "pocdeu cannot see the send page (403)" 403 -b "$T/pjar.pocdeu" "$B/en/$VP/send"
expect "the accept page of a draft: 409" 409 -b "$T/pjar.pocdeu" "$B/en/$VP/accept"
expect "the page of no such version: 404" 404 -b "$T/pjar.exp" "$B/en/states/DEU/versions/999/send"
expect "the page of a non-numeric version: 404" 404 -b "$T/pjar.exp" "$B/en/states/DEU/versions/x%27%3B/send"

req -b "$T/pjar.exp" --data-urlencode "csrf=$(page_csrf exp "$VP/send")" -d confirm=yes "$B/en/$VP/send"
expect_eq "sent from the decision page (303)" "$CODE" 303
expect_eq "... audited" "$(audit_last)" "matrix.send matrix:DEU/$V"

expect "pocfra cannot see DEU's accept page (403)" 403 -b "$T/pjar.pocfra" "$B/en/$VP/accept"
expect "pocdeu's page before accepting" 200 -b "$T/pjar.pocdeu" "$B/en/$VP/accept"
check "... names the experts and the Committee as told" sh -c 'grep -q "<bdi>exp</bdi>" "$1" && grep -q "<bdi>com</bdi>" "$1"' - "$T/body"
ptok=$(page_csrf pocdeu "$VP/accept")
mark
req -b "$T/pjar.pocdeu" --data-urlencode "csrf=$ptok" "$B/en/$VP/accept"
expect_eq "a one-click accept does nothing (303 to its page)" "$(header Location)" "/en/$VP/accept"
same "... nothing changed"
req -b "$T/pjar.pocdeu" --data-urlencode "csrf=$ptok" -d confirm=yes "$B/en/$VP/accept"
expect_eq "pocdeu accepts from the page" "$(audit_last)" "matrix.accept matrix:DEU/$V"

expect "com's page before approving" 200 -b "$T/pjar.com" "$B/en/$VP/approve"
check "... shows the changes since the version in force" body_has 'Law &lt;9&gt; of 2026'
ctok=$(page_csrf com "$VP/approve")
req -b "$T/pjar.com" --data-urlencode "csrf=$ctok" -d confirm=yes "$B/en/$VP/approve"
expect_eq "com approves from the page" "$(audit_last)" "matrix.approve matrix:DEU/$V"
expect "com's page before publishing, in Arabic" 200 -b "$T/pjar.com" "$B/ar/$VP/publish"
check "... translated" body_has 'dir="rtl"'
mark
req -b "$T/pjar.com" --data-urlencode "csrf=$ctok" "$B/en/$VP/publish"
same "a one-click publish does nothing"
req -b "$T/pjar.com" --data-urlencode "csrf=$ctok" -d confirm=yes "$B/en/$VP/publish"
expect_eq "com publishes from the page" "$(audit_last)" "matrix.publish matrix:DEU/$V"
expect "the publish page of a published version: 409" 409 -b "$T/pjar.com" "$B/en/$VP/publish"

# the API takes a decision directly (a program needs no page)
r matrix new FRA --date 2026-01-06 >/dev/null
FV=$(json '.[-1].version' matrix list FRA)
api_expect "the API sends without a confirmation" 200 exp POST "states/FRA/versions/$FV/send"
expect_eq "... audited" "$(audit_last)" "matrix.send matrix:FRA/$FV"

stop_server
expect_eq "the server stops cleanly" "$SRC" 0
done_testing
