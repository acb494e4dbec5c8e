#!/bin/sh
# Conformance of the two doors (issue 10) for the assistance, matching, event
# and import operations: every operation, as every role, in every workflow
# state of its record, through the CLI (--as USER, and the system actor) and
# through the JSON API, must give the answer the table below expects —
# allowed, denied by the permission table, or refused by the workflow — and,
# when not allowed, leave the database as it was (`r1540 fingerprint`). Both
# doors start from copies of one database, so each case meets the same record
# in the same state in both. The table is the rule written once more, by
# hand, so that a door or the operation drifting from it fails here. TAP.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

# ---- the table: who may, and in which workflow states --------------------------------
# Roles: poc is the requesting state's point of contact (KEN), pocx another
# state's (FRA); prov is the offer's provider account (IAEA), provx another
# provider's (OPCW); system is the CLI without --as. event-add and import have
# no API: they are checked through the CLI only.
# OP                ROLE(S) ALLOWED               WORKFLOW STATES ALLOWED
SPEC='
request-add       exp,poc,system                  -
request-withdraw  exp,poc,system                  open
offer-add         exp,prov,provx,system           -
offer-close       exp,prov,system                 open
offer-reopen      exp,prov,system                 closed
proposal-accept   poc,prov,system                 proposed
proposal-decline  poc,prov,system                 proposed
proposal-deliver  com,exp,prov,system             accepted
match-record      com,exp,system                  -
event-add         com,exp,system                  -
import            system                          -
'
REQUEST_STATES="open open-live matched delivered withdrawn" # open-live: open, with a live proposal
OFFER_STATES="open closed"
PROPOSAL_STATES="proposed accepted declined delivered"
ROLES="admin com exp poc pocx prov provx"

. tests/http/conformance_lib.sh
# The roles (of ROLES) a case gives a record of its own: each allowed one,
# since a step taken once leaves the record in the next state; "-" where none
# is allowed, "*" for what changes no record's state (adding, matching).
record_roles() {
    [ "$2" = - ] && { echo '*'; return; }
    rs=$(for role in $ROLES; do [ "$(expected "$1" "$role" "$2")" = allowed ] && echo "$role"; done)
    echo "${rs:--}"
}
account() {
    case $1 in poc) echo pocken ;; pocx) echo pocfra ;; prov) echo iaea ;; provx) echo opcw ;; *) echo "$1" ;; esac
}

# ---- one base database: accounts, and one record per (operation, workflow state) -----
r init >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
adduser admin --role admin
adduser com --role committee
adduser exp --role expert
adduser pocken --role poc --state KEN
adduser pocfra --role poc --state FRA
adduser iaea --role provider --org IAEA
adduser opcw --role provider --org OPCW
setup() { "$@" >>"$T/setup.out" 2>>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! $*"; exit 1; }; }
new_request() { r assistance request add KEN --kind training --items OP1-AG --title "case" --date 2025-01-10; }
new_offer() { r assistance offer add IAEA --kinds training --items OP1-AG --title "case" --capacity "$1"; }

# The proposals first: one request and one offer of room 1 per proposal case
# (and per request case that needs a proposal), one matching run for all.
NP=0
for op in proposal-accept proposal-decline proposal-deliver; do
    for w in $PROPOSAL_STATES; do
        for only in $(record_roles "$op" "$w"); do NP=$((NP + 1)); echo "$op $w $only" >>"$T/pcases"; done
    done
done
for w in open-live matched delivered; do NP=$((NP + 1)); echo "request-withdraw $w -" >>"$T/pcases"; done
i=0
while [ $i -lt "$NP" ]; do setup new_request; setup new_offer 1; i=$((i + 1)); done
setup r match
r assistance proposal list | awk '{ print $1, $3 }' >"$T/proposals" # proposal request
[ "$(wc -l <"$T/proposals")" -eq "$NP" ] || { echo "Bail out! $NP proposals wanted:"; cat "$T/proposals"; exit 1; }
# Moves proposal P into workflow state W (through the CLI, as the operator).
move_proposal() {
    p=$1; w=$2
    case $w in
    proposed | open-live) ;;
    declined) r assistance proposal decline "$p" --by state ;;
    *) r assistance proposal accept "$p" --by provider && r assistance proposal accept "$p" --by state &&
        case $w in delivered) r assistance proposal deliver "$p" ;; esac ;;
    esac
}
: >"$T/cases"
paste -d ' ' "$T/pcases" "$T/proposals" | while read -r op w only p q; do
    setup move_proposal "$p" "$w"
    case $op in request-*) echo "$op $w $q $only" ;; *) echo "$op $w $p $only" ;; esac >>"$T/cases"
