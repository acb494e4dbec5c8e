# `r1540 match`: the bare solver on text instances (known optima, bad input,
# determinism) and matching stored requests and offers (dry run, JSON,
# capacities, overlaps, regional batches, weights read from the config file),
# with one audit entry per recording run and none for a dry run or a failure.
. tests/cli/lib.sh

inst() { printf "$2" >"$T/$1.txt"; }

# Known optima; the answer is the total, then the pairs by request.
inst ties '2 2 4\n1 1\n0 0 5\n0 1 5\n1 0 5\n1 1 5\n'
expect_ok "solve a tie" "$BIN" match --solve "$T/ties.txt"
expect_eq "ties: total 10, both assigned" "$(head -1 "$T/out") $(($(wc -l <"$T/out") - 1))" "10 2"
inst greedy '2 2 3\n1 1\n0 0 10\n0 1 9\n1 0 8\n'
expect_ok "solve where greedy fails" "$BIN" match --solve "$T/greedy.txt"
expect_eq "the exact optimum and its pairs" "$(tr '\n' '|' <"$T/out")" "17|0 1|1 0|"
inst zero '2 1 2\n2\n0 0 0\n1 0 0\n'
"$BIN" match --solve "$T/zero.txt" >"$T/out"
expect_eq "pairs of score 0 are never assigned" "$(tr '\n' '|' <"$T/out")" "0|"
inst cap0 '2 2 3\n0 1\n0 0 100\n1 0 50\n1 1 3\n'
"$BIN" match --solve "$T/cap0.txt" >"$T/out"
expect_eq "an offer of capacity 0 takes nothing" "$(tr '\n' '|' <"$T/out")" "3|1 1|"
inst cap2 '3 1 3\n2\n0 0 3\n1 0 9\n2 0 7\n'
"$BIN" match --solve "$T/cap2.txt" >"$T/out"
expect_eq "a capacity of 2 goes to the best two" "$(tr '\n' '|' <"$T/out")" "16|1 0|2 0|"
inst empty '0 0 0\n\n'
"$BIN" match --solve "$T/empty.txt" >"$T/out"
expect_eq "an empty instance" "$(tr '\n' '|' <"$T/out")" "0|"
for m in dense sparse auto; do
    "$BIN" match --solve "$T/greedy.txt" --method $m >"$T/out.$m"
done
expect_eq "every method gives the same answer" "$(cat "$T/out.dense" "$T/out.sparse" | md5sum)" "$(cat "$T/out.auto" "$T/out.auto" | md5sum)"

# A random instance of 300 x 40 with capacities, twice: the same answer.
awk 'BEGIN { srand(42); R = 300; O = 40; n = 0
    for (r = 0; r < R; r++) for (o = 0; o < O; o++) if (rand() < 0.3) { a[n] = r " " o " " int(rand() * 50); n++ }
    print R, O, n; c = ""; for (o = 0; o < O; o++) c = c (o ? " " : "") int(rand() * 4); print c
    for (i = 0; i < n; i++) print a[i] }' >"$T/rand.txt"
"$BIN" match --solve "$T/rand.txt" >"$T/r1"
"$BIN" match --solve "$T/rand.txt" >"$T/r2"
expect_eq "deterministic" "$(md5sum <"$T/r1")" "$(md5sum <"$T/r2")"
expect_eq "capacities kept" "$(awk 'NR == FNR { if (FNR == 2) for (i = 1; i <= NF; i++) cap[i - 1] = $i; next }
    FNR > 1 { used[$2]++; if (used[$2] > cap[$2]) bad++ } END { print bad + 0 }' "$T/rand.txt" "$T/r1")" "0"
expect_eq "only candidate pairs, each request once, total adds up" "$(awk 'NR == FNR { if (FNR > 2) s[$1 " " $2] = $3; next }
    FNR == 1 { want = $1; next } { if (!(($1 " " $2) in s) || seen[$1]++) bad++; t += s[$1 " " $2] }
    END { print bad + 0, t == want }' "$T/rand.txt" "$T/r1")" "0 1"

