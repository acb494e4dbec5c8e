#!/bin/sh
# Conformance of the two doors (issue 10): every matrix, report and user
# operation, as every role, in every workflow state, through the CLI (--as
# USER, and the system actor) and through the JSON API, must give the answer
# the table below expects — allowed, denied by the permission table, or
# refused by the workflow — and, when not allowed, leave the database as it
# was (`r1540 fingerprint`). Both doors start from copies of one database, so
# each case meets the same state in both. TAP output.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

# ---- the table: who may, and in which workflow states ------------------------------
# OP       ROLE(S) ALLOWED (system: the CLI without --as)   WORKFLOW STATES ALLOWED
SPEC='
new      exp,system          approved,published
set      exp,system          draft
send     exp,system          draft
return   exp,system          with-state,accepted
accept   poc                 with-state
comment  poc                 with-state
approve  com,system          accepted
publish  com,system          approved
report   exp,poc,system      -
useradd  admin,system        -
passwd   admin,system        enabled,disabled
disable  admin,system        enabled,disabled
enable   admin,system        enabled,disabled
'
MATRIX_OPS="new set send return accept comment approve publish"
WORKFLOW="draft with-state accepted approved published"
ROLES="admin com exp prov pocx poc" # poc: the case state's own point of contact; pocx: another state's

. tests/http/conformance_lib.sh

# ---- one base database: accounts, and one state per (operation, workflow state) -----
r init >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
adduser admin --role admin
adduser com --role committee
adduser exp --role expert
adduser prov --role provider --org IAEA
adduser pocx --role poc --state NZL
r state list | awk '$1 != "NZL" { print $1 }' >"$T/states"
n=0
state_for() { sed -n "$1p" "$T/states"; } # the Nth state code
# Puts version 1 of state S into workflow state W (through the CLI).
make_version() {
    s=$1; w=$2
    r matrix new "$s" --date 2020-01-01 && r matrix set "$s" 1 OP1-NPT X || return 1
    [ "$w" = draft ] && return 0
    r matrix send "$s" 1 || return 1
    [ "$w" = with-state ] && return 0
    r --as "poc$s" matrix accept "$s" 1 || return 1
    [ "$w" = accepted ] && return 0
    r matrix approve "$s" 1 --date 2020-02-01 || return 1
    [ "$w" = approved ] && return 0
    r matrix publish "$s" 1 --date 2020-03-01
}
for op in $MATRIX_OPS; do
    for w in $WORKFLOW; do
        n=$((n + 1)); s=$(state_for $n)
        echo "$op $w $s" >>"$T/cases"
        adduser "poc$s" --role poc --state "$s"
        make_version "$s" "$w" >/dev/null 2>>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! $s $w"; exit 1; }
    done
done
n=$((n + 1)); RS=$(state_for $n)
adduser "poc$RS" --role poc --state "$RS"
for op in passwd disable enable; do
    for w in enabled disabled; do
        adduser "t-$op-$w" --role expert
        [ "$w" = disabled ] && r user disable "t-$op-$w" >/dev/null
    done
done
printf 'a plain text report\n' >"$T/doc.txt"
# one copy of it per door (a file, or a database of the throwaway cluster on PostgreSQL)
CLI_DB=$(clone_db cli) && SYS_DB=$(clone_db sys) && API_DB=$(clone_db api) ||
    { echo "Bail out! the copies of the base database"; exit 1; }

# ---- the two doors ----------------------------------------------------------------
DB=$API_DB
start_server
for u in admin com exp prov pocx $(awk '{ print "poc" $3 }' "$T/cases") "poc$RS"; do
    api_login "$u" || { echo "Bail out! login $u"; exit 1; }
done

api_class() { case $1 in 200 | 201) echo allowed ;; 403) echo denied ;; 409) echo refused ;; *) echo "status-$1" ;; esac; }

