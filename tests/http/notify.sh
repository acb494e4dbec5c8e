#!/bin/sh
# Notifications (issue 17 item 2): queued by the operations in their own
# transaction, shown in the inbox (pages and API), mailed in the recipient's
# language through a real SMTP server: a local sink on the loopback
# (tests/http/smtp_sink.py, Debian's python3-aiosmtpd). A whole matrix round
# and an assistance round; a rolled-back operation queues nothing; the SMTP
# server down, then back: retries, nothing lost, nothing sent twice; daily
# digests; reminders; hostile settings; the sender thread of `serve`. TAP.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

SYSPY=/usr/bin/python3 # Debian's interpreter, which has aiosmtpd
MAIL=$T/mail
SINK=""
# The sink must come back on the same port after it is stopped (the "server
# down" checks), so its port is chosen once here: a free one the kernel gives.
SMTP_PORT=$("$SYSPY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
trap 'stop_server >/dev/null 2>&1; stop_sink; rm -rf "$T"' EXIT
export R1540_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" R1540_SMTP_TLS=none \
    R1540_MAIL_FROM=r1540@example.org R1540_PUBLIC_URL=https://r1540.example.org \
    R1540_DIGEST_HOUR=7
D1=$(date -u -d tomorrow +%F) # the sender runs "as if" on this day (--at)
END=$(date -u -d "tomorrow + 3 days" +%F)

start_sink() {
    mkdir -p "$MAIL"
    "$SYSPY" tests/http/smtp_sink.py "$SMTP_PORT" "$MAIL" >"$T/sink.log" 2>&1 &
    SINK=$!
    i=0
    while [ $i -lt 100 ] && ! grep -q ready "$T/sink.log"; do sleep 0.1; i=$((i + 1)); done
    grep -q ready "$T/sink.log" || { cat "$T/sink.log"; echo "Bail out! no SMTP sink"; exit 1; }
}
stop_sink() { [ -z "$SINK" ] || { kill -TERM "$SINK" 2>/dev/null; wait "$SINK"; SINK=""; }; }
# mails JQ-FILTER: the sink's messages since the last archive, as JSON lines
# filtered with jq -s; archive: put them aside (all_mails: every one of the run)
mails() { "$SYSPY" tests/http/smtp_sink.py list "$MAIL" | jq -rs "$1"; }
K=0
archive() {
    K=$((K + 1)); mkdir -p "$T/old"
    for f in "$MAIL"/*; do [ ! -e "$f" ] || mv "$f" "$T/old/$K-${f##*/}"; done
}
all_mails() { { "$SYSPY" tests/http/smtp_sink.py list "$T/old"; "$SYSPY" tests/http/smtp_sink.py list "$MAIL"; } | jq -rs "$1"; }
to() { mails "[.[] | select(.rcpt == \"$1\")] | $2"; }
send() { r notify send --at "$1" >"$T/send.out" 2>&1; }
sent_line() { sed -n "s/^$1: \([0-9]*\).*/\1/p" "$T/send.out"; }
inbox() { r notify inbox "$1"; }

# ---- setup: users of every role with their settings, the sink -----------------
init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
for spec in exp:expert com:committee pocfra:poc:FRA pocfra2:poc:FRA pocdeu:poc:DEU \
    prov:provider:LUX dig:expert noaddr:expert; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}
    case $role:$rest in
    poc:*:*) set -- --state "${rest#*:}" ;;
    provider:*:*) set -- --org "${rest#*:}" ;;
    *) set -- ;;
    esac
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>>"$T/init.err" ||
        { cat "$T/init.err"; echo "Bail out! user add"; exit 1; }
