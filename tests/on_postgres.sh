# sh tests/on_postgres.sh SCRIPT [ARGS...]: runs a CLI or HTTP test script
# with its database ($DB of tests/cli/lib.sh and tests/http/lib.sh) on a
# throwaway PostgreSQL cluster (tests/pg_cluster.sh) instead of a SQLite file.
# The cluster lives as long as the script and is stopped on exit, also when
# the script fails. The script's exit code is this one's.
#
# A script learns its backend from R1540_TEST_BACKEND (on_sqlite in
# tests/store_access.sh): a step that goes beneath r1540 into the SQLite file
# (sqlite_only) or needs a second database is skipped on PostgreSQL, and the
# script says so in a TAP comment.
. tests/pg_cluster.sh
trap 'pg_cluster_stop' EXIT
log=$(mktemp)
if ! pg_cluster_start >"$log" 2>&1; then
    echo "Bail out! a throwaway PostgreSQL cluster did not start: $(head -c 400 "$log")"
    rm -f "$log"
    exit 1
fi
rm -f "$log"
export R1540_TEST_BACKEND=postgresql R1540_TEST_DB="$PG_URL"
sh "$@"
