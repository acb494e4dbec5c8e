#!/bin/sh
# The review over the demo data (1x) and over a synthetic data set ten times
# larger (10x), against the sqlite3 command-line tool.
#
#   r1540 review (JSON) : everything in the report (coverage by every grouping,
#                         trend, gaps, groups of states, workshops) as JSON
#   baseline            : the sqlite3 tool computing the coverage aggregates by
#                         region and section in one SQL query (matrix in force
#                         per state via a window function) on the same database
#   r1540 review (PDF)  : the whole report typeset in English and in Chinese
#
# The 10x data set: every approved or published version of the demo data copied
# nine more times (as new version numbers, approved on the same dates), so there
# are ten times the versions and entries. The states stay 193: the schema's
# ISO codes (two letters for alpha-2) cannot hold 2,000 distinct states.
# The baseline reads only the versions in force on the date (the window function
# picks one per state before the join), so it barely grows at 10x; the review
# reads every approved version's marks (for the trend and the --since figures),
# so its cost follows the data: at most linear is the target.
# Targets: JSON under 100 ms at 1x (the median of 5 runs of `r1540 review
# --format json`) and growing at most linearly; PDF under 3 s.
# Each other figure is the best of 5 runs, in milliseconds, on this machine.
set -eu
cd "$(dirname "$0")/.."
BIN=$PWD/r1540
O=$PWD/bench/out/review
rm -rf "$O" && mkdir -p "$O"
export R1540_DATA=$PWD/data
RUNS=${BENCH_RUNS:-5}
ASOF=2026-11-01

now_ms() { echo $(($(date +%s%N) / 1000000)); }
best() {
    b=
    for i in $(seq "$RUNS"); do
        s=$(now_ms)
        sh -c "$1" >/dev/null
        t=$(($(now_ms) - s))
        if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
    done
    echo "$b"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / (b > 0 ? b : 1) }'; }
# median CMD: runs CMD 5 times; prints the median time in ms.
median() {
    for i in 1 2 3 4 5; do
        s=$(now_ms)
        sh -c "$1" >/dev/null
        echo $(($(now_ms) - s))
    done | sort -n | sed -n 3p
}

"$BIN" --db "$O/x1.db" init --demo >/dev/null
cp "$O/x1.db" "$O/x10.db"
sqlite3 "$O/x10.db" <<SQL
BEGIN;
CREATE TEMP TABLE src AS SELECT * FROM matrix_version WHERE status IN ('approved','published');
CREATE TEMP TABLE k (k INTEGER);
INSERT INTO k VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9);
INSERT INTO matrix_version (state, number, template_version, status, created, note)
  SELECT state, number + 100 * k, template_version, 'draft', created, note FROM src, k;
INSERT INTO matrix_entry SELECT n.id, e.state, e.template_version, e.item, e.mark,
  e.legal_reference, e.source_report, e.page, e.remark, e.source_url, e.info, e.info_signed,
  e.info_ratified, e.info_acceded
  FROM src JOIN k JOIN matrix_version n ON n.state = src.state AND n.number = src.number + 100 * k
  JOIN matrix_entry e ON e.version_id = src.id;
UPDATE matrix_version SET status = 'with-state' WHERE number > 100;
UPDATE matrix_version SET status = 'approved', approved = (SELECT approved FROM src
  WHERE src.state = matrix_version.state AND src.number = matrix_version.number % 100)
  WHERE number > 100;
UPDATE matrix_version SET status = 'published', published = (SELECT published FROM src
  WHERE src.state = matrix_version.state AND src.number = matrix_version.number % 100)
  WHERE number > 100 AND (SELECT status FROM src WHERE src.state = matrix_version.state
  AND src.number = matrix_version.number % 100) = 'published';
COMMIT;
SQL

cat >"$O/baseline.sql" <<SQL
WITH v AS (SELECT id, state, row_number() OVER (PARTITION BY state ORDER BY
    CASE WHEN approved <> '' THEN approved ELSE published END DESC, number DESC) AS rn
  FROM matrix_version WHERE status IN ('approved','published')
  AND CASE WHEN approved <> '' THEN approved ELSE published END <= '$ASOF'),
f AS (SELECT s.m49_region AS region, t.section, coalesce(e.mark, '') AS mark
  FROM v JOIN state s ON s.alpha3 = v.state
  JOIN template_item t ON t.template_version = 1
  LEFT JOIN matrix_entry e ON e.version_id = v.id AND e.item = t.id WHERE v.rn = 1)
SELECT region, section, sum(mark = 'X'), sum(mark <> 'NA'),
  round(100.0 * sum(mark = 'X') / sum(mark <> 'NA'), 1) FROM f GROUP BY region, section;
SQL

for s in 1 10; do
    db=$O/x$s.db
    eval "v$s=$(sqlite3 "$db" "select count(*) from matrix_version where status in ('approved','published')")"
    eval "e$s=$(sqlite3 "$db" "select count(*) from matrix_entry")"
    # --include-approved: the basis the baseline counts (approved and published)
    eval "json$s=\$(best \"$BIN --db $db review --as-of $ASOF --include-approved -o $O/r$s.json\")"
    eval "sql$s=\$(best \"sqlite3 $db <$O/baseline.sql\")"
done
# The same figures both ways: the report's total against the baseline's sums.
got=$(/usr/bin/python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["coverage"]["total"]; print(t["x"], t["applicable"])' "$O/r1.json")
want=$(sqlite3 "$O/x1.db" <"$O/baseline.sql" | awk -F'|' '{x += $3; a += $4} END {print x, a}')
[ "$got" = "$want" ] || { echo "review and baseline disagree: $got vs $want"; exit 1; }
# the figure the target names: the whole review as JSON, as a user runs it
json_median=$(median "$BIN --db $O/x1.db review --format json -o $O/r1-median.json")
pdf_en=$(best "$BIN --db $O/x1.db review --as-of $ASOF --format pdf -o $O/r-en.pdf")
pdf_zh=$(best "$BIN --db $O/x1.db review --as-of $ASOF --format pdf --lang zh -o $O/r-zh.pdf")

echo "review: 1x = $v1 approved versions, $e1 entries; 10x = $v10 versions, $e10 entries"
printf '%-44s %8s %8s %8s\n' "" "1x ms" "10x ms" "10x/1x"
printf '%-44s %8s %8s %8s\n' "r1540 review --format json (everything)" "$json1" "$json10" "$(ratio "$json10" "$json1")"
printf '%-44s %8s %8s %8s\n' "baseline: sqlite3, coverage by region+section" "$sql1" "$sql10" "$(ratio "$sql10" "$sql1")"
printf '%-44s %8s %8s\n' "ratio r1540 / baseline" "$(ratio "$json1" "$sql1")" "$(ratio "$json10" "$sql10")"
printf '%-44s %8s  (target < 3000 ms)\n' "r1540 review --format pdf, English (1x)" "$pdf_en"
printf '%-44s %8s  (target < 3000 ms)\n' "r1540 review --format pdf, Chinese (1x)" "$pdf_zh"
printf '%-44s %8s  (target < 100 ms)\n' "r1540 review --format json (1x), median of 5" "$json_median"
