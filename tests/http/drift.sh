#!/bin/sh
# The three drifts of issue 10, each a rule the CLI and the web kept apart
# until both called the same operation (src/app/app_matrix.c):
#   (a) the CLI approved a version the state never accepted;
#   (b) an expert's entry write racing with "send" landed on the version after
#       it went to the state (the draft check ran outside the transaction);
#   (c) an entry changed after the state's acceptance did not clear it, so the
#       Committee approved content the state never saw.
# The real server on a fresh database, curl for the API, the CLI for the
# other door; the audit log and `r1540 fingerprint` instead of sqlite3. TAP.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh
# Seven writers queue for one write lock: on a loaded machine (a sanitizer
# build, other builds) the default 5 s wait can run out, which would answer
# 503 instead of the 200 or 409 this test is about.
export R1540_BUSY_TIMEOUT_MS=60000

r init >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
adduser() { echo "$PW" | r user add "$@" >/dev/null 2>>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! user add $1"; exit 1; }; }
WRITERS="exp1 exp2 exp3 exp4 exp5 exp6"
for u in $WRITERS; do adduser "$u" --role expert; done
adduser com --role committee
adduser pocfra --role poc --state FRA
adduser pocdeu --role poc --state DEU
start_server
for u in $WRITERS com pocfra pocdeu; do api_login "$u" || { echo "Bail out! login $u"; exit 1; }; done

# The audit log as "seq action object" lines (through the CLI, not sqlite3).
audit_lines() {
    r audit list --format json | python3 -c '
import json, sys
for e in json.load(sys.stdin):
    print(e["seq"], e["action"], e["object"])'
}

# ---- (a) approval without the state's acceptance ------------------------------------
r matrix new DEU --date 2020-01-01 >/dev/null && r matrix set DEU 1 OP1-NPT X >/dev/null &&
    r matrix send DEU 1 >/dev/null || echo "Bail out! DEU draft"
before=$(r fingerprint)
r matrix approve DEU 1 >"$T/out" 2>&1
expect_eq "(a) CLI: approving a version the state never accepted is refused (exit 5)" "$?" 5
check "... and says why" grep -q "has not accepted" "$T/out"
api_expect "(a) API: the same approval is refused (409)" 409 com POST states/DEU/versions/1/approve
expect_eq "(a) neither door changed anything" "$(r fingerprint)" "$before"
api_expect "(a) the state accepts" 200 pocdeu POST states/DEU/versions/1/accept
expect_ok() { name=$1; shift; if "$@" >"$T/out" 2>&1; then ok "$name"; else not_ok "$name" "$(cat "$T/out")"; fi; }
expect_ok "(a) then the CLI approves" r matrix approve DEU 1

# ---- (b) entry writes racing with "send" -------------------------------------------
# Six experts write entries of a draft through the API as fast as one
# connection each allows; meanwhile one of them sends the draft. No write may
# land after the send: in the audit log (written in each write's own
# transaction) no matrix.set of the version follows its matrix.send, and every
# writer that lost got 409. Three rounds, on three states' drafts.
ITEMS="OP1-NPT OP1-CWC OP1-BWC OP1-CTBT"
writer() { # USER STATE: 400 entry writes on one connection, a status code a line
    u=$1; i=0
    : >"$T/urls.$u"
    while [ $i -lt 100 ]; do
        for it in $ITEMS; do
            echo "url = \"$B/api/v1/states/$2/versions/1/entries/$it\""
            echo 'output = "/dev/null"'
        done
        i=$((i + 1))
    done >"$T/urls.$u"
    curl -s -m 120 -w '%{http_code}\n' -X POST -b "$T/jar.$u" \
        -H "X-CSRF-Token: $(cat "$T/csrf.$u")" -H 'Content-Type: application/json' \
        -d "{\"mark\":\"X\",\"remark\":\"$u\"}" -K "$T/urls.$u" >"$T/codes.$u"
}
for st in FRA GBR USA; do
    r matrix new $st --date 2020-01-01 >/dev/null || echo "Bail out! $st draft"
    pids=""
    for u in $WRITERS; do writer "$u" $st & pids="$pids $!"; done
    sleep 0.3 # the writers are under way
    api_expect "(b) $st: exp1 sends the draft while six experts write to it" 200 exp1 POST states/$st/versions/1/send
    for p in $pids; do wait "$p"; done
    cat "$T"/codes.exp* >"$T/codes"
    expect_eq "(b) $st: every write was answered 200 (before the send) or 409 (after)" \
        "$(grep -v '^\(200\|409\)$' "$T/codes" | sort | uniq -c | tr '\n' ' ')" ""
    check "(b) $st: writes before the send landed (200)" grep -q '^200$' "$T/codes"
    check "(b) $st: writes after the send lost with 409" grep -q '^409$' "$T/codes"
    audit_lines >"$T/audit"
    send_seq=$(awk -v o="matrix:$st/1" '$2 == "matrix.send" && $3 == o { print $1 }' "$T/audit")
    late=$(awk -v s="$send_seq" -v o="matrix:$st/1" '$2 == "matrix.set" && $3 == o && $1 > s' "$T/audit" | wc -l)
    expect_eq "(b) $st: no entry write is audited after the send (seq $send_seq)" "$late" 0
    expect_eq "(b) $st: the audit log counts exactly the writes answered 200" \
        "$(grep -c "matrix.set matrix:$st/1\$" "$T/audit")" "$(grep -c '^200$' "$T/codes")"
done
before=$(r fingerprint)
api_expect "(b) a write after the send is 409" 409 exp2 POST states/FRA/versions/1/entries/OP1-NPT '{"mark":"?"}'
expect_eq "... and changes nothing" "$(r fingerprint)" "$before"

# ---- (c) an entry change after the state's acceptance -------------------------------
api_expect "(c) the state accepts FRA version 1" 200 pocfra POST states/FRA/versions/1/accept
before=$(r fingerprint)
r matrix set FRA 1 OP1-NPT NA >"$T/out" 2>&1
expect_eq "(c) CLI: an accepted version's entries do not change while it is with the state (exit 5)" "$?" 5
api_expect "(c) API: nor through the API (409)" 409 exp1 POST states/FRA/versions/1/entries/OP1-NPT '{"mark":"NA"}'
expect_eq "... and nothing changed" "$(r fingerprint)" "$before"
api_expect "(c) the experts take the version back (API)" 200 exp1 POST states/FRA/versions/1/return
api_expect "(c) an entry changes: the answer says the acceptance was cleared" 200 exp1 \
    POST states/FRA/versions/1/entries/OP1-NPT '{"mark":"NA"}'
check "... acceptance_cleared is true" body_has '"acceptance_cleared":true'
api_expect "(c) the experts send it again" 200 exp1 POST states/FRA/versions/1/send
before=$(r fingerprint)
api_expect "(c) API: the Committee cannot approve what the state never saw (409)" 409 com \
    POST states/FRA/versions/1/approve
check "... and is told why" body_has 'has not accepted'
r matrix approve FRA 1 >"$T/out" 2>&1
expect_eq "(c) CLI: nor can the system actor (exit 5)" "$?" 5
expect_eq "... neither changed anything" "$(r fingerprint)" "$before"
# The same through the CLI door alone: return, set (the acceptance is cleared
# and the command says so), send, approve refused.
api_expect "(c) the state accepts the changed version" 200 pocfra POST states/FRA/versions/1/accept
expect_ok "(c) CLI: return" r matrix return FRA 1
expect_ok "(c) CLI: set an entry" r matrix set FRA 1 OP1-CWC '?'
check "... says the acceptance was cleared" grep -q "acceptance was cleared" "$T/out"
expect_ok "(c) CLI: send" r matrix send FRA 1
r matrix approve FRA 1 >"$T/out" 2>&1
expect_eq "(c) CLI: approval refused (exit 5)" "$?" 5
api_expect "(c) the state accepts again" 200 pocfra POST states/FRA/versions/1/accept
api_expect "(c) now the Committee approves" 200 com POST states/FRA/versions/1/approve

stop_server
expect_eq "the server stopped cleanly" "$SRC" 0
done_testing
