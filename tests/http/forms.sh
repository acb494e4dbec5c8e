#!/bin/sh
# Forms that keep their input (issue 13, item 3): a refused submission of each
# form shows its page again with the values typed, the message next to the
# field at fault (aria-invalid, aria-describedby) and in the page's language;
# nothing is changed. Hostile values come back escaped, oversized ones are not
# echoed, passwords never. The API says which field, in the asked language.
# One server, one database, one sign-in per user. TAP output.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
for spec in admin:admin exp:expert pocfra:poc:FRA; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}
    case $rest in *:*) set -- --state "${rest#*:}" ;; *) set -- ;; esac
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>>"$T/init.err" ||
        { cat "$T/init.err"; echo "Bail out! user add"; exit 1; }
done
printf 'Note verbale of the Permanent Mission.\n' >"$T/note.txt"
printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\003\000>\000' >"$T/prog.exe"
start_server
for u in admin exp pocfra; do page_login "$u" || { echo "Bail out! $u cannot sign in"; exit 1; }; done

# field_error FIELD TEXT: the field is marked invalid, described by its message
field_error() {
    grep -q "name=\"$1\"[^>]*aria-invalid=\"true\" aria-describedby=\"err-$1\"" "$T/body" &&
        grep -qF "<span class=\"field-error\" id=\"err-$1\">$2</span>" "$T/body"
}
# post USER LANG PATH CURL-ARGS...: a page form of USER's, with its CSRF token
post() {
    u=$1 l=$2 p=$3; shift 3
    req -b "$T/pjar.$u" --data-urlencode "csrf=$(cat "$T/pcsrf.$u")" "$@" "$B/$l/$p"
}
upload() {
    l=$1; shift
    req -b "$T/pjar.pocfra" -F "csrf=$(cat "$T/pcsrf.pocfra")" "$@" "$B/$l/states/FRA/reports"
}
for u in admin exp pocfra; do page_csrf "$u" workspace >"$T/pcsrf.$u"; done
api_login admin || { echo "Bail out! admin cannot sign in (API)"; exit 1; }
before=$(db_hash)

# ---- users (administrator) ----------------------------------------------------
expect "the users page" 200 -b "$T/pjar.admin" "$B/en/users"
check "... the role is a required choice with no default" body_has '<select name="role" required><option value="">Choose a role</option>'
check "... no role is chosen" body_lacks '<option value="admin" selected'
check "... the state is picked by name" body_has '<option value="FRA">France</option>'
check "... states in alphabetical order of their names" sh -c "grep -o '<option value=\"[A-Z]\{3\}\">[^<]*' '$T/body' | sed 's/.*>//' | head -3 | tr '\n' '|' | grep -q '^Afghanistan|Albania|Algeria|$'"
post admin en users --data-urlencode name=pocfra --data-urlencode role=expert \
    --data-urlencode org= --data-urlencode "password=$PW"
expect_eq "a duplicate user name is 409" "$CODE" 409
check "... the form is shown again, the name kept" body_has 'name="name" required maxlength="64" pattern="[A-Za-z0-9._@\-]+" value="pocfra"'
check "... the role kept" body_has '<option value="expert" selected>'
check "... the message by the name" field_error name 'This user name is already taken.'
check "... the password is not written back" body_lacks "$PW"
check "... and a summary at the top, announced" body_has '<p class="error" role="alert">This user name is already taken.</p>'
post admin zh users --data-urlencode name=pocfra --data-urlencode role=expert --data-urlencode "password=$PW"
expect_eq "the same in Chinese is 409" "$CODE" 409
check "... with the message in Chinese" field_error name '此用户名已被占用。'
check "... in a Chinese page" body_has '<html lang="zh"'
post admin en users --data-urlencode name=newexp --data-urlencode role= --data-urlencode "password=$PW"
expect_eq "no role chosen is 422" "$CODE" 422
check "... the message by the role" field_error role 'Choose a role.'
check "... the name kept" body_has 'value="newexp"'
post admin zh users --data-urlencode name=newexp --data-urlencode role= --data-urlencode "password=$PW"
check "... in Chinese" field_error role '请选择一个角色。'
post admin en users --data-urlencode name=newpoc --data-urlencode role=poc --data-urlencode state= \
    --data-urlencode "password=$PW"
