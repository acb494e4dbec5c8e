# What the two conformance tests (conformance.sh: matrix, report and user
# operations; conformance_assist.sh: assistance, matching, events, import)
# share: the table of who may do what in which workflow state, the classes
# of an answer, and the verdict on one case. Sourced after tests/http/lib.sh,
# with SPEC (the table) and ROLES set.

# the table read once into ALLOW_ROLES_<op> and ALLOW_STATES_<op> (- in an op becomes _)
while read -r op roles states; do
    [ -n "$op" ] && eval "ALLOW_ROLES_$(echo "$op" | tr - _)=\$roles ALLOW_STATES_$(echo "$op" | tr - _)=\$states"
done <<SPEC_EOF
$SPEC
SPEC_EOF
has() { case ",$1," in *",$2,"*) return 0 ;; esac; return 1; }
# expected OP ROLE WORKFLOW-STATE: allowed, denied (the permission table) or refused (the workflow)
expected() {
    v=$(echo "$1" | tr - _)
    eval "roles=\$ALLOW_ROLES_$v states=\$ALLOW_STATES_$v"
    if ! has "$roles" "$2"; then
        echo denied
    elif [ "$states" = - ] || has "$states" "$3"; then
        echo allowed
    else
        echo refused
    fi
}
adduser() { echo "$PW" | r user add "$@" >/dev/null 2>>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! user add $1"; exit 1; }; }
# the CLI's exit status as a class of answer
cli_class() { case $1 in 0) echo allowed ;; 7) echo denied ;; 5) echo refused ;; *) echo "exit-$1" ;; esac; }
# the roles of a case in an order that runs the allowed ones last (they change the state)
ordered_roles() {
    for role in $ROLES; do [ "$(expected "$1" "$role" "$2")" = allowed ] || echo "$role"; done
    for role in $ROLES; do [ "$(expected "$1" "$role" "$2")" = allowed ] && echo "$role"; done
}
# verdict WHAT WANT GOT-CLI GOT-API FC FC2 FA FA2 [API-CHECKED, default yes]: one
# TAP line. Both doors must give the expected answer; a refused or denied case
# leaves both databases' fingerprints as they were (FC -> FC2 for the CLI's,
# FA -> FA2 for the API's), an allowed one changes them (the API's only where
# the operation has an API: API-CHECKED yes).
verdict() {
    if [ "$3" != "$2" ] || [ "$4" != "$2" ]; then
        not_ok "$1" "CLI: $(head -c 300 "$T/cli.out")" "API: $(head -c 300 "$T/body")"
    elif [ "$2" != allowed ] && { [ "$5" != "$6" ] || [ "$7" != "$8" ]; }; then
        not_ok "$1; but the database changed" "CLI $5 -> $6" "API $7 -> $8"
    elif [ "$2" = allowed ] && { [ "$5" = "$6" ] || { [ "${9:-yes}" = yes ] && [ "$7" = "$8" ]; }; }; then
        not_ok "$1; but the database did not change"
    else
        ok "$1$([ "$2" = allowed ] || echo ', nothing changed')"
    fi
}
