#!/bin/sh
# The assignment solver (`r1540 match --solve`, docs/matching.md) against
# scipy.optimize.linear_sum_assignment, run by Debian's /usr/bin/python3.
#
#   dense  : n x n complete instances, capacities 1, scores 0..99,999 (random,
#            fixed seeds), n = 1,000, 2,000 and 5,000; both read the same file
#            and both times are the solvers' own (reading left out of both);
#            the r1540 wall time, reading included, is shown beside them
#   sparse : 100,000 requests, 10,000 offers of capacity 1..20, 20 candidate
#            offers per request: wall time (reading included) and peak RSS,
#            and the same at half size to show memory growing linearly
#
# Targets: faster than scipy at every n; sparse under 2 s.
set -eu
cd "$(dirname "$0")/.."
BIN=$PWD/r1540
O=$PWD/bench/out/match
PY=/usr/bin/python3
rm -rf "$O" && mkdir -p "$O"
cc -O2 -o "$O/match_gen" bench/match_gen.c

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# solve FILE [ARGS]: runs r1540 on FILE; sets total, solve_ms and wall_ms.
solve() {
    f=$1
    shift
    s=$(now_ms)
    "$BIN" match --solve "$f" --time "$@" >"$O/out.txt" 2>"$O/err.txt"
    wall_ms=$(($(now_ms) - s))
    total=$(head -1 "$O/out.txt")
    solve_ms=$(sed -n 's/^solve: \([0-9.]*\) ms.*/\1/p' "$O/err.txt")
}

echo "dense square assignment, scores 0..99,999 (solver time; ratio = scipy / r1540)"
printf '%6s %12s %12s %8s %14s %14s\n' n r1540_ms scipy_ms ratio same_optimum r1540_wall_ms
for n in 1000 2000 5000; do
    "$O/match_gen" dense "$n" "$n" >"$O/dense.txt"
    solve "$O/dense.txt"
    "$PY" -W ignore bench/scipy_lsa.py "$O/dense.txt" >"$O/scipy.txt"
    same=no
    [ "$(head -1 "$O/scipy.txt")" = "$total" ] && same=yes
    printf '%6s %12s %12s %8s %14s %14s\n' "$n" "$solve_ms" "$(sed -n 2p "$O/scipy.txt")" \
        "$(ratio "$(sed -n 2p "$O/scipy.txt")" "$solve_ms")" "$same" "$wall_ms"
    if [ "$n" = 1000 ]; then # the sparse method on the same instance must agree too
        solve "$O/dense.txt" --method sparse
        sparse_same=no
        [ "$(head -1 "$O/scipy.txt")" = "$total" ] && sparse_same=yes
    fi
    rm -f "$O/dense.txt"
done
echo "the sparse method on the n = 1000 instance: same optimum as scipy: $sparse_same"

echo
echo "sparse capacitated assignment, 20 candidate offers per request (target < 2 s)"
printf '%9s %7s %10s %10s %10s %12s %14s\n' requests offers pairs solve_ms wall_ms peak_RSS_KB bytes_per_pair
for size in "50000 5000" "100000 10000"; do
    set -- $size
    "$O/match_gen" sparse "$1" "$2" 20 7 >"$O/sparse.txt"
    s=$(now_ms)
    /usr/bin/time -f %M -o "$O/rss.txt" "$BIN" match --solve "$O/sparse.txt" --time \
        >"$O/out.txt" 2>"$O/err.txt"
    wall=$(($(now_ms) - s))
    rss=$(tail -1 "$O/rss.txt")
    pairs=$(($1 * 20))
    printf '%9s %7s %10s %10s %10s %12s %14s\n' "$1" "$2" "$pairs" \
        "$(sed -n 's/^solve: \([0-9.]*\) ms.*/\1/p' "$O/err.txt")" "$wall" "$rss" \
        "$(awk -v r="$rss" -v p="$pairs" 'BEGIN { printf "%.0f", r * 1024 / p }')"
done
echo "(peak RSS includes the instance file read whole into memory)"