expect_eq "a point of contact without a state is 422" "$CODE" 422
check "... the message by the state" field_error state 'A point of contact needs a state; other roles have none.'
check "... the role kept" body_has '<option value="poc" selected>'
post admin en users --data-urlencode name=newpoc --data-urlencode role=poc --data-urlencode state=ZZZ \
    --data-urlencode "password=$PW"
expect_eq "a state that does not exist is 422" "$CODE" 422
check "... the message by the state" field_error state 'There is no such state.'
post admin en users --data-urlencode name=newpoc --data-urlencode role=poc --data-urlencode state=DEU \
    --data-urlencode password=short
expect_eq "a short password is 422" "$CODE" 422
check "... the message by the password" field_error password 'A password has 12 to 1024 characters.'
check "... the state kept, chosen in the list" body_has '<option value="DEU" selected>'
check "... the short password not written back" body_lacks 'value="short"'
post admin en users --data-urlencode 'name="><script>alert(1)</script>' --data-urlencode role=expert \
    --data-urlencode "password=$PW"
expect_eq "a hostile user name is 422" "$CODE" 422
check "... written back escaped" body_has 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'
check "... never as markup" body_lacks '<script>alert(1)'
check "... the message by the name" field_error name 'A user name is 1 to 64 letters, digits and . _ @ -'
big=$(head -c 20000 /dev/zero | tr '\0' 'x')
post admin en users --data-urlencode name=newexp --data-urlencode role=expert --data-urlencode "org=$big" \
    --data-urlencode "password=$PW"
expect_eq "an oversized organization is 422" "$CODE" 422
check "... the message by the organization" field_error org 'Organization: a code of 1 to 32 of A-Z a-z 0-9 . _ -, for providers only.'
check "... the 20,000 bytes are not sent back" body_lacks "$(head -c 1000 /dev/zero | tr '\0' 'x')"
check "... the name still kept" body_has 'value="newexp"'
req -b "$T/jar.admin" -H "X-CSRF-Token: $(cat "$T/csrf.admin")" -H 'Content-Type: application/json' \
    -d "{\"name\":\"pocfra\",\"role\":\"expert\",\"password\":\"$PW\"}" "$B/api/v1/users?lang=zh"
expect_eq "API: a duplicate name is 409" "$CODE" 409
check "... naming the field" body_has '"field":"name"'
check "... the message in the asked language" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["error"]["message"] == "此用户名已被占用。", d' "$T/body"
check "... the detail kept for programs" body_has "already exists"

# ---- report upload (point of contact) -----------------------------------------
upload en -F kind=letter -F date=2024-05-01 -F language=fr -F "title=Note of 1 May" -F "file=@$T/prog.exe"
expect_eq "a wrong file type is 415" "$CODE" 415
check "... the upload form again, the title kept" body_has 'value="Note of 1 May"'
check "... the kind kept" body_has '<option value="letter" selected>'
check "... the language kept (not the page's)" body_has '<option value="fr" selected>'
check "... the date kept" body_has 'value="2024-05-01"'
check "... the message by the file" field_error file 'The file must be a PDF, Word, OpenDocument or text file.'
check "... languages by name" body_has '>French</option>'
upload zh -F kind=letter -F date=2024-05-01 -F language=fr -F "title=Note of 1 May" -F "file=@$T/prog.exe"
check "... in Chinese" field_error file '文件须为 PDF、Word、OpenDocument 或文本格式。'
check "... language names in Chinese" body_has '>法语</option>'
upload en -F kind=letter -F date=2024-05-01 -F language=en -F "title=" -F "file=@$T/note.txt"
expect_eq "a missing title is 422" "$CODE" 422
check "... the message by the title" field_error title 'A title is required.'
upload en -F kind=letter -F date=2999-01-01 -F language=en -F "title=Future" -F "file=@$T/note.txt"
expect_eq "a date in the future is 422" "$CODE" 422
check "... the message by the date" field_error date 'The date is in the future.'
check "... the date kept" body_has 'value="2999-01-01"'
upload zh -F kind=letter -F date=2999-01-01 -F language=en -F "title=Future" -F "file=@$T/note.txt"
check "... in Chinese" field_error date '日期在未来。'
upload en -F kind=letter -F date=2024-05-01 -F language=en --form-string "title=<b>x</b>" -F "file=@$T/prog.exe"
check "a hostile title comes back escaped" body_has 'value="&lt;b&gt;x&lt;/b&gt;"'
upload en -F kind=letter -F date=2024-05-01 -F language=en --form-string "title=$big" -F "file=@$T/note.txt"
expect_eq "an oversized title is 422" "$CODE" 422
check "... the message by the title" field_error title 'Give a title of one line (500 bytes at most).'