# Bad instances: a clear error with file and line.
inst negcap '1 1 1\n-1\n0 0 5\n'
expect_fail "a negative capacity" 4 "negcap.txt:2: a capacity is negative" "$BIN" match --solve "$T/negcap.txt"
inst negscore '1 1 1\n1\n0 0 -5\n'
expect_fail "a negative score" 4 "negscore.txt:3: a score is negative" "$BIN" match --solve "$T/negscore.txt"
inst range '1 1 1\n1\n0 3 5\n'
expect_fail "an offer index out of range" 4 "range.txt:3: offer index out of range" "$BIN" match --solve "$T/range.txt"
inst dup '1 2 2\n1 1\n0 1 5\n0 1 6\n'
expect_fail "a pair given twice" 4 "dup.txt:4: the pair appears twice" "$BIN" match --solve "$T/dup.txt"
inst short '3 1 3\n1\n0 0 5                          \n'
expect_fail "fewer lines than E" 4 "missing pair lines" "$BIN" match --solve "$T/short.txt"
inst huge '10000000 10000000 999999999\n'
expect_fail "a count the file cannot hold" 4 "too short" "$BIN" match --solve "$T/huge.txt"
printf '1 1 1\n1\n0 0 \000\n' >"$T/nul.txt"
expect_fail "a NUL byte" 4 "nul.txt:3" "$BIN" match --solve "$T/nul.txt"
head -c 3000 /dev/urandom >"$T/noise.txt"
expect_fail "random bytes" 4 "noise.txt:1" "$BIN" match --solve "$T/noise.txt"
expect_fail "a missing file" 3 "No such file" "$BIN" match --solve "$T/nope.txt"
expect_fail "a folder" 4 "not a regular file" "$BIN" match --solve "$T"
expect_fail "an unknown method" 2 "--method" "$BIN" match --solve "$T/ties.txt" --method magic
expect_fail "a stray argument" 2 "unexpected argument" "$BIN" match now
"$BIN" match --help >"$T/help"
expect_match "--help documents the instance format" "$T/help" "then E lines \`r o score\`"

# Matching stored requests and offers.
init_db
r assistance request add KEN --kind training --items OP1-AG,OP1-NSG --title "Export control" --languages en --date 2025-01-10 >/dev/null
r assistance request add UGA --kind training --items OP1-AG,OP1-NSG --title "Export control" --languages en --date 2025-01-11 >/dev/null
r assistance request add TZA --kind training --items OP1-AG,OP1-NSG --title "Export control" --languages en --date 2025-01-12 >/dev/null
r assistance request add PER --kind legislative-drafting --items OP1-MTCR --title "Ley" --languages es --date 2025-01-12 >/dev/null
r assistance offer add WCO --kinds training --items OP1-AG,OP1-NSG --title "STCE" --capacity 1 --languages en >/dev/null
r assistance offer add USA --kinds training --themes export-control-regimes --title "EXBS" --capacity 1 --languages en >/dev/null
r assistance offer add AU --kinds training,workshop --items OP1-AG --title "Regional workshop" --capacity 1 --regions 002 --languages en,fr >/dev/null
r assistance offer add UNLIREC --kinds legislative-drafting --items OP1-MTCR --title "Apoyo legislativo" --capacity 1 --regions 419 --languages es >/dev/null