done
for s in exp:en:immediate com:ru:immediate pocfra:fr:immediate pocfra2:fr:never \
    pocdeu:zh:immediate prov:es:immediate dig:ar:digest; do
    u=${s%%:*}; l=${s#*:}; l=${l%%:*}
    r notify settings "$u" --email "$u@example.org" --lang "$l" --mode "${s##*:}" >/dev/null ||
        { echo "Bail out! notify settings $u"; exit 1; }
done
expect_eq "notify settings prints what it set" "$(r notify settings dig)" \
    "dig: e-mail dig@example.org, language ar, mail digest"
expect_eq "... and audits it (notify.settings, no address in the log)" \
    "$(audit_last) $(audit_detail)" 'notify.settings user:dig {"lang":"ar","mode":"digest","email":"set"}'

# ---- hostile settings change nothing -------------------------------------------
H=$(fingerprint)
long=$(printf 'a%.0s' $(seq 1 300))
for bad in "--email=a@b.org>
Bcc: x@evil.org" "--email=no-at-sign" "--email=two@@example.org" "--email=a b@example.org" \
    "--email=$long@example.org" "--lang=xx" "--lang=../en" "--mode=sometimes" "--mode="; do
    r notify settings exp "$bad" >/dev/null 2>"$T/err"
    expect_eq "settings refused: $(printf '%s' "$bad" | head -c 40 | tr '\n' ' ')" "$?" 4
done
expect_eq "... and the database is unchanged" "$(fingerprint)" "$H"
r notify settings nosuch --mode never >/dev/null 2>&1
expect_eq "settings of an unknown account: not found (exit 3)" "$?" 3
r --as exp notify settings exp --mode never >/dev/null 2>&1
expect_eq "notify is the operator's: refused with --as (exit 2)" "$?" 2

# ---- a rolled-back operation queues nothing ------------------------------------
r --as exp matrix new FRA >/dev/null || echo "Bail out! matrix new"
V=$(json 'map(.version) | max' matrix list FRA)
# beneath r1540 (the one way to make a commit fail after the notification was
# queued): the audit log refuses the send's entry, so the operation rolls back
if on_sqlite; then
    sqlite_only "$DB" "CREATE TRIGGER test_refuse BEFORE INSERT ON audit WHEN NEW.action = 'matrix.send'
    BEGIN SELECT RAISE(ABORT, 'test: the audit log refuses'); END;"
else
    beneath 'CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN RAISE EXCEPTION '"'"'test: the audit log refuses'"'"'; END $f$;
    CREATE TRIGGER test_refuse BEFORE INSERT ON audit FOR EACH ROW
    WHEN (NEW.action = '"'"'matrix.send'"'"') EXECUTE FUNCTION test_refuse();'
fi
H=$(fingerprint)
r --as exp matrix send FRA "$V" >/dev/null 2>&1
check "a send whose audit entry fails is refused" test $? -ne 0
expect_eq "... the version is still a draft" "$(json ".[] | select(.version == $V) | .status" matrix list FRA)" draft
expect_eq "... and no notification was queued (the database is unchanged)" "$(fingerprint)" "$H"
expect_eq "... the point of contact's inbox is empty" "$(inbox pocfra | wc -l)" 0
if on_sqlite; then sqlite_only "$DB" "DROP TRIGGER test_refuse;"
else beneath "DROP TRIGGER test_refuse ON audit; DROP FUNCTION test_refuse();"; fi
r --as com matrix approve FRA "$V" >/dev/null 2>&1
expect_eq "a refused step (approve a draft) queues nothing" "$(fingerprint)" "$H"

# ---- a whole matrix round -------------------------------------------------------
r --as exp matrix send FRA "$V" >/dev/null &&
    r --as pocfra matrix comment FRA "$V" --text "See OP2" >/dev/null &&
    r --as exp matrix send FRA "$V" >/dev/null &&
    r --as pocfra matrix accept FRA "$V" >/dev/null &&
    r --as com matrix approve FRA "$V" >/dev/null &&
    r --as com matrix publish FRA "$V" >/dev/null || echo "Bail out! matrix round"
expect_eq "the state's point of contact: sent twice, approved, published" \
    "$(inbox pocfra | cut -f2 | tr '\n' ' ')" \
    "version-published version-approved version-sent version-sent "
expect_eq "the experts: commented, accepted, approved (not their own sends)" \
    "$(inbox exp | cut -f2 | tr '\n' ' ')" "version-approved version-accepted version-commented "
expect_eq "the Committee: accepted (approval waits for it)" "$(inbox com | cut -f2)" version-accepted
expect_eq "another state's point of contact: nothing" "$(inbox pocdeu | wc -l)" 0
start_sink
send "${D1}T06:00:00Z"
expect_eq "notify send: 8 mails (4 + 3 + 1; the digest waits)" "$(sent_line 'mails sent')" 8
expect_eq "... to the right people" "$(mails 'map(.rcpt) | group_by(.) | map("\(.[0])=\(length)") | join(" ")')" \
    "com@example.org=1 exp@example.org=3 pocfra@example.org=4"
expect_eq "... the point of contact's in French" \
    "$(to pocfra@example.org 'map(.subject) | sort | unique | join("|")')" \
    "Un tableau a été approuvé|Un tableau a été publié|Un tableau attend votre examen"
expect_eq "... the Committee's in Russian" "$(to com@example.org '.[0].subject')" \
    "Государство приняло свою матрицу"
check "... with a link to the page to act on, in the recipient's language" \
    sh -c "$(printf '%s' "\"$SYSPY\" tests/http/smtp_sink.py list \"$MAIL\" | grep 'https://r1540.example.org/fr/states/FRA/versions/$V' >/dev/null")"
