# Notifications on the PostgreSQL backend (issue 14): each account's mail
# settings, the inbox a matrix round fills, and the mail sender (outbox,
# claim, sent, retry, digest, reminders) delivering from PostgreSQL to a real
# SMTP server on the loopback (tests/http/smtp_sink.py, Debian's aiosmtpd) —
# every command run on SQLite and on PostgreSQL and their bytes compared —
# then what only PostgreSQL has: several senders on one database never mail
# one notification twice. Last, the table rules, enforced by PostgreSQL
# whoever writes.
#
# The sender's pass starts with the reminders of ending offers and requests
# (store_notify_ending), a query over the assistance tables: until the
# PostgreSQL schema has them (the assistance part of the backend), no pass
# can run there, and the sender's checks are skipped, saying so.
#
# Not checked here: the inbox's unread count, one notification and marking
# read (notify_unread, notify_get, notify_mark_read). No command reaches
# them; only the web inbox does, behind a signed-in session, and sessions do
# not run on PostgreSQL yet. tests/http/notify.sh covers them on SQLite.
. tests/cli/lib.sh
. tests/cli/pg_lib.sh
SYSPY=/usr/bin/python3 # Debian's interpreter, which has aiosmtpd
PW='a long enough passphrase'

init_db
expect_ok "init on PostgreSQL" p init
# few accounts: each costs an Argon2 hash per backend
for spec in exp:expert com:committee pocdeu:poc:DEU noaddr:expert; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}
    if [ "$role" = poc ]; then set -- --state "${rest#*:}"; else set --; fi
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>&1
    echo "$PW" | p user add "$name" --role "$role" "$@" >/dev/null 2>&1
done