h=$(db_hash)
n=$(audit_count)
expect_ok "a dry run" r match --dry-run --format json
cp "$T/out" "$T/dry.json"
expect_eq "a dry run records nothing" "$(db_hash)" "$h"
expect_eq "nor adds an audit entry" "$(audit_count)" "$n"
expect_eq "the JSON parses; 4 proposals; total = sum of scores; capacity kept" "$(/usr/bin/python3 -c '
import json, sys, collections
d = json.load(open(sys.argv[1]))
per = collections.Counter(p["offer"] for p in d["proposals"])
print(len(d["proposals"]), d["total"] == sum(p["score"] for p in d["proposals"]), max(per.values()), d["dry_run"])' "$T/dry.json")" "4 True 1 True"
expect_eq "each proposal explains every factor and its points" "$(/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(all(p["score"] == sum(f["points"] for f in p["factors"]) for p in d["proposals"]))' "$T/dry.json")" "True"
expect_eq "overlapping offers of other providers are shown" "$(/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
p = [p for p in d["proposals"] if p["state"] == "KEN"][0]
print(len(p["overlaps"]) >= 1, all(o["provider"] != p["provider"] for o in p["overlaps"]))' "$T/dry.json")" "True True"
r assistance request show 1 >"$T/show"
expect_match "request show says when providers overlap" "$T/show" "overlap: 3 providers offer what this request asks for"

audited "match for real" match.propose "" r match
expect_eq "one audit entry for the four proposals: their count, total and ids" "$(audit_detail)" "{\"proposals\":4,\"total\":$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"])' "$T/dry.json"),\"region\":\"\",\"first\":1,\"last\":4}"
expect_match "the text output ends with the optimal total" "$T/out" "^4 proposals, total score [0-9]+ \(the largest possible\)"
expect_eq "the recorded proposals are those of the dry run" "$(json 'sort_by(.request) | map("\(.request)-\(.offer)") | join(" ")' assistance proposal list)" "$(/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join("%d-%d" % (p["request"], p["offer"]) for p in sorted(d["proposals"], key=lambda p: p["request"])))' "$T/dry.json")"
audited "a second run" match.propose "" r match
cp "$T/out" "$T/again"
expect_match "a second run proposes nothing new" "$T/again" "^0 proposals"
expect_eq "and says so in its audit entry" "$(audit_detail)" '{"proposals":0,"total":0,"region":""}'


# While another process writes, match waits for it, then gives up cleanly.
r assistance request add MLI --kind training --items OP1-AG --title "Late" --date 2025-02-01 >/dev/null
n=$(audit_count) # before the lock: a read waits for it too
# the writer holds the lock until match has given up (not a fixed time: on a busy
# machine 2 seconds were over before match started)
hold_write_lock "$T/locked" "$T/release" &
holder=$!
while [ ! -e "$T/locked" ] && kill -0 $holder 2>/dev/null; do sleep 0.05; done
expect_fail "match on a locked database" 6 "locked by another process" r match
: >"$T/release"
wait $holder
expect_eq "adds no audit entry" "$(audit_count)" "$n"
expect_eq "the locked match recorded nothing" "$(json length assistance proposal list)" "4"
expect_ok "the audit log verifies" r audit verify

# Regional batch mode: the three East African requests share their themes.
init_db_b() { DB=$(new_db batch); r init >/dev/null; }
init_db_b
for s in KEN UGA TZA; do
    r assistance request add $s --kind training --items OP1-AG,OP1-NSG --title "Export control" --languages en --date 2025-01-10 >/dev/null
done
r assistance request add PER --kind training --items OP1-AG,OP1-NSG --title "Export control" --languages es --date 2025-01-10 >/dev/null
r assistance offer add AU --kinds training --items OP1-AG,OP1-NSG --title "Regional course" --capacity 1 --languages en >/dev/null
audited "match --region 002" match.propose "" r match --region 002 --format json
cp "$T/out" "$T/batch.json"
expect_eq "the audit entry names the region" "$(audit_detail | jq -r '"\(.proposals) \(.region)"')" "3 002"
expect_eq "one offer of capacity 1 takes the whole batch of three" "$(/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(len(d["proposals"]), len({p["batch"] for p in d["proposals"]}), sorted(p["state"] for p in d["proposals"]))' "$T/batch.json")" "3 1 ['KEN', 'TZA', 'UGA']"
expect_eq "the store counts the batch once" "$(json '"\(map(.batch) | unique | length)|\(length)"' assistance proposal list)" "1|3"
unaudited "an unknown region" 3 "unknown M49 region '999'" r match --region 999
expect_ok "the audit log of the batch database verifies" r audit verify

