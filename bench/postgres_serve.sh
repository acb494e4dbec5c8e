#!/bin/sh
# Two servers on one PostgreSQL database (issue 14, item 4), the figures the
# test tests/cli/56_postgres_serve.sh leaves out:
#
#   seen   : how soon a write made through the CLI shows in another
#            server's cached public API: from the CLI's exit (its commit
#            done) to the first answer that holds it, polled every 5 ms;
#            BENCH_PGS_SEEN (20) writes, the median and the largest. The goal
#            is 100 ms. Side by side, on the same writes: server B hears each
#            commit (LISTEN/NOTIFY, src/web/change_listen.c), server P runs
#            with R1540_CHANGE_LISTEN=0 and only polls the change counter
#            (web_data_check, src/web/server.c) as every server did before;
#            the ratio is B's to P's. Both include building the answer anew
#            once it went stale (a few ms, far more on a loaded machine).
#   writers: 2 x 32 concurrent CLI writers (report add) for BENCH_PGS_SECONDS
#            (20) seconds while both servers answer reads: the writes
#            acknowledged, per second, and the checks that every acknowledged
#            write is stored and that `audit verify` passes.
#
# A throwaway cluster (tests/pg_cluster.sh), Unix socket only. R1540_BIN runs
# another binary.
set -u
cd "$(dirname "$0")/.."
BIN=${R1540_BIN:-$PWD/r1540}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
SEEN=${BENCH_PGS_SEEN:-20}
SECONDS_RUN=${BENCH_PGS_SECONDS:-20}
export R1540_DATA=$PWD/data R1540_WEB=$PWD/web
for t in curl python3; do
    command -v "$t" >/dev/null 2>&1 || { echo "postgres_serve bench: '$t' is missing (make deps)"; exit 1; }
done
. tests/pg_cluster.sh
T=$(mktemp -d "${TMPDIR:-/tmp}/r1540-pgs.XXXXXX")
PIDS=""
trap 'for p in $PIDS; do kill "$p" 2>/dev/null; done; pg_cluster_stop; rm -rf "$T"' EXIT
pg_cluster_start >"$T/pg.log" 2>&1 || { cat "$T/pg.log"; exit 1; }
p() { "$BIN" --db "$PG_URL" "$@"; }
p init >/dev/null || exit 1

# serve LOG VAR [NAME=VALUE]: starts a server; $VAR is its base URL. Not in a
# command substitution: its subshell would keep the pid from PIDS (the
# servers outlived the bench).
serve() {
    env ${3:-} "$BIN" --db "$PG_URL" serve --listen 127.0.0.1:0 --threads 4 --notify-interval 0 >"$T/$1.log" 2>&1 &
    PIDS="$PIDS $!"
    i=0
    while [ $i -lt 300 ]; do
        port=$(sed -n 's|^r1540 serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$T/$1.log")
        [ -n "$port" ] && break
        sleep 0.1
        i=$((i + 1))
    done
    [ -n "$port" ] || { echo "server $1 did not start"; cat "$T/$1.log"; exit 1; }
    eval "$2=http://127.0.0.1:$port"
}
serve a A
serve b B
serve p P R1540_CHANGE_LISTEN=0

# ---- seen: a CLI write, then B's and P's cached answers ------------------------
# B's answer of the report list is cached; each round adds a report and polls
# B until the list's total has moved.
python3 - "$BIN" "$PG_URL" "$B" "$P" "$SEEN" <<'EOF'
import json, subprocess, sys, threading, time, urllib.request
bin_, db, b, p, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
def total(base):
    with urllib.request.urlopen(base + "/api/v1/reports?per_page=1") as r:
        return json.load(r)["count"]
delays = {b: [], p: []}
def watch(base, before, t0):
    while total(base) == before:
        time.sleep(0.005)
    delays[base].append((time.monotonic() - t0) * 1000)
for i in range(n):
    before = total(b)
    if total(p) != before:
        sys.exit("B and P disagree before write %d" % i)
    total(b), total(p)  # cached now
    subprocess.run([bin_, "--db", db, "report", "add", "DEU", "--kind", "letter", "--date",
                    "2006-01-02", "--language", "en", "--title", "seen %d" % i],
                   check=True, stdout=subprocess.DEVNULL)
    t0 = time.monotonic()
    ws = [threading.Thread(target=watch, args=(s, before, t0)) for s in (b, p)]
    for w in ws:
        w.start()
    for w in ws:
        w.join()
def figures(d):
    d.sort()
    return d[len(d) // 2], d[-1]
mb, xb = figures(delays[b])
mp, xp = figures(delays[p])
print("seen: a CLI write shows on the other server's cached API after %.1f ms median, "
      "%.1f ms at most (%d writes; goal 100 ms)" % (mb, xb, n))
print("seen, polling only (R1540_CHANGE_LISTEN=0), the same writes: %.1f ms median, "
      "%.1f ms at most; ratio listening/polling %.2f median, %.2f max" % (mp, xp, mb / mp, xb / xp))
EOF

# ---- writers: 2 x 32 for SECONDS_RUN seconds, both servers reading ---------------------
writer() {
    end=$(($(date +%s) + SECONDS_RUN))
    while [ "$(date +%s)" -lt "$end" ]; do
        if id=$(R1540_BUSY_TIMEOUT_MS=60000 p report add "$3" --kind letter --date 2006-01-02 \
            --language en --title "w $1 $2" 2>>"$T/writer.err"); then
            echo "$id" >>"$T/acked.$1.$2"
        else
            echo x >>"$T/refused"
        fi
    done
}
reader() {
    while [ ! -e "$T/done" ]; do
        c=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$1/api/v1/reports?per_page=5")
        [ "$c" = 200 ] || echo "$c" >>"$T/read.fail"
    done
}
reader "$A" & R1=$!
reader "$B" & R2=$!
start=$(date +%s)
W=""
for i in $(seq 1 32); do
    writer a "$i" DEU & W="$W $!"
    writer b "$i" FRA & W="$W $!"
done
# shellcheck disable=SC2086
wait $W
took=$(($(date +%s) - start))
touch "$T/done"
wait "$R1" "$R2"
cat "$T"/acked.* | sort -n >"$T/acked"
acked=$(wc -l <"$T/acked")
"$PG_BIN/psql" -h "$PG_DIR" -U r1540 -d r1540test -X -At \
    -c "SELECT id FROM report WHERE title LIKE 'w %' ORDER BY id" >"$T/stored"
lost=$(comm -23 "$T/acked" "$T/stored" | wc -l)
extra=$(comm -13 "$T/acked" "$T/stored" | wc -l)
echo "writers: 2 x 32 for ${SECONDS_RUN} s (${took} s with the last writes): $acked acknowledged" \
    "($((acked / (took > 0 ? took : 1))) per second), $(cat "$T/refused" 2>/dev/null | wc -l) refused," \
    "$lost acknowledged but not stored, $extra stored but not acknowledged;" \
    "$(cat "$T/read.fail" 2>/dev/null | wc -l) failed reads"
p audit verify