# cli DB ROLE OP STATE: runs the operation through the CLI as ROLE ("system": no --as)
# (sh has no local variables: these functions use their own names, c_* and a_*)
cli() {
    c_db=$1; c_acct=$2; c_op=$3; c_s=$4
    set -- "$BIN" --db "$c_db"
    [ "$c_acct" = system ] || set -- "$@" --as "$c_acct"
    case $c_op in
    new) set -- "$@" matrix new "$c_s" ;;
    set) set -- "$@" matrix set "$c_s" 1 OP1-CWC X ;;
    comment) set -- "$@" matrix comment "$c_s" 1 --text "a comment" ;;
    report) set -- "$@" report add "$c_s" --kind letter --date 2020-01-01 --language en --title t --file "$T/doc.txt" ;;
    useradd) set -- "$@" user add "new-$c_acct" --role expert ;;
    passwd | disable | enable) set -- "$@" user "$c_op" "$c_s" ;;
    *) set -- "$@" matrix "$c_op" "$c_s" 1 ;;
    esac
    echo "$PW" | "$@" >"$T/cli.out" 2>&1
}
# api ROLE OP STATE: the same through the API
api_op() {
    a_acct=$1; a_op=$2; a_s=$3
    case $a_op in
    new) api "$a_acct" POST "states/$a_s/versions" ;;
    set) api "$a_acct" POST "states/$a_s/versions/1/entries/OP1-CWC" '{"mark":"X"}' ;;
    comment) api "$a_acct" POST "states/$a_s/versions/1/comments" '{"text":"a comment"}' ;;
    report) req -b "$T/jar.$a_acct" -H "X-CSRF-Token: $(cat "$T/csrf.$a_acct")" -F kind=letter \
        -F date=2020-01-01 -F language=en -F title=t -F "file=@$T/doc.txt" "$B/api/v1/states/$a_s/reports" ;;
    useradd) api "$a_acct" POST users "{\"name\":\"new-$a_acct\",\"role\":\"expert\",\"password\":\"$PW\"}" ;;
    passwd) api "$a_acct" POST "users/$a_s/password" "{\"password\":\"$PW\"}" ;;
    disable | enable) api "$a_acct" POST "users/$a_s/$a_op" ;;
    *) api "$a_acct" POST "states/$a_s/versions/1/$a_op" ;;
    esac
}

# one_case OP WORKFLOW-STATE ROLE ACCOUNT TARGET: both doors, one TAP line. The
# fingerprints before are those after the case before (FC, FA).
FC=$("$BIN" --db "$CLI_DB" fingerprint)
FA=$(r fingerprint)
one_case() {
    op=$1; w=$2; role=$3; acct=$4; s=$5
    want=$(expected "$op" "$role" "$w")
    cli "$CLI_DB" "$acct" "$op" "$s"
    got_cli=$(cli_class $?)
    fc2=$("$BIN" --db "$CLI_DB" fingerprint)
    api_op "$acct" "$op" "$s"
    got_api=$(api_class "$CODE")
    fa2=$(r fingerprint)
    verdict "$op / $w / $role: CLI $got_cli, API $got_api, want $want" \
        "$want" "$got_cli" "$got_api" "$FC" "$fc2" "$FA" "$fa2"
    FC=$fc2 FA=$fa2
}
account() { if [ "$1" = poc ]; then echo "poc$2"; else echo "$1"; fi; }

while read -r op w s; do
    for role in $(ordered_roles "$op" "$w"); do one_case "$op" "$w" "$role" "$(account "$role" "$s")" "$s"; done
done <"$T/cases"
for role in $(ordered_roles report -); do one_case report - "$role" "$(account "$role" "$RS")" "$RS"; done
for role in $(ordered_roles useradd -); do one_case useradd - "$role" "$(account "$role" "$RS")" -; done
for op in passwd disable enable; do
    for w in enabled disabled; do
        for role in $(ordered_roles "$op" "$w"); do one_case "$op" "$w" "$role" "$(account "$role" "$RS")" "t-$op-$w"; done
    done
done

# ---- the system actor (the CLI without --as), on its own copy --------------------------
FS=$("$BIN" --db "$SYS_DB" fingerprint)
sys_case() { # OP WORKFLOW-STATE TARGET
    want=$(expected "$1" system "$2")
    cli "$SYS_DB" system "$1" "$3"
    got=$(cli_class $?)
    f2=$("$BIN" --db "$SYS_DB" fingerprint)
    if [ "$got" != "$want" ]; then
        not_ok "$1 / $2 / system (CLI): $got, want $want" "$(head -c 300 "$T/cli.out")"
    elif [ "$want" != allowed ] && [ "$FS" != "$f2" ]; then
        not_ok "$1 / $2 / system (CLI): $got; but the database changed"
    else
        ok "$1 / $2 / system (CLI): $got"
    fi
    FS=$f2
}
while read -r op w s; do sys_case "$op" "$w" "$s"; done <"$T/cases"
sys_case report - "$RS"
sys_case useradd - -
for op in passwd disable enable; do for w in enabled disabled; do sys_case "$op" "$w" "t-$op-$w"; done; done

stop_server
expect_eq "the server stopped cleanly" "$SRC" 0
done_testing