# The weights live in the configuration file, not in the code.
DB=$(new_db weights)
r init >/dev/null
r assistance request add UGA --kind training --items OP1-AG --title "Export control" --date 2025-01-10 >/dev/null
r assistance offer add WCO --kinds training --items OP1-AG --title "STCE" --capacity 1 >/dev/null
mkdir -p "$T/data"
cp -r "$ROOT/data/states" "$ROOT/data/template" "$ROOT/data/organizations" "$T/data/"
mkdir -p "$T/data/match"
sed 's/^developing = 30/developing = 1000/' "$ROOT/data/match/weights.conf" >"$T/data/match/weights.conf"
R1540_DATA=$T/data r match --dry-run --format json >"$T/w.json"
expect_eq "a weight changed in the file changes the score" "$(/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print([f["points"] for f in d["proposals"][0]["factors"] if f["factor"] == "developing"])' "$T/w.json")" "[1000]"
grep -v '^no_report' "$ROOT/data/match/weights.conf" >"$T/data/match/weights.conf"
expect_fail "a missing weight" 4 "weights.conf: the weight 'no_report' is missing" env R1540_DATA="$T/data" "$BIN" --db "$DB" match --dry-run
printf 'item = 40\nitem = 41\n' >"$T/data/match/weights.conf"
expect_fail "a repeated weight" 4 "weights.conf:2: item is given twice" env R1540_DATA="$T/data" "$BIN" --db "$DB" match --dry-run
printf 'item = -3\n' >"$T/data/match/weights.conf"
expect_fail "a negative weight" 4 "weights.conf:1: item: the value must be" env R1540_DATA="$T/data" "$BIN" --db "$DB" match --dry-run
printf 'flavour = 3\n' >"$T/data/match/weights.conf"
expect_fail "an unknown weight" 4 "weights.conf:1: unknown weight 'flavour'" env R1540_DATA="$T/data" "$BIN" --db "$DB" match --dry-run
sed 's/^item = /item junk = /' "$ROOT/data/match/weights.conf" >"$T/data/match/weights.conf"
expect_fail "a word between a key and its =" 4 "weights.conf:[0-9]+: expected \`key = value\`" env R1540_DATA="$T/data" "$BIN" --db "$DB" match --dry-run
# Explanations on a crafted instance: KEN fits offer X (WCO, items 2) and Y
# (USA, item 1); UGA asks for equipment, which only X provides. The optimum
# gives X to UGA and Y to KEN, though X scores more for KEN: KEN's proposal
# must name UGA's pair and the drop in total if KEN took X (UGA then gets
# nothing: the drop is the optimum minus KEN's score with X).
DB=$(new_db explain)
r init >/dev/null
r assistance request add KEN --kind training --items OP1-AG,OP1-NSG --title "A" --languages en --date 2025-01-10 >/dev/null
r assistance request add UGA --kind equipment --items OP1-AG,OP1-NSG --title "B" --languages en --date 2025-01-10 >/dev/null
r assistance offer add WCO --kinds training,equipment --items OP1-AG,OP1-NSG --title "X" --capacity 1 --languages en >/dev/null
r assistance offer add USA --kinds training --items OP1-AG --title "Y" --capacity 1 --languages en >/dev/null
r match --dry-run --format json >"$T/ex.json"
expect_eq "KEN gets Y; its alternative X is held by UGA; loss = optimum - KEN's score with X" "$(/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
p = {q["state"]: q for q in d["proposals"]}
a = p["KEN"]["alternative"]
print(p["KEN"]["offer"], a["offer"], [h["state"] for h in a["held_by"]], a["held_by"][0]["score"] == p["UGA"]["score"],
      a["loss"] == d["total"] - a["score"], a["loss"] > 0, p["UGA"]["alternative"])' "$T/ex.json")" "2 1 ['UGA'] True True True None"
