#!/bin/sh
# Comments by item (issue 13 item 2): the state's point of contact writes
# comments on rows of a version sent to the state; they stay drafts (seen by
# the state only, changed or deleted by their author) until one "send the
# comments back" sends them all and returns the version (one workflow step,
# audited, notifying the experts); the expert sees each on its row and marks
# it answered. Hostile input: another state's user, another author, a version
# not with the state, oversized and empty text, items not in the template,
# bad ids, missing CSRF tokens: each refused with nothing changed. One server,
# one database, one sign-in per user. TAP output.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
for spec in exp:expert pocdeu:poc:DEU pocdeu2:poc:DEU pocfra:poc:FRA; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}
    case $rest in *:*) set -- --state "${rest#*:}" ;; *) set -- ;; esac
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>>"$T/init.err" ||
        { cat "$T/init.err"; echo "Bail out! user add"; exit 1; }
done
r matrix new DEU >/dev/null 2>>"$T/init.err" && V=$(json '.[-1].version' matrix list DEU) &&
    r matrix send DEU "$V" >/dev/null 2>>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! send"; exit 1; }
start_server
for u in exp pocdeu pocdeu2 pocfra; do page_login "$u" || { echo "Bail out! sign-in $u"; exit 1; }; done
api_login pocdeu || { echo "Bail out! api sign-in"; exit 1; }
VP="states/DEU/versions/$V"
mark() { before=$(fingerprint); n0=$(audit_count); }
same() { expect_eq "$1" "$(fingerprint) $(audit_count)" "$before $n0"; }
status() { json ".[] | select(.version == $V) | .status" matrix list DEU; }
ids() { beneath_read "SELECT id || ':' || item || ':' || sent || ':' || CASE WHEN answered IS NULL THEN 0 ELSE 1 END FROM matrix_comment WHERE version_id = (SELECT id FROM matrix_version WHERE state = 'DEU' AND number = $V) ORDER BY id" | paste -sd ' ' -; }

# ---- the page: a comment control on every row, no typed item ----------------------
tok=$(page_csrf pocdeu "$VP")
rows=$(grep -o '<tr id="[A-Z0-9-]*"' "$T/body" | wc -l)
controls=$(grep -o 'class="row-comment-new"' "$T/body" | wc -l)
check "the point of contact's page has a comment control on each of its $rows rows" test "$rows" -gt 10 -a "$controls" = "$rows"
check "... each posting the row's own item" body_has '<input type="hidden" name="item" value="OP1-NPT">'
check "... and no typed item box any more" body_lacks 'name="item" maxlength'
tokfra=$(page_csrf pocfra "states/FRA")
req -b "$T/pjar.exp" "$B/en/$VP"
check "the expert's page has no comment control" body_lacks 'row-comment-new'
post() { u=$1; t=$2; p=$3; shift 3; req -b "$T/pjar.$u" --data-urlencode "csrf=$t" "$@" "$B/en/$VP/$p"; }

# ---- drafts -------------------------------------------------------------------
mark
post pocdeu "$tok" draft-comments --data-urlencode item=OP1-NPT --data-urlencode 'text=First <b>draft</b> on NPT'
expect_eq "a comment on row OP1-NPT: saved (303)" "$CODE" 303
expect_eq "... back to its row" "$(header Location)" "/en/$VP?msg=comment-drafted#OP1-NPT"
C1=$(beneath_read "SELECT max(id) FROM matrix_comment")
expect_eq "... audited" "$(audit_last)" "matrix.comment.draft matrix:DEU/$V#$C1"
expect_eq "... a draft: the version is still with the state" "$(status)" with-state
post pocdeu "$tok" draft-comments --data-urlencode item=OP1-CWC --data-urlencode 'text=Second, on CWC'
expect_eq "a comment on a second row (OP1-CWC): saved" "$CODE" 303
C2=$(beneath_read "SELECT max(id) FROM matrix_comment")
post pocdeu "$tok" draft-comments --data-urlencode item=OP1-BWC --data-urlencode 'text=to be deleted'
C3=$(beneath_read "SELECT max(id) FROM matrix_comment")
expect_eq "three drafts, none sent" "$(ids)" "$C1:OP1-NPT:0:0 $C2:OP1-CWC:0:0 $C3:OP1-BWC:0:0"