# ---- an assistance request (point of contact) -----------------------------------
post pocfra en states/FRA/requests --data-urlencode "title=Export control law" --data-urlencode kind=training \
    --data-urlencode priority=3 --data-urlencode themes=export-control --data-urlencode languages=fr
expect_eq "a request without items is 422" "$CODE" 422
check "... the state page again, its form open" body_has '<details class="assist-form" open>'
check "... the title kept" body_has 'value="Export control law"'
check "... the kind kept" body_has '<option value="training" selected>'
check "... the priority kept" body_has '<option value="3" selected>'
check "... the language kept (and only it)" sh -c "grep -q 'value=\"fr\" checked' '$T/body' && ! grep -q 'value=\"en\" checked' '$T/body'"
check "... the message by the items" field_error items 'Choose at least one matrix item.'
post pocfra zh states/FRA/requests --data-urlencode "title=Export control law" --data-urlencode kind=training
check "... in Chinese" field_error items '请至少选择一个矩阵项目。'
item=$(json '.[0].id' template list)
post pocfra en states/FRA/requests --data-urlencode "title=Dates" --data-urlencode kind=training \
    --data-urlencode "items=$item" --data-urlencode start=2026-05-01 --data-urlencode end=2026-04-01 \
    --data-urlencode "description=<script>alert(2)</script>"
expect_eq "an end before the start is 422" "$CODE" 422
check "... the message by the end" field_error end 'The end is before the start.'
check "... the item kept" body_has "<option value=\"$item\" selected>"
check "... the description kept, escaped" body_has '&lt;script&gt;alert(2)&lt;/script&gt;</textarea>'

# ---- an assistance offer (expert) -------------------------------------------------
post exp en assistance/offers --data-urlencode provider=UNODA --data-urlencode "title=Workshop" \
    --data-urlencode themes=export-control --data-urlencode capacity=2
expect_eq "an offer without a kind is 422" "$CODE" 422
check "... the offers page again, the title kept" body_has 'value="Workshop"'
check "... the provider kept" body_has 'value="UNODA"'
check "... the capacity kept" body_has 'value="2"'
check "... the message by the kinds" sh -c "grep -q '<fieldset aria-describedby=\"err-kinds\">' '$T/body'"
check "... the message text" body_has '<span class="field-error" id="err-kinds">Choose the kind of assistance.</span>'
post exp en assistance/offers --data-urlencode provider=UNODA --data-urlencode "title=Workshop" \
    --data-urlencode kinds=training --data-urlencode capacity=many
expect_eq "a capacity in words is 422" "$CODE" 422
check "... the message by the capacity" field_error capacity 'The capacity is a whole number from 0 to 1000000.'
check "... the kind kept, checked" body_has 'value="training" checked'

# ---- nothing changed ----------------------------------------------------------------
expect_eq "no refused form changed the database (its fingerprint)" "$(db_hash)" "$before"