# ---- settings ---------------------------------------------------------------------
both "settings never set: the defaults" notify settings exp
both "settings: address, language, mode" notify settings exp --email exp@example.org --lang ru --mode immediate
both "... again: replaced, not added" notify settings exp --lang en
both "... read back" notify settings exp
for s in com:ru:digest pocdeu:fr:immediate; do
    u=${s%%:*}; l=${s#*:}; l=${l%%:*}
    both "settings of $u" notify settings "$u" --email "$u@example.org" --lang "$l" --mode "${s##*:}"
done
for bad in "--email=a@b.org>" "--email=no-at-sign" "--email=a b@example.org" "--lang=xx" \
    "--mode=sometimes" "--mode="; do
    both "a bad setting is refused alike: $bad" notify settings exp "$bad"
done
both "... and left the settings alone" notify settings exp
both "settings of an unknown account" notify settings nosuch --mode never
both "settings are the operator's (--as refused)" --as exp notify settings exp --mode never
expect_eq "no notification_setting row for an account that never set any" \
    "$(pg_psql r1540test -c "SELECT count(*) FROM notify_setting WHERE user_id = (SELECT id FROM \"user\" WHERE name = 'noaddr')")" 0

# ---- a matrix round fills the inboxes ---------------------------------------------------
both "matrix new" --as exp matrix new DEU --date 2005-03-01
both "matrix send" --as exp matrix send DEU 1
both "matrix accept" --as pocdeu matrix accept DEU 1
both "matrix approve" --as com matrix approve DEU 1 --date 2005-06-01
both "matrix publish" --as com matrix publish DEU 1 --date 2005-07-01
for u in exp com pocdeu noaddr; do
    both "notify inbox $u (newest first, ids, events, links, texts)" notify inbox "$u"
done
expect_eq "the inboxes are not empty (the comparison compares something)" \
    "$(p notify inbox pocdeu | cut -f2 | tr '\n' ' ')" \
    "version-published version-approved version-sent "
both "notify inbox of an unknown account" notify inbox nosuch
expect_eq "the unread count is answered from the partial index of unread rows" \
    "$(pg_psql r1540test -c "SELECT indexdef FROM pg_indexes WHERE indexname = 'notification_unread'")" \
    "CREATE INDEX notification_unread ON public.notification USING btree (user_id, read_at) WHERE (read_at = 0)"

# ---- the sender: from PostgreSQL to a real SMTP server -------------------------------
has_assist=$(pg_psql r1540test -c "SELECT to_regclass('assistance_offer') IS NOT NULL
    AND to_regclass('assistance_request') IS NOT NULL")
if [ "$has_assist" != t ]; then
    N=$((N + 1))
    echo "ok $N # SKIP the sender on PostgreSQL: its pass starts with the reminders, over the assistance tables, which the PostgreSQL schema does not have yet"
    expect_fail "... and notify send on PostgreSQL says what it lacks" 1 'relation "assistance_offer" does not exist' \
        p notify send --at 2030-01-01T06:00:00Z
else
MAIL=$T/mail
SINK=""
SMTP_PORT=$("$SYSPY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
trap 'stop_sink; pg_cluster_stop; rm -rf "$T"' EXIT
export R1540_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" R1540_SMTP_TLS=none \
    R1540_MAIL_FROM=r1540@example.org R1540_PUBLIC_URL=https://r1540.example.org \
    R1540_DIGEST_HOUR=7
D1=$(date -u -d tomorrow +%F) # the passes run "as if" on this day (--at)
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
# the Message-IDs the sink received since the last call, sorted, one a line
# (each backend mails a notification under the same id: its row's)
K=0
mail_ids() {
    "$SYSPY" tests/http/smtp_sink.py list "$MAIL" | jq -r .id | sort
    K=$((K + 1)); mkdir -p "$T/old$K"
    for f in "$MAIL"/*; do [ ! -e "$f" ] || mv "$f" "$T/old$K/"; done
}
start_sink
both "notify send: the immediate mails, the digest waits" notify send --at "${D1}T06:00:00Z"
expect_match "... it mailed something" "$T/pg.out" "^mails sent: [1-9]"
mail_ids >"$T/ids"
expect_eq "... each notification mailed once by each backend, under the same id" \
    "$(uniq -c <"$T/ids" | awk '$1 != 2' | wc -l) $(wc -l <"$T/ids")" "0 $(($(sed -n 's/^mails sent: \([0-9]*\).*/\1/p' "$T/pg.out") * 2))"
for u in exp com pocdeu noaddr; do
    both "notify inbox $u after the pass (sent, skipped, pending)" notify inbox "$u"
done
both "a second pass sends nothing again" notify send --at "${D1}T06:30:00Z"
both "past the digest hour: the digest goes out" notify send --at "${D1}T07:30:00Z"
both "... its rows are sent" notify inbox com
both "... and not twice the same day" notify send --at "${D1}T09:00:00Z"
mail_ids >/dev/null

# the SMTP server down: the mail fails and waits for its retry, then goes
both "matrix new (a notification to come)" --as exp matrix new DEU --from 1 --date 2006-03-01
both "matrix send" --as exp matrix send DEU 2
stop_sink
both "the SMTP server down: failed, to retry" notify send --at "${D1}T10:00:00Z"
both "... one attempt recorded, still pending" notify inbox pocdeu
both "... not retried before its backoff" notify send --at "${D1}T10:00:30Z"
start_sink
both "... retried after it, the server back" notify send --at "${D1}T10:01:30Z"
both "... sent" notify inbox pocdeu
expect_eq "... once by each backend" "$(mail_ids | uniq -c | awk '{print $1}' | tr '\n' ' ')" "2 "

# reminders, when the assistance commands run on PostgreSQL
if p --as pocdeu assistance request add DEU --kind training --items OP1-NPT --title "NPT law" \
    --end "$END" >/dev/null 2>&1; then
    r --as pocdeu assistance request add DEU --kind training --items OP1-NPT --title "NPT law" \
        --end "$END" >/dev/null 2>&1
    both "a request ending within 7 days: a reminder queued and mailed" notify send --at "${D1}T11:00:00Z"
    both "... to the state's points of contact" notify inbox pocdeu
    both "... and only once" notify send --at "${D1}T11:30:00Z"
    mail_ids >/dev/null
else
    N=$((N + 1))
    echo "ok $N # SKIP reminders on PostgreSQL: assistance request add does not run there yet"
fi

# ---- several senders on one PostgreSQL database ---------------------------------------
# 60 notifications due at once (beneath r1540: the workflow would take
# hundreds of steps) to the two accounts mailed at once, mailed by three
# senders started together.
mail_ids >/dev/null
pg_psql r1540test -c "INSERT INTO notification (id, user_id, event, state, number, link, created)
    SELECT 10000 + g, (SELECT id FROM \"user\" WHERE name = (ARRAY['exp','pocdeu'])[1 + g % 2]),
    'version-sent', 'DEU', 1, 'states/DEU/versions/1', 0 FROM generate_series(1, 60) g"
# the senders queue at the write lock (pg_begin): let them wait their turn
for k in 1 2 3; do
    R1540_BUSY_TIMEOUT_MS=30000 p notify send --at "${D1}T12:00:00Z" >"$T/send$k.out" 2>&1 &
    eval "S$k=\$!"
done
fails=0
for k in 1 2 3; do eval "wait \$S$k" || fails=$((fails + 1)); done
expect_eq "three senders at once: none fails" "$fails" 0
sent=$(cat "$T"/send[123].out | sed -n 's/^mails sent: \([0-9]*\).*/\1/p' | awk '{s += $1} END {print s}')
expect_eq "... they mailed the 60 between them" "$sent" 60
mail_ids >"$T/ids"
expect_eq "... and the server got 60 mails, no notification twice" \
    "$(wc -l <"$T/ids") $(uniq -d <"$T/ids" | wc -l)" "60 0"
expect_eq "... every row is marked sent, none left claimed" \
    "$(pg_psql r1540test -c "SELECT count(*) FILTER (WHERE mail = 'sent'), count(*) FILTER (WHERE claimed_until <> 0) FROM notification WHERE id > 10000")" "60|0"

# A sender's claim that meets another's: a session beneath r1540 takes the
# lease of one due row and holds its row lock (as a sender does until it
# commits); the pass reads the row as due, its claim waits for the lock, then
# finds the lease and leaves the row: that row is not mailed, the others are.
# A claim read first and written after would mail it. (Two r1540 senders
# meet earlier, at the write lock of pg_begin: the session here skips it, and
# marks its transaction as counted so that it holds no lock on the change
# counter's row either, which the pass would otherwise wait for first.)
pg_psql r1540test -c "INSERT INTO notification (id, user_id, event, state, number, link, created)
    SELECT 20000 + g, (SELECT id FROM \"user\" WHERE name = 'exp'), 'version-sent', 'DEU', 1,
    'states/DEU/versions/1', 0 FROM generate_series(1, 3) g"
mkfifo "$T/fifo"
pg_psql r1540test <"$T/fifo" >"$T/holder.out" 2>&1 &
HOLDER=$!
exec 3>"$T/fifo"
echo "BEGIN; SELECT FROM set_config('r1540.counted', txid_current()::text, true);
    UPDATE notification SET claimed_until = 4102444800 WHERE id = 20002;" >&3
# (the claim's wait for a row lock is bounded by the busy timeout as well)
R1540_BUSY_TIMEOUT_MS=30000 p notify send --at "${D1}T13:00:00Z" >"$T/send.out" 2>&1 &
SENDER=$!
i=0 # until the pass waits for that row's lock (or 30 s: then the check fails)
while [ $i -lt 300 ] && [ "$(pg_psql r1540test -c "SELECT count(*) FROM pg_stat_activity
    WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE notification SET claimed_until%'")" = 0 ]; do
    sleep 0.1; i=$((i + 1))
done
expect_eq "a pass claiming a row another holds waits for its lock" "$(test $i -lt 300 && echo waited)" waited
echo "COMMIT;" >&3
exec 3>&-
wait "$HOLDER"
wait "$SENDER"
expect_eq "... then leaves it: 2 mails, not 3" "$(sed -n 's/^mails sent: \([0-9]*\).*/\1/p' "$T/send.out")" 2
expect_eq "... the held row is still pending under the other's lease" \
    "$(pg_psql r1540test -c "SELECT id, mail FROM notification WHERE id > 20000 ORDER BY id" | tr '\n' ' ')" \
    "20001|sent 20002|pending 20003|sent "
expect_eq "... and the server got the other two" "$(mail_ids | tr '\n' ' ')" \
    "<r1540.notification.20001@example.org> <r1540.notification.20003@example.org> "
fi

# ---- the rules, enforced by PostgreSQL whoever writes ---------------------------------
U=$(pg_psql r1540test -c "SELECT id FROM \"user\" WHERE name = 'exp'")
pg_psql r1540test -c "INSERT INTO notification (id, user_id, event, link, created, mail)
    VALUES (30001, $U, 'version-sent', 'x', 0, 'pending'); UPDATE notification SET mail = 'sent' WHERE id = 30001"
refused "a notification already mailed stays so" "r1540: a notification already mailed stays so" \
    "UPDATE notification SET mail = 'pending' WHERE id = 30001"
refused "... nor becomes skipped" "r1540: a notification already mailed stays so" \
    "UPDATE notification SET mail = 'skipped' WHERE id = 30001"
refused "an event is one of r1540's" "notification_event_check" \
    "INSERT INTO notification (id, user_id, event, link, created) VALUES (30002, $U, 'party', 'x', 0)"
refused "a notification's extra word is short" "notification_extra_check" \
    "INSERT INTO notification (id, user_id, event, link, created, extra) VALUES (30002, $U, 'version-sent', 'x', 0, repeat('a', 65))"
refused "... and its link too" "notification_link_check" \
    "INSERT INTO notification (id, user_id, event, link, created) VALUES (30002, $U, 'version-sent', repeat('a', 257), 0)"
refused "a notification is an account's" "notification_user_id_fkey" \
    "INSERT INTO notification (id, user_id, event, link, created) VALUES (30002, 999, 'version-sent', 'x', 0)"
pg_psql r1540test -c "INSERT INTO notification (id, user_id, event, number, link, created)
    VALUES (30003, $U, 'offer-ending', 7, 'x', 0)"
refused "a reminder once per account and record" "notification_once" \
    "INSERT INTO notification (id, user_id, event, number, link, created) VALUES (30004, $U, 'offer-ending', 7, 'x', 0)"
refused "a mail status is one of three" "notification_mail_check" \
    "UPDATE notification SET mail = 'lost' WHERE id = 30003"
refused "a setting's language is one of the six" "notify_setting_lang_check" \
    "UPDATE notify_setting SET lang = 'de'"
refused "a setting's mode is one of three" "notify_setting_mode_check" \
    "UPDATE notify_setting SET mode = 'sometimes'"
refused "an address holds nothing that breaks a mail header" "notify_setting_email_check" \
    "UPDATE notify_setting SET email = 'a@b.org>' WHERE user_id = $U"
refused "... nor a space" "notify_setting_email_check" \
    "UPDATE notify_setting SET email = 'a b@example.org' WHERE user_id = $U"
refused "settings are an account's" "notify_setting_user_id_fkey" \
    "INSERT INTO notify_setting (user_id) VALUES (999)"
expect_ok "audit verify on PostgreSQL" p audit verify

echo "1..$N"