req -b "$T/pjar.pocdeu" "$B/en/$VP"
check "the author sees the draft on its row, escaped" body_has 'First &lt;b&gt;draft&lt;/b&gt; on NPT'
check "... marked as a draft, with forms to change and delete it" \
    sh -c 'grep -q "draft, not sent yet" "$1" && grep -q "comments/'"$C1"'/delete" "$1"' - "$T/body"
check "... and the page counts three drafts" body_has '<strong class="drafts">3</strong>'
req -b "$T/pjar.exp" "$B/en/$VP"
check "the expert does not see the drafts" sh -c '! grep -q "on NPT" "$1" && ! grep -q "Second, on CWC" "$1"' - "$T/body"
req "$B/en/$VP"
check "nor does the public" body_lacks 'Second, on CWC'

post pocdeu "$tok" "comments/$C1" --data-urlencode item=OP1-NPT --data-urlencode comment="$C1" --data-urlencode 'text=First, edited'
expect_eq "the author edits a draft: 303" "$CODE" 303
expect_eq "... the text changed" "$(beneath_read "SELECT text FROM matrix_comment WHERE id = $C1")" "First, edited"
expect_eq "... audited" "$(audit_last)" "matrix.comment.edit matrix:DEU/$V#$C1"
post pocdeu "$tok" "comments/$C3/delete" --data-urlencode item=OP1-BWC
expect_eq "the author deletes a draft: 303" "$CODE" 303
expect_eq "... it is gone, audited" "$(ids) | $(audit_last)" "$C1:OP1-NPT:0:0 $C2:OP1-CWC:0:0 | matrix.comment.delete matrix:DEU/$V#$C3"

# ---- hostile and malformed input: refused, nothing changed ------------------------
mark
tok2=$(page_csrf pocdeu2 "$VP")
post pocdeu2 "$tok2" "comments/$C1" --data-urlencode comment="$C1" --data-urlencode 'text=not mine'
expect_eq "another point of contact of the state edits the draft: 403" "$CODE" 403
post pocdeu2 "$tok2" "comments/$C1/delete"
expect_eq "... or deletes it: 403" "$CODE" 403
post pocfra "$tokfra" draft-comments --data-urlencode item=OP1-NPT --data-urlencode 'text=from France'
expect_eq "another state's point of contact comments on DEU: 403" "$CODE" 403
post exp "$(page_csrf exp "$VP")" draft-comments --data-urlencode item=OP1-NPT --data-urlencode 'text=expert'
expect_eq "an expert writes a state's comment: 403" "$CODE" 403
req -b "$T/pjar.pocdeu" --data-urlencode item=OP1-NPT --data-urlencode text=nocsrf "$B/en/$VP/draft-comments"
expect_eq "no CSRF token: 403" "$CODE" 403
post pocdeu 0000 draft-comments --data-urlencode item=OP1-NPT --data-urlencode text=badcsrf
expect_eq "a wrong CSRF token: 403" "$CODE" 403
BIG=$(head -c 4001 /dev/zero | tr '\0' x)
post pocdeu "$tok" draft-comments --data-urlencode item=OP1-CWC --data-urlencode "text=$BIG"
expect_eq "4,001 characters: 422" "$CODE" 422
check "... the page again, the text kept in the row's open form" \
    sh -c 'grep -q "<details class=\"row-comment-new\" open>" "$1" && grep -q "xxxxxxxxxxxxxxxxxxxx</textarea>" "$1"' - "$T/body"
