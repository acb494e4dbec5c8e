#!/bin/sh
# Browser walk "a provider answers a proposal from the e-mail's link" (issue
# 17's tests): a request from France, an IAEA offer, the matching's proposal;
# `r1540 notify send` mails it through a local SMTP sink (tests/http/smtp_sink.py,
# Debian's python3-aiosmtpd) to the IAEA provider; tests/browser/proposal_mail.mjs
# opens the mail's link in a browser that is not signed in, signs in on the
# way (the link must survive the sign-in) and accepts. Then: the answer is
# stored and audited, and France's point of contact is notified (its inbox and
# a mail in French). TAP output; screenshots in tests/out/browser/.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

SYSPY=/usr/bin/python3 # Debian's interpreter, which has aiosmtpd
MAIL=$T/mail
SINK=""
stop_sink() { [ -z "$SINK" ] || { kill -TERM "$SINK" 2>/dev/null; wait "$SINK"; SINK=""; }; }
trap 'stop_server >/dev/null 2>&1; stop_sink; rm -rf "$T"' EXIT
[ -d node_modules/playwright-core ] || { echo "Bail out! node_modules/playwright-core is missing: run npm ci"; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "Bail out! no chromium (scripts/install-deps.sh installs it)"; exit 1; }
"$SYSPY" -c 'import aiosmtpd' 2>/dev/null || { echo "Bail out! no python3-aiosmtpd (scripts/install-deps.sh installs it)"; exit 1; }
# the sink's port: one the kernel gives, released just before the sink binds it
SMTP_PORT=$("$SYSPY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# the mails are sent by `r1540 notify send` here, not by the server (whose
# port, which the links need, is known only once it runs)
send() {
    R1540_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" R1540_SMTP_TLS=none R1540_MAIL_FROM=r1540@example.org \
        R1540_PUBLIC_URL=$B r notify send >"$T/send.out" 2>&1
}

{ r init && echo "$PW" | r user add iaea --role provider --org IAEA &&
    echo "$PW" | r user add pocfra --role poc --state FRA &&
    r notify settings iaea --email iaea@example.org --lang en --mode immediate &&
    r notify settings pocfra --email pocfra@example.org --lang fr --mode immediate &&
    r assistance request add FRA --kind legislative-drafting --items OP1-NPT --title "Export control law" &&
    r assistance offer add IAEA --kinds legislative-drafting --capacity 1 --title "IAEA legal assistance" --items OP1-NPT &&
    r match; } >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! setup"; exit 1; }
mkdir -p tests/out/browser "$MAIL"
rm -f tests/out/browser/proposal-mail-*.png
start_server
"$SYSPY" tests/http/smtp_sink.py "$SMTP_PORT" "$MAIL" >"$T/sink.log" 2>&1 &
SINK=$!
i=0
while [ $i -lt 100 ] && ! grep -q ready "$T/sink.log"; do sleep 0.1; i=$((i + 1)); done
grep -q ready "$T/sink.log" || { cat "$T/sink.log"; echo "Bail out! no SMTP sink"; exit 1; }
mails() { "$SYSPY" tests/http/smtp_sink.py list "$MAIL" | jq -rs "$1"; }

# the mails' links point at this server
send || { cat "$T/send.out"; echo "Bail out! notify send"; exit 1; }
LINK=$(mails '[.[] | select(.rcpt == "iaea@example.org")] | .[0].body' | grep -o "$B/[^ ]*proposals/[0-9]*" | head -1)
expect_eq "the provider's mail carries the proposal's link" "$LINK" "$B/en/assistance/proposals/1"
expect_eq "... and France's point of contact has no answer to hear of yet" \
    "$(r notify inbox pocfra | grep -c proposal-answered)" 0
R1540_TAP_FROM=$N R1540_BASE=$B R1540_PW=$PW R1540_LINK=$LINK node tests/browser/proposal_mail.mjs >"$T/walk.out" 2>&1
rc=$?
cat "$T/walk.out"
N=$((N + $(grep -cE '^(not )?ok ' "$T/walk.out")))
[ "$rc" -eq 0 ] || not_ok "proposal_mail.mjs exits with status 0" "status $rc"
expect_eq "the provider's answer is stored" \
    "$(r assistance proposal show 1 --format json | jq -c '[.status, .provider_answer, .state_answer]')" '["proposed","accepted",""]'
expect_eq "... and audited as the provider's, through the web" \
    "$(r audit list --format json | jq -r 'map(select(.object == "proposal:1")) | last | "\(.actor) \(.action)"')" \
    "web:iaea assistance.proposal.accept"
expect_eq "France's point of contact has it in the inbox" \
    "$(r notify inbox pocfra | awk -F '\t' '$2 == "proposal-answered" { print $4, $5 }')" \
    "assistance/proposals/1 mail:pending"
send
expect_eq "... and is mailed about it, in French" \
    "$(mails '[.[] | select(.rcpt == "pocfra@example.org")] | last | .body' | grep -c 'a accepté la proposition 1')" 1
stop_sink
stop_server
expect_eq "the server stops cleanly after the walk" "$SRC" 0
done_testing