expect_eq "... the text names the state in French" \
    "$(to pocfra@example.org '[.[] | select(.subject == "Un tableau a été publié")][0].body' | sed -n 2p)" \
    "La version $V du tableau de l'État suivant : France a été publiée."
expect_eq "an account that wants no mail: none, its inbox keeps them" \
    "$(inbox pocfra2 | grep -c 'mail:skipped')" 4
expect_eq "an account without an address: none, marked skipped" \
    "$(inbox noaddr | grep -c 'mail:skipped')" 3
expect_eq "the digest account: nothing yet, still pending" "$(inbox dig | grep -c 'mail:pending')" 3
send "${D1}T06:30:00Z"
expect_eq "a second pass sends nothing again" "$(sent_line 'mails sent')" 0

# ---- an assistance round ----------------------------------------------------------
r --as pocdeu assistance request add DEU --kind training --items OP1-ICSANT --languages en \
    --title "ICSANT training" >"$T/req" || echo "Bail out! request add"
REQ=$(head -1 "$T/req")
r --as prov assistance offer add LUX --kinds training --capacity 1 --items OP1-ICSANT \
    --regions 155 --languages en --title "ICSANT course" >"$T/off" ||
    echo "Bail out! offer add"
OFF=$(head -1 "$T/off")
r --as exp match --region 155 --only "$REQ:$OFF" >"$T/match" 2>&1 || { sed 's/^/# /' "$T/match"; echo "Bail out! match"; }
P=$(json ".[] | select(.request == $REQ) | .id" assistance proposal list)
expect_eq "a proposal waits for both sides" "$(inbox prov | cut -f2,4 | head -1)$(inbox pocdeu | cut -f2,4 | head -1)" \
    "proposal-waiting	assistance/proposals/${P}proposal-waiting	assistance/proposals/$P"
r --as prov assistance proposal accept "$P" >/dev/null &&
    r --as pocdeu assistance proposal accept "$P" >/dev/null &&
    r --as prov assistance proposal deliver "$P" >/dev/null || echo "Bail out! proposal round"
archive
send "${D1}T06:40:00Z"
expect_eq "the provider: waiting, then the state's answer (in Spanish)" \
    "$(to prov@example.org 'map(.subject) | join("|")')" \
    "Una propuesta espera su respuesta|Se respondió a una propuesta"
expect_eq "the state: waiting, the provider's answer, the delivery (in Chinese)" \
    "$(to pocdeu@example.org 'map(.subject) | join("|")')" \
    "有一项匹配建议等待您答复|一项匹配建议已获答复|援助已提供"
expect_eq "... the answer says who answered" \
    "$(to pocdeu@example.org '.[1].body' | sed -n 2p)" "提供方已接受针对德国的匹配建议 $P。"
expect_eq "the experts follow it (2 answers and the delivery)" "$(to exp@example.org 'length')" 3

# ---- reminders before an end date ---------------------------------------------------
r --as prov assistance offer add LUX --kinds training --capacity 2 --items OP1-NPT \
    --title "NPT seminar" --end "$END" >"$T/off2" || echo "Bail out! offer add"
OFF2=$(head -1 "$T/off2")
r --as pocdeu assistance request add DEU --kind training --items OP1-NPT --title "NPT law" \
    --end "$END" >"$T/req2" || echo "Bail out! request add"
REQ2=$(head -1 "$T/req2")
send "${D1}T06:50:00Z"
expect_eq "a request ending within 7 days: a reminder to the state's points of contact" \
    "$(inbox pocdeu | grep -c "request-ending	unread	assistance/requests/$REQ2	")" 1
expect_eq "... mailed in Chinese" \
    "$(to pocdeu@example.org '[.[] | select(.subject == "一项请求即将到期")][0].body' | sed -n 2p)" \
    "德国的请求 $REQ2 将于 $END 到期。"