r match --dry-run >"$T/ex.txt"
loss=$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([p for p in d["proposals"] if p["state"]=="KEN"][0]["alternative"]["loss"])' "$T/ex.json")
expect_match "the text names the competing pair and the difference" "$T/ex.txt" "alternative: offer 1 \(WCO\) would score [0-9]+ but goes to request 2 \(UGA, [0-9]+\); giving it to this request lowers the total by $loss$"
expect_match "the stored explanation will carry it too" "$T/ex.txt" "^    alternative: "

# Outbid: a third request that only X fits gets nothing; it must name who holds
# X and what taking it would cost. A request nothing fits says so.
r assistance request add TZA --kind equipment --items OP1-AG,OP1-NSG --title "C" --languages en --date 2025-01-10 >/dev/null
r assistance request add PER --kind legislative-drafting --items OP1-MTCR --title "D" --languages es --date 2025-01-10 >/dev/null
r match --dry-run --format json >"$T/ex2.json"
expect_eq "why no proposal: outbid (holder and loss = holder's score - own score) and no fit" "$(/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
u = {q["state"]: q for q in d["unmatched"]}
p = {q["state"]: q for q in d["proposals"]}
t = u["TZA"]
h = t["alternative"]["held_by"][0]
print(t["reason"], h["state"], t["alternative"]["loss"] == h["score"] - t["alternative"]["score"], u["PER"]["reason"], len(d["proposals"]))' "$T/ex2.json")" "outbid $(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([p for p in d["proposals"] if p["offer"]==1][0]["state"])' "$T/ex2.json") True no-fit 2"
r match --dry-run >"$T/ex2.txt"
expect_match "the text says why PER gets nothing" "$T/ex2.txt" "request 4 \(PER, legislative-drafting: D\)"
expect_match "... no open offer fits it" "$T/ex2.txt" "^  no proposal: no open offer fits it$"

# Recording a subset: only KEN's proposal; one audit entry with the picked total.
h=$(db_hash)
unaudited "--only with a request the optimum does not propose" 4 "request 4 has no proposal" r match --only 4
unaudited "--only with another offer than the optimum's" 4 "proposes offer 2 for request 1, not offer 1" r match --only 1:1
unaudited "--only with garbage" 2 "--only: the selection: 'x' is not" r match --only 1,x
unaudited "--only naming a request twice" 2 "request 1 twice" r match --only 1,1:2
unaudited "--only empty" 2 "--only" r match --only ""
unaudited "--only oversized" 2 "more than 10000" r match --only "$(seq -s, 1 10001)"
expect_eq "the refused selections changed nothing" "$(db_hash)" "$h"
audited "record one picked proposal" match.propose "" r match --only 1:2
expect_eq "only KEN's proposal is stored" "$(json 'map("\(.request)-\(.offer)") | join(",")' assistance proposal list)" "1-2"
audit_detail >"$T/detail"
expect_match "the audit entry has the picked total and the optimum" "$T/detail" '^\{"proposals":1,"total":[0-9]+,"region":"","optimum":[0-9]+,"first":1,"last":1\}$'
expect_eq "a later run proposes X to one of the other two" "$(r match --dry-run --format json | /usr/bin/python3 -c 'import json,sys; print([(p["offer"], p["state"] in ("UGA", "TZA")) for p in json.load(sys.stdin)["proposals"]])')" "[(1, True)]"

# A regional batch is recorded whole or not at all.
DB=$(new_db batch2)
r init >/dev/null
for s in KEN UGA; do
    r assistance request add $s --kind training --items OP1-AG,OP1-NSG --title "Export control" --languages en --date 2025-01-10 >/dev/null
done
r assistance offer add AU --kinds training --items OP1-AG,OP1-NSG --title "Regional course" --capacity 1 --languages en >/dev/null
unaudited "picking one request of a batch" 4 "in batch 002/1 with request 2: record the whole batch" r match --region 002 --only 1
audited "picking the whole batch" match.propose "" r match --region 002 --only 1,2
expect_eq "both members stored, one batch" "$(json '"\(length)|\(map(.batch) | unique | length)"' assistance proposal list)" "2|1"

done_testing