check "... with the message by the field" body_has 'class="field-error" role="alert">A comment needs text'
post pocdeu "$tok" draft-comments --data-urlencode item=OP1-CWC --data-urlencode 'text='
expect_eq "an empty comment: 422" "$CODE" 422
post pocdeu "$tok" draft-comments --data-urlencode item=OP1-CWC --data-urlencode "text=$(printf ' \r\n\t ')"
expect_eq "a comment of blanks only: 422" "$CODE" 422
post pocdeu "$tok" draft-comments --data-urlencode item=OP1-CWC --data-urlencode "text=$(printf 'bad \377 bytes')"
expect_eq "a comment that is not UTF-8: 422" "$CODE" 422
post pocdeu "$tok" draft-comments --data-urlencode item=OP9-NOPE --data-urlencode 'text=hello'
expect_eq "an item not in the template: 422" "$CODE" 422
check "... says so" body_has 'OP9-NOPE: unknown template item'
post pocdeu "$tok" draft-comments --data-urlencode 'item=<script>alert(1)</script>' --data-urlencode 'text=hello'
expect_eq "a hostile item id: 422" "$CODE" 422
check "... not echoed raw" body_lacks '<script>alert(1)</script>'
post pocdeu "$tok" draft-comments --data-urlencode "item=OP1-NPT' OR 1=1 --" --data-urlencode 'text=hello'
expect_eq "an item id with SQL in it: 422" "$CODE" 422
post pocdeu "$tok" draft-comments --data-urlencode 'text=no item'
expect_eq "no item: 422" "$CODE" 422
post pocdeu "$tok" "comments/999999" --data-urlencode 'text=x'
expect_eq "an unknown comment id: 404" "$CODE" 404
post pocdeu "$tok" "comments/abc" --data-urlencode 'text=x'
expect_eq "a comment id that is no number: 404" "$CODE" 404
post pocdeu "$tok" "comments/-$C1/delete"
expect_eq "a negative comment id: 404" "$CODE" 404
post pocdeu "$tok" "comments/$C1" --data-urlencode comment="$C1" --data-urlencode "text=$BIG"
expect_eq "an edit of 4,001 characters: 422" "$CODE" 422
check "... the edit form open again with the text" \
    sh -c 'grep -q "<details open><summary>" "$1" && grep -q "xxxxxxxxxx</textarea>" "$1"' - "$T/body"
req -b "$T/pjar.pocdeu" --data-urlencode "csrf=$tok" "$B/en/states/DEU/versions/999/draft-comments" --data-urlencode item=OP1-NPT --data-urlencode text=x
expect_eq "a version that does not exist: 404" "$CODE" 404
same "... nothing changed by any of these"

# ---- the API: the same operation --------------------------------------------------
api_expect "the API adds a draft comment: 201" 201 pocdeu POST "$VP/draft-comments" '{"item":"OP1-BWC","text":"from the API"}'
C4=$(json_get id)
api_expect "... and deletes it" 200 pocdeu POST "$VP/comments/$C4/delete" '{}'
api_expect "... an oversized comment: 422" 422 pocdeu POST "$VP/draft-comments" "{\"item\":\"OP1-NPT\",\"text\":\"$BIG\"}"

# ---- send: one step ends the round --------------------------------------------------
n_exp=$(r notify inbox exp | wc -l)
post pocdeu "$tok" comments
expect_eq "send the comments back (no whole-version text): 303" "$CODE" 303
expect_eq "... the version is a draft again" "$(status)" draft
expect_eq "... both comments sent together" "$(ids)" "$C1:OP1-NPT:1:0 $C2:OP1-CWC:1:0"
expect_eq "... one workflow step in the audit log" "$(audit_last)" "matrix.comment matrix:DEU/$V"
expect_eq "... the experts are told once, as for a single comment" \
    "$(r notify inbox exp | wc -l) $(r notify inbox exp | head -1 | cut -f2)" "$((n_exp + 1)) version-commented"
mark
post pocdeu "$tok" "comments/$C1" --data-urlencode comment="$C1" --data-urlencode 'text=too late'
expect_eq "a sent comment cannot be edited: 409" "$CODE" 409
post pocdeu "$tok" draft-comments --data-urlencode item=OP1-NPT --data-urlencode 'text=late'
expect_eq "no comment on a version no longer with the state: 409" "$CODE" 409
same "... nothing changed"