# ---- titles: each page its own, in its language ------------------------------------
title() { sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$T/body"; }
expect "the users page" 200 -b "$T/pjar.admin" "$B/en/users"
expect_eq "... is titled Users" "$(title)" "Users — r1540"
req -b "$T/pjar.admin" "$B/zh/users"
expect_eq "... in Chinese" "$(title)" "用户 — r1540"
req "$B/fr/states/FRA"
expect_eq "a state's page is titled by its name, in the page's language" "$(title)" "France — r1540"
req "$B/en/nothing/here"
expect_eq "an error page says so" "$(title)" "Something went wrong — r1540"
titles=""
for p in "" states states/FRA data review assistance/requests assistance/offers login; do
    req "$B/en/$p"; titles="$titles$(title)
"
done
expect_eq "eight public pages have eight different titles" "$(printf '%s' "$titles" | sort -u | wc -l)" 8

# ---- the states list: sortable, with coverage, regions as M49 lists them ---------------
col() { # col N: the Nth cell (1: the name) of each row of the states table, one a line
    python3 -c 'import re,sys,html
body = open(sys.argv[1], encoding="utf-8").read().split("<tbody>")[1].split("</tbody>")[0]
for row in re.findall(r"<tr>(.*?)</tr>", body):
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
    print(html.unescape(re.sub(r"<[^>]+>", "", cells[int(sys.argv[2]) - 1])).strip())' "$T/body" "$1"
}
sorted_desc() { python3 -c 'import sys; v=[float(x.split()[0]) if x[0].isdigit() else -1 for x in sys.stdin.read().split("\n") if x]; assert v == sorted(v, reverse=True) and len(set(v)) > 1, v[:20]'; }
expect "the states sorted by reports" 200 "$B/en/states?sort=reports"
col 4 | sorted_desc && ok "... the counts never increase down the list" || not_ok "... the counts never increase down the list"
check "... the column says it is sorted" body_has 'aria-sort="descending"><a href="/en/states?sort=reports">Reports</a>'
expect "the states sorted by coverage" 200 "$B/en/states?sort=coverage"
col 6 | sorted_desc && ok "... highest coverage first, states without a published matrix last" || not_ok "... highest coverage first, states without a published matrix last"
check "... as a percentage" grep -q '<td>[0-9]\{1,3\} %</td>' "$T/body"
req "$B/en/states?sort=name&q=fr"
check "sort links keep the search" body_has 'href="/en/states?sort=coverage&amp;q=fr"'
req --get --data-urlencode 'sort=<script>' --data-urlencode 'q=a&b' "$B/en/states"
expect_eq "a made-up sort is the name order, not an error" "$CODE" 200
check "... and a filter value is encoded in the links" body_has 'sort=reports&amp;q=a%26b'
req "$B/en/states"
regions=$(python3 -c 'import re,sys,html
s = open(sys.argv[1], encoding="utf-8").read()
sel = s.split("name=\"region\"")[1].split("</select>")[0]
print("|".join(html.unescape(x).replace("\u00a0", "").strip() for x in re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)", sel)[:6]))' "$T/body")
expect_eq "regions in M49's order and names, no World" "$regions" "Africa|Northern Africa|Sub-Saharan Africa|Eastern Africa|Middle Africa|Southern Africa"
check "... no lowercase world anywhere" body_lacks '>world<'

# ---- language names, not codes ----------------------------------------------------------
rq=$(json '[.[] | select(.languages == "en,fr")][0].id' assistance request list)
req "$B/en/assistance/requests/$rq"
check "a request's languages by name (en)" body_has '<dd>English, French</dd>'
req "$B/zh/assistance/requests/$rq"
check "... (zh)" body_has '<dd>英语、法语</dd>'
req "$B/fr/assistance/requests/$rq"
check "... (fr)" body_has '<dd>anglais, français</dd>'
rp=$(json '[.[] | select(.language == "en")][0].id' report list)
req "$B/ar/reports/$rp"
check "a report's language by name (ar)" body_has '<dd>الإنجليزية</dd>'

# ---- sign-in (a failed one is counted, so it comes after the fingerprint) -------------------------------------------------------------------------
req -c "$T/anon" "$B/zh/login"
tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/body")
req -b "$T/anon" -c "$T/anon" --data-urlencode "login_token=$tok" --data-urlencode name=exp \
    --data-urlencode "password=wrong password here" --data-urlencode next=users "$B/zh/login"
expect_eq "a wrong password is 401" "$CODE" 401
check "... the sign-in form again, the name kept" body_has 'value="exp"'
check "... the password not written back" body_lacks 'wrong password here'
check "... where to go next kept" body_has 'name="next" value="users"'
check "... the message in Chinese" body_has '<p class="error" role="alert">用户名或密码错误。</p>'
tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/body")
req -b "$T/anon" -c "$T/anon" --data-urlencode "login_token=$tok" --data-urlencode name=exp \
    --data-urlencode "password=$PW" "$B/zh/login"
expect_eq "... and its fresh token signs in" "$CODE" 303

# ---- password reset links -------------------------------------------------------------
reset_link() { # reset_link USER: an administrator issues one; LINK is its path
    req -b "$T/pjar.admin" --data-urlencode "csrf=$(cat "$T/pcsrf.admin")" "$B/en/users/$1/reset"
    LINK=$(sed -n 's|.*href="\(/en/reset/[0-9a-f]\{64\}\)".*|\1|p' "$T/body" | head -1)
}
reset_post() { # reset_post LINK PASSWORD [AGAIN]
    req --data-urlencode "password=$2" --data-urlencode "password2=${3:-$2}" "$B$1"
}
reset_link pocfra
expect_eq "an administrator issues a reset link: 201" "$CODE" 201
check "... shown on the users page, once" test -n "$LINK"
expect_eq "... audited, without the token" "$(audit_last)" "user.reset-issue user:pocfra"
check "... the audit log holds no token" sh -c "! '$BIN' --db '$DB' audit list --format json | grep -q '${LINK##*/}'"
# the token itself is never stored, only its SHA-256 (a look beneath r1540)
expect_eq "... the token is not in the database" "$(beneath_read "select count(*) from password_reset where token_hash = '${LINK##*/}'")" 0
req -b "$T/pjar.admin" "$B/en/users"
check "... and not shown again" body_lacks "${LINK##*/}"
expect "the link opens the form" 200 "$B$LINK"
check "... naming the user" body_has '<strong>pocfra</strong>'
req "$B/zh${LINK#/en}"
expect_eq "... titled in Chinese" "$(sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$T/body")" "设置新密码 — r1540"
reset_post "$LINK" 'new password number one' 'new password number two'
expect_eq "two different passwords: 422" "$CODE" 422
check "... the message by the second" field_error password2 'The two passwords differ.'
check "... no password written back" body_lacks 'new password number'
reset_post "$LINK" short
expect_eq "a short password: 422" "$CODE" 422
check "... the message by the password" field_error password 'A password has 12 to 1024 characters.'
expect "a wrong token: 404" 404 "$B/en/reset/$(head -c 64 /dev/zero | tr '\0' 'a')"
expect "a malformed token: 404" 404 "$B/en/reset/xyz%3Cscript%3E"
expect "an oversized token: 404" 404 "$B/en/reset/$(head -c 3000 /dev/zero | tr '\0' 'f')"
reset_post "/en/reset/$(head -c 64 /dev/zero | tr '\0' 'b')" 'a brand new password'
expect_eq "a new password through a wrong token: 404" "$CODE" 404
reset_post "$LINK" 'a brand new password'
expect_eq "the new password is set: 303" "$CODE" 303
expect_eq "... to the sign-in page" "$(header Location)" "/en/login?msg=password-reset"
expect_eq "... audited as the user, by the link" "$(json 'last | "\(.actor) \(.action) \(.object)"' audit list)" "web:pocfra (reset link) user.reset-password user:pocfra"
expect "... the user's sessions are ended" 303 -b "$T/pjar.pocfra" "$B/en/workspace"
req -H 'Content-Type: application/json' -d '{"name":"pocfra","password":"a brand new password"}' "$B/api/v1/login"
expect_eq "... and the new password signs in" "$CODE" 200
reset_post "$LINK" 'another new password'
expect_eq "a used link: 410" "$CODE" 410
check "... saying so" body_has 'This password reset link was already used.'
reset_link pocfra; first=$LINK
reset_link pocfra
expect "a newer link replaces the older one" 404 "$B$first"
expect "... and works" 200 "$B$LINK"
# a link past its 24 hours, which r1540 cannot make without waiting a day
beneath "update password_reset set created = created - 90000, expires = expires - 90000 where used = 0"
expect "an expired link: 410" 410 "$B$LINK"
check "... saying so" body_has 'This password reset link has expired.'
reset_post "$LINK" 'yet another password'
expect_eq "... and it sets nothing" "$CODE" 410
api_expect "API: a reset link for a user who does not exist is 404" 404 admin POST users/nobody/reset
api_expect "API: the public may not issue links" 401 - POST users/exp/reset
api_expect "API: an administrator's link" 201 admin POST users/exp/reset
check "... comes as JSON" body_has '"link":"/en/reset/'
# ---- the audit log: actions in words, filters, links to the records ---------------------
expect "the audit log filtered by action" 200 -b "$T/pjar.admin" "$B/en/audit?action=user.reset-issue"
check "... names the action in words" body_has '<span title="user.reset-issue">Password reset link issued</span>'
check "... shows no other action" body_lacks 'title="user.reset-password"'
check "... links the record to its page" body_has '<a href="/en/users"><bdi>user:pocfra</bdi></a>'
check "... keeps the chosen filter" body_has '<option value="user.reset-issue" selected>'
req -b "$T/pjar.admin" "$B/zh/audit?action=user.reset-password"
check "... in Chinese" body_has '<span title="user.reset-password">已通过重置链接设置密码</span>'
req -b "$T/pjar.admin" "$B/en/audit?actor=web:admin&action=user.reset-password"
check "filters combine (no administrator set a password by link)" body_has 'No entry fits these filters.'
req -b "$T/pjar.admin" "$B/en/audit?record=user:pocfra"
check "a record's filter shows its entries" body_has 'Password set through a reset link'
check "... and only its" body_lacks '<bdi>user:exp</bdi>'
matrix_obj=$(json '[.[] | select(.object | startswith("matrix:"))] | last | .object' audit list)
if [ -n "$matrix_obj" ] && [ "$matrix_obj" != null ]; then
    req -b "$T/pjar.admin" "$B/en/audit?record=$matrix_obj"
    st=${matrix_obj#matrix:}
    check "a matrix version's entry links to the version" body_has "<a href=\"/en/states/${st%/*}/versions/${st#*/}\">"
fi
req -b "$T/pjar.admin" --get --data-urlencode 'actor="><script>alert(3)</script>' "$B/en/audit"
check "a hostile filter comes back escaped" body_has 'value="&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"'
req -b "$T/pjar.admin" "$B/en/audit?record=$(head -c 5000 /dev/zero | tr '\0' 'x')"
expect_eq "an oversized filter is ignored, not an error" "$CODE" 200
expect "the audit log is for administrators only" 403 -b "$T/pjar.exp" "$B/en/audit"

# ---- the last forms that ended on the error page: a lockout lift, a proposal's note
H=$(fingerprint)
tok=$(page_csrf admin signins)
req -b "$T/pjar.admin" --data-urlencode "csrf=$tok" --data-urlencode 'name=kept<name>' \
    --data-urlencode 'address=not an address' "$B/en/signins/lift"
expect_eq "a lift with a malformed address: 422" "$CODE" 422
check "... the failed sign-ins page again, both values kept, escaped" \
    sh -c 'grep -q "<h1>Failed sign-ins</h1>" "$1" && grep -qF "value=\"kept&lt;name&gt;\"" "$1" && grep -qF "value=\"not an address\"" "$1"' - "$T/body"
check "... the message by the address" body_has '<span class="field-error" id="err-address">Give a user name, an IP address, or both.</span>'
req -b "$T/pjar.admin" --data-urlencode "csrf=$tok" --data-urlencode 'address=not an address' "$B/fr/signins/lift"
check "... in French" sh -c '! grep -q ">Give a user name, an IP address, or both.<" "$1" && grep -q "id=\"err-address\"" "$1"' - "$T/body"
P=$(json '[.[] | select(.status == "accepted")][0].id' assistance proposal list)
tok=$(page_csrf exp "assistance/proposals/$P")
req -b "$T/pjar.exp" --data-urlencode "csrf=$tok" --data-urlencode "note=$(head -c 4100 /dev/zero | tr '\0' n)<end>" \
    "$B/en/assistance/proposals/$P/deliver"
expect_eq "proposal $P delivered with a note of 4,105 bytes: 422" "$CODE" 422
check "... the proposal's page again, the note kept, escaped, the message by it" \
    sh -c 'grep -q "nnnnnnnn&lt;end&gt;</textarea>" "$1" && grep -q "<span class=\"field-error wide\" id=\"err-note\">The note must be" "$1"' - "$T/body"
expect_eq "... nothing changed by either" "$(fingerprint)" "$H"
stop_server
done_testing