done
# Requests and offers without proposals: offers of room 0, never matched.
for w in open withdrawn; do
    for only in $(record_roles request-withdraw "$w"); do
        q=$(new_request) || { echo "Bail out! request"; exit 1; }
        [ "$w" = withdrawn ] && setup r assistance request withdraw "$q"
        echo "request-withdraw $w $q $only" >>"$T/cases"
    done
done
for op in offer-close offer-reopen; do
    for w in $OFFER_STATES; do
        for only in $(record_roles "$op" "$w"); do
            o=$(new_offer 0) || { echo "Bail out! offer"; exit 1; }
            [ "$w" = closed ] && setup r assistance offer close "$o"
            echo "$op $w $o $only" >>"$T/cases"
        done
    done
done
# Last, what needs no record; the matching last of all, as what the others
# create is what it would propose.
for op in request-add offer-add event-add import match-record; do echo "$op - - *" >>"$T/cases"; done
# three copies of the same data: the CLI's, the API's, the system actor's
CLI_DB=$(copy_db cli) && API_DB=$(copy_db api) && SYS_DB=$(copy_db sys) || { echo "Bail out! copies"; exit 1; }

# ---- the two doors ----------------------------------------------------------------
DB=$API_DB
start_server
for u in admin com exp pocken pocfra iaea opcw; do api_login "$u" || { echo "Bail out! login $u"; exit 1; }; done

# 404: the web hides a proposal from whoever may not see it (tests/http/assistance.sh),
# which is a denial; no case here names a record that does not exist.
api_class() { case $1 in 200 | 201) echo allowed ;; 403 | 404) echo denied ;; 409) echo refused ;; *) echo "status-$1" ;; esac; }

# cli DB ROLE OP ID: runs the operation through the CLI as the account ROLE
# ("system": no --as); the operator says whose answer it records.
cli() {
    db=$1; role=$2; op=$3; id=$4
    set -- "$BIN" --db "$db"
    [ "$role" = system ] || set -- "$@" --as "$role"
    case $op in
    request-add) set -- "$@" assistance request add KEN --kind training --items OP1-AG --title t ;;
    request-withdraw) set -- "$@" assistance request withdraw "$id" ;;
    offer-add) set -- "$@" assistance offer add IAEA --kinds training --items OP1-AG --title t --capacity 0 ;;
    offer-close | offer-reopen) set -- "$@" assistance offer "${op#offer-}" "$id" ;;
    proposal-deliver) set -- "$@" assistance proposal deliver "$id" ;;
    proposal-*) set -- "$@" assistance proposal "${op#proposal-}" "$id"
        [ "$role" = system ] && set -- "$@" --by state ;;
    match-record) set -- "$@" match ;;
    event-add) set -- "$@" event add --kind round-table --title t --start 2020-01-01 --state FRA ;;
    import) "$BIN" --db "$db" export --format json -o "$T/export.json" >/dev/null 2>&1
        set -- "$@" import "$T/export.json" ;;
    esac
    "$@" >"$T/cli.out" 2>&1
}
# api ROLE OP ID: the same through the API ("-": the public)
api_op() {
    role=$1; op=$2; id=$3
    case $op in
    request-add) api "$role" POST states/KEN/requests '{"title":"t","kind":"training","items":["OP1-AG"],"themes":[],"languages":[]}' ;;
    request-withdraw) api "$role" POST "states/KEN/requests/$id/withdraw" '{}' ;;
    offer-add) api "$role" POST assistance/offers '{"provider":"IAEA","title":"t","kinds":["training"],"items":["OP1-AG"],"themes":[],"regions":[],"languages":[],"capacity":0}' ;;
    offer-close | offer-reopen) api "$role" POST "assistance/offers/$id/${op#offer-}" '{}' ;;
    proposal-*) api "$role" POST "assistance/proposals/$id/${op#proposal-}" '{}' ;;
    match-record) api "$role" POST assistance/match '{}' ;;
    esac
}
has_api() { case $1 in event-add | import) return 1 ;; esac; return 0; }