expect_eq "an offer ending within 7 days: a reminder to its provider" \
    "$(inbox prov | grep -c "offer-ending	unread	assistance/offers/$OFF2	")" 1
expect_eq "... mailed with its end date" \
    "$(to prov@example.org '[.[] | select(.subject == "Una oferta vence pronto")][0].body' | sed -n 2p)" \
    "Su oferta $OFF2 vence el $END."
send "${D1}T06:55:00Z"
expect_eq "... and only once" "$(inbox prov | grep -c "offer-ending	unread	assistance/offers/$OFF2	")" 1

# ---- the daily digest -------------------------------------------------------------
archive
send "${D1}T07:00:05Z"
expect_eq "past the digest hour: one mail for all of the digest account's" \
    "$(to dig@example.org 'length') $(sent_line 'mails sent') $(sent_line 'mails sent' >/dev/null; sed -n 's/.*(\([0-9]*\) notifications).*/\1/p' "$T/send.out")" "1 1 6"
expect_eq "... in Arabic, every item listed" \
    "$(to dig@example.org '.[0].subject') $(to dig@example.org '.[0].body' | grep -c '^\* ')" \
    "إشعاراتكم في r1540 لهذا اليوم 6"
send "${D1}T09:00:00Z"
expect_eq "... and one a day" "$(sent_line 'mails sent')" 0

# ---- the SMTP server down, then back ---------------------------------------------------
stop_sink
archive
r --as exp matrix new DEU >/dev/null && W=$(json 'map(.version) | max' matrix list DEU) &&
    r --as exp matrix send DEU "$W" >/dev/null || echo "Bail out! DEU send"
send "${D1}T10:00:00Z"
expect_eq "server down: the mail failed, to retry" "$(sent_line 'mails failed, to retry')" 1
expect_eq "... the notification waits (attempt 1)" "$(inbox pocdeu | head -1 | cut -f2,5,6)" \
    "version-sent	mail:pending	attempts:1"
send "${D1}T10:00:30Z"
expect_eq "... not retried before its backoff" "$(sent_line 'mails failed, to retry') $(inbox pocdeu | head -1 | cut -f6)" \
    "0 attempts:1"
send "${D1}T10:01:05Z"
expect_eq "... retried after it (attempt 2, then 2 minutes)" "$(inbox pocdeu | head -1 | cut -f6)" attempts:2
start_sink
send "${D1}T10:05:00Z"
expect_eq "server back: sent" "$(sent_line 'mails sent') $(inbox pocdeu | head -1 | cut -f5)" "1 mail:sent"
send "${D1}T12:00:00Z"
expect_eq "... and never again" "$(sent_line 'mails sent') $(mails 'length')" "0 1"

# ---- the inbox on the web -------------------------------------------------------------
start_server
api_login pocfra || echo "Bail out! sign-in"
api_expect "the inbox (API)" 200 pocfra GET inbox
expect_eq "... the point of contact's four, newest first, in its language" \
    "$(jq -r '[.unread, (.notifications | length), .notifications[0].event, .notifications[0].link] | join(" ")' "$T/body")" \
    "4 4 version-published states/FRA/versions/$V"
N1=$(jq -r '.notifications[0].id' "$T/body")
req -b "$T/jar.pocfra" "$B/fr/inbox"
expect_eq "the inbox page: 200" "$CODE" 200
check "... the header shows 4 unread" body_has '<a href="/fr/inbox" class="inbox-link">Boîte de réception <span class="count" title="non lu">4</span></a>'
check "... the items link to inbox/ID" body_has "<a href=\"/fr/inbox/$N1\"><strong>Un tableau a été publié</strong></a>"
req -b "$T/jar.pocfra" "$B/fr/inbox/$N1"
expect_eq "opening one goes to its page" "$CODE $(header Location)" "303 /fr/states/FRA/versions/$V"
api pocfra GET inbox
expect_eq "... and marks it read" "$(jq -r '.unread' "$T/body")" 3
req -b "$T/jar.pocfra" "$B/fr/states"
check "... every signed-in page's header then shows 3 unread" body_has '<span class="count" title="non lu">3</span></a>'
# the count every signed-in page asks (sqlite_notify.c) reads the partial index
# of unread rows alone, never the account's read ones (bench/inbox_unread.sh)
if on_sqlite; then
    expect_eq "the unread count is answered from its covering index" \
        "$(sqlite_only "$DB" "EXPLAIN QUERY PLAN SELECT count(*) FROM notification WHERE user_id = 1 AND read_at = 0" | sed -n 's/^.*--//p')" \
        "SEARCH notification USING COVERING INDEX notification_unread (user_id=? AND read_at=?)"
