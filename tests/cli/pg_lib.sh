# What the CLI tests of the PostgreSQL backend share. Source it after
# tests/cli/lib.sh: it starts a throwaway cluster of the script's own
# (tests/pg_cluster.sh; stopped on EXIT, also on failure) and gives
#
#   PG                 the URI of its empty database r1540test
#   p ARGS...          r1540 on that database (as r is on the SQLite $DB)
#   both NAME ARGS...  runs ARGS on SQLite and on PostgreSQL: passes when the
#                      exit codes, stdout and stderr are the same bytes
#   refused NAME PATTERN SQL
#                      psql, bypassing r1540, is refused with PATTERN: the
#                      rule is PostgreSQL's own, whoever writes
. tests/pg_cluster.sh
trap 'pg_cluster_stop; rm -rf "$T"' EXIT
if ! pg_cluster_start >"$T/pg.log" 2>&1; then
    not_ok "a throwaway PostgreSQL cluster starts" "$(head -c 600 "$T/pg.log")"
    echo "1..$N"
    exit 1
fi
ok "a throwaway PostgreSQL cluster starts (Unix socket only, in $PG_DIR)"
unset R1540_DB
PG=$PG_URL
p() { "$BIN" --db "$PG" "$@"; }

both() {
    name=$1; shift
    r "$@" >"$T/sq.out" 2>"$T/sq.err"; src=$?
    p "$@" >"$T/pg.out" 2>"$T/pg.err"; prc=$?
    if [ "$src" -eq "$prc" ] && cmp -s "$T/sq.out" "$T/pg.out" && cmp -s "$T/sq.err" "$T/pg.err"; then
        ok "$name (exit $src)"
    else
        not_ok "$name" "sqlite exit $src, postgres exit $prc" "sqlite: $(head -c 300 "$T/sq.out" "$T/sq.err")" \
            "postgres: $(head -c 300 "$T/pg.out" "$T/pg.err")"
    fi
}

refused() {
    if pg_psql r1540test -c "$3" >"$T/out" 2>"$T/err"; then
        not_ok "$1" "psql accepted: $3"
    elif grep -qE -- "$2" "$T/err"; then ok "$1"
    else not_ok "$1" "$(head -c 600 "$T/err")" "wanted: $2"; fi
}