# ---- the expert: each comment on its row, marked answered --------------------------
req -b "$T/pjar.exp" "$B/en/$VP"
check "the expert sees the comment on row OP1-NPT" \
    sh -c 'sed -n "/<tr id=\"OP1-NPT\"/,/<\/tr>/p" "$1" | grep -q "First, edited"' - "$T/body"
check "... and the other on row OP1-CWC" \
    sh -c 'sed -n "/<tr id=\"OP1-CWC\"/,/<\/tr>/p" "$1" | grep -q "Second, on CWC"' - "$T/body"
check "... each with a Mark answered button" body_has "comments/$C2/answer"
etok=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
mark
post pocdeu "$tok" "comments/$C2/answer" --data-urlencode item=OP1-CWC
expect_eq "the point of contact cannot mark it answered: 403" "$CODE" 403
req -b "$T/pjar.exp" --data-urlencode "item=OP1-CWC" "$B/en/$VP/comments/$C2/answer"
expect_eq "... nor the expert without a CSRF token: 403" "$CODE" 403
same "... nothing changed"
post exp "$etok" "comments/$C2/answer" --data-urlencode item=OP1-CWC
expect_eq "the expert marks the CWC comment answered: 303" "$CODE" 303
expect_eq "... back on its row" "$(header Location)" "/en/$VP?msg=comment-answered#OP1-CWC"
expect_eq "... recorded, audited" "$(ids) | $(audit_last)" "$C1:OP1-NPT:1:0 $C2:OP1-CWC:1:1 | matrix.comment.answer matrix:DEU/$V#$C2"
mark
post exp "$etok" "comments/$C2/answer"
expect_eq "marking it answered twice: 409" "$CODE" 409
same "... nothing changed"
req -b "$T/pjar.exp" "$B/en/$VP"
check "the page shows it answered, the other still to answer" \
    sh -c 'grep -q "row-comment answered\" id=\"comment-'"$C2"'\"" "$1" && grep -q "comments/'"$C1"'/answer" "$1" && ! grep -q "comments/'"$C2"'/answer" "$1"' - "$T/body"
check "the comment's time: machine-readable, shown as a date, time and zone" \
    sh -c 'grep -qE "<bdi><time datetime=\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\">[0-9]+.[A-Z][a-z]{2}.[0-9]{4},.[0-9]{2}:[0-9]{2}:[0-9]{2}.UTC</time></bdi>" "$1"' - "$T/body"
check "... and the version's date in the medium style" \
    sh -c 'grep -qE "<time datetime=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\">[0-9]+.[A-Z][a-z]{2}.[0-9]{4}</time>" "$1"' - "$T/body"
req -b "$T/pjar.exp" "$B/zh/$VP"
check "zh: the comment's time in Chinese, with its zone" \
    sh -c 'grep -qE "<time datetime=\"[0-9-]{10}T[0-9:]{8}Z\">[0-9]{4}年[0-9]+月[0-9]+日.UTC.[0-9:]{8}</time>" "$1"' - "$T/body"
req -b "$T/pjar.exp" "$B/ar/$VP"
check "... in Arabic too (the control translated)" sh -c '! grep -q ">Mark answered<" "$1"' - "$T/body"

# ---- a new round: nothing to send is refused ----------------------------------------
r matrix send DEU "$V" >/dev/null || echo "Bail out! send again"
mark
post pocdeu "$tok" comments --data-urlencode 'text='
expect_eq "sending back with no draft and no text: 422" "$CODE" 422
check "... the page again says why" body_has 'There is no comment to send'
expect_eq "... the version stays with the state" "$(status)" with-state
same "... nothing changed"
post pocdeu "$tok" comments --data-urlencode 'text=On the whole version'
expect_eq "a comment on the whole version alone still sends: 303" "$CODE" 303
expect_eq "... stored as sent, on no row" "$(beneath_read "SELECT item || ':' || sent FROM matrix_comment ORDER BY id DESC LIMIT 1")" ":1"
stop_server
expect_eq "the server stops cleanly (no sanitizer report)" "$SRC" 0
done_testing