else
    echo "# skipped on PostgreSQL: the covering-index check reads SQLite's query plan;"
    echo "# PostgreSQL's planner chooses by table size, so a plan on this small table proves nothing"
fi
EXP_ID=$(inbox exp | head -1 | cut -f1)
for bad in "$EXP_ID" 0 -1 abc 99999999999999999999 "${N1}x"; do
    api_expect "someone else's or no notification: 404 ($bad)" 404 pocfra GET "inbox/$bad"
done
api_expect "the public: 401" 401 - GET inbox
req -X POST -b "$T/jar.pocfra" -H 'Content-Type: application/json' "$B/api/v1/inbox/read"
expect_eq "mark all read without the CSRF token: 403" "$CODE" 403
api_expect "mark all read" 200 pocfra POST inbox/read
api pocfra GET inbox
expect_eq "... none unread" "$(jq -r '.unread' "$T/body")" 0
H=$(fingerprint)
for body in '{"email":"a@b.org\r\nBcc: x@evil.org","lang":"fr","mode":"immediate"}' \
    "{\"email\":\"$long@example.org\",\"lang\":\"fr\",\"mode\":\"immediate\"}" \
    '{"email":"<script>alert(1)</script>@x.org","lang":"fr","mode":"immediate"}' \
    '{"email":5,"lang":"fr","mode":"immediate"}' \
    '{"email":"a@example.org","lang":"xx","mode":"immediate"}' \
    '{"email":"a@example.org","lang":"fr"}' \
    '{"email":"a@example.org","lang":"fr","mode":"always"}'; do
    api_expect "hostile settings: 422 ($(printf '%s' "$body" | head -c 50 | tr -d '\\'))" 422 pocfra POST inbox/settings "$body"
done
expect_eq "... the database is unchanged" "$(fingerprint)" "$H"
api_expect "own settings (API)" 200 pocfra POST inbox/settings '{"email":"fra@example.org","lang":"es","mode":"digest"}'
expect_eq "... saved and audited as the web user" "$(r notify settings pocfra) / $(audit_last)" \
    "pocfra: e-mail fra@example.org, language es, mail digest / notify.settings user:pocfra"
page_login pocfra || echo "Bail out! page sign-in"
tok=$(page_csrf pocfra inbox/settings)
req -b "$T/pjar.pocfra" --data-urlencode "csrf=$tok" --data-urlencode 'email="><script>alert(1)</script>' \
    --data-urlencode lang=fr --data-urlencode mode=never "$B/fr/inbox/settings"
expect_eq "the settings form with a bad address: 422" "$CODE" 422
check "... says why by the field, what was typed escaped" body_has 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'
check "... the message in the page's language" body_has "Courriel : indiquez une seule adresse"
stop_server

# ---- the sender in serve -------------------------------------------------------------
r notify settings pocfra --lang fr --mode immediate >/dev/null
archive
SERVE_ARGS="--notify-interval 1" start_server
r --as exp matrix new FRA >/dev/null && V2=$(json 'map(.version) | max' matrix list FRA) &&
    r --as exp matrix send FRA "$V2" >/dev/null || echo "Bail out! FRA send"
i=0
while [ $i -lt 300 ] && [ "$(mails 'length')" != 1 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "serve's sender mails a version sent to the state (not to the one who wants none)" \
    "$(mails 'map(.rcpt) | join(" ")')" "fra@example.org"
# the passes that find nothing to do (one a second here) change nothing, so the
# public answers' ETags hold: a reminder pass that queued no row moved
# PostgreSQL's change counter, and every cached answer went stale once a pass
sleep 1.5 # the mail's own pass (marking it mailed) is over
req "$B/api/v1/states"
ETAG=$(header ETag)
sleep 2.5
req -H "If-None-Match: $ETAG" "$B/api/v1/states"
expect_eq "idle sender passes keep the public answers' ETags (304)" "$CODE $([ -n "$ETAG" ] && echo tagged)" "304 tagged"
stop_server
expect_eq "serve stops cleanly with its sender" "$SRC" 0
expect_eq "no mail of the run was sent twice (Message-IDs all different)" \
    "$(all_mails 'map(.id) | length == (unique | length)') $(all_mails length)" "true 21"
done_testing