# one_case OP WORKFLOW-STATE ROLE ID: both doors (the CLI only where there is
# no API), one TAP line. The fingerprints before are those after the case
# before (FC, FA).
FC=$("$BIN" --db "$CLI_DB" fingerprint)
FA=$(r fingerprint)
one_case() {
    op=$1; w=$2; role=$3; id=$4; acct=$(account "$3")
    want=$(expected "$op" "$role" "$w")
    cli "$CLI_DB" "$acct" "$op" "$id"
    got_cli=$(cli_class $?)
    fc2=$("$BIN" --db "$CLI_DB" fingerprint)
    got_api=$want fa2=$FA
    if has_api "$op"; then
        api_op "$acct" "$op" "$id"
        got_api=$(api_class "$CODE")
        fa2=$(r fingerprint)
    fi
    verdict "$op / $w / $role: CLI $got_cli, API $(has_api "$op" && echo "$got_api" || echo none), want $want" \
        "$want" "$got_cli" "$got_api" "$FC" "$fc2" "$FA" "$fa2" "$(has_api "$op" && echo yes || echo no)"
    FC=$fc2 FA=$fa2
}
# Each record meets every role the table refuses or denies, and the one
# allowed role it was made for (every allowed role where nothing is stepped).
while read -r op w id only; do
    for role in $(ordered_roles "$op" "$w"); do
        [ "$(expected "$op" "$role" "$w")" = allowed ] && [ "$only" != '*' ] && [ "$role" != "$only" ] &&
            continue
        one_case "$op" "$w" "$role" "$id"
    done
done <"$T/cases"

# ---- the system actor (the CLI without --as) and the public (the API), on their copies --
FS=$("$BIN" --db "$SYS_DB" fingerprint)
while read -r op w id only; do
    want=$(expected "$op" system "$w")
    cli "$SYS_DB" system "$op" "$id"
    got=$(cli_class $?)
    f2=$("$BIN" --db "$SYS_DB" fingerprint)
    if [ "$got" != "$want" ]; then
        not_ok "$op / $w / system (CLI): $got, want $want" "$(head -c 300 "$T/cli.out")"
    elif [ "$want" != allowed ] && [ "$FS" != "$f2" ]; then
        not_ok "$op / $w / system (CLI): $got; but the database changed"
    elif [ "$want" = allowed ] && [ "$FS" = "$f2" ]; then
        not_ok "$op / $w / system (CLI): $got; but the database did not change"
    else
        ok "$op / $w / system (CLI): $got"
    fi
    FS=$f2
    # the public may do none of it: 401, and nothing changes
    has_api "$op" || continue
    api_op - "$op" "$id"
    fa2=$(r fingerprint)
    if [ "$CODE" = 401 ] && [ "$fa2" = "$FA" ]; then ok "$op / $w / the public (API): 401, nothing changed"
    else not_ok "$op / $w / the public (API): $CODE" "$(head -c 300 "$T/body")"; fi
    FA=$fa2
done <"$T/cases"

# ---- what the operations wrote: the same audit through both doors ---------------------
# Every allowed case added exactly one audit entry per door, with the same
# action and object on both (the API's actor is web:NAME, the CLI's "cli:... as NAME").
audit_of() { "$BIN" --db "$1" audit list --format json | python3 -c '
import json, sys
print("\n".join("%s %s %s" % (e["action"], e["object"], e["actor"].split(" as ")[-1].split(":")[-1]) for e in json.load(sys.stdin)))'; }
audit_of "$CLI_DB" | grep -Ev "^(import|event.add) " >"$T/audit.cli"
audit_of "$API_DB" | grep -v "^session\." >"$T/audit.api"
expect_eq "both doors audited the same actions on the same records, by the same accounts" \
    "$(diff "$T/audit.cli" "$T/audit.api" >"$T/audit.diff" && echo same || head -c 600 "$T/audit.diff")" same

stop_server
expect_eq "the server stopped cleanly" "$SRC" 0
done_testing
