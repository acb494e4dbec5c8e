# The search over the text of reports on the PostgreSQL backend (issue 14):
# the same queries find the same pages, with the same totals, filters and
# slices, as on SQLite. Documents are plain text (pages split at form feeds)
# in the six languages, one page each: the extraction is the same code on
# both backends, the store is what differs.
#
# A search without a date or kind filter also looks among the practices
# (store_practice_search, another part of the backend not on PostgreSQL
# yet): every query here carries --from 2000-01-01 (all reports are of 2020),
# which leaves the practices out on both backends.
#
# What differs, on purpose: the ranking. SQLite ranks with FTS5's BM25,
# which weighs each word by its rarity across all pages; PostgreSQL's
# ts_rank does not know that rarity (postgres_search_query.c). Pages are
# compared here as sets (report, page, sorted) with the totals; the order is
# compared only where both rankings agree by construction (a page holding the
# word three times against one holding it once, in pages of equal length).
# The score printed by `search` differs, so `both` compares no text output.
. tests/cli/lib.sh
. tests/cli/pg_lib.sh

init_db
expect_ok "init on PostgreSQL" p init
D=$T/docs
mkdir -p "$D"
n=0
while IFS='|' read -r s l text; do
    n=$((n + 1))
    printf '%s\n' "$text" >"$D/$n.txt"
    both "report add $n ($l)" report add "$s" --kind first-report --date "2020-01-$((10 + n))" \
        --language "$l" --title "Report $n" --file "$D/$n.txt"
done <<'DOCS'
GBR|en|The national export control law covers nuclear material.
GBR|en|Customs officers inspect chemical precursors at the border.
GBR|en|The biosafety law regulates pathogens and toxins in laboratories.
USA|en|Export export export of dual-use goods.
USA|en|Export of dual-use goods is licensed.
FRA|fr|La loi sur les exportations contrôle les matières nucléaires.
RUS|ru|Закон об экспортном контроле охватывает ядерные материалы.
EGY|ar|يغطي قانون مراقبة الصادرات المواد النووية.
CHN|zh|出口管制法涵盖核材料，海关检查化学前体。
ESP|es|La ley de control de exportaciones cubre el material nuclear.
DOCS

# hits ARGS...: the total and the pages found (report, page), sorted
hits() { "$@" --from 2000-01-01 --format json | jq -c '[.total, ([.hits[] | [.report, .page]] | sort)]'; }
# same NAME WANT QUERY [OPTIONS]: both backends find the same pages as WANT
# (so that a comparison of two empty answers cannot pass unnoticed)
same() {
    name=$1; want=$2; shift 2
    sq=$(hits r search "$@" 2>&1); pg=$(hits p search "$@" 2>&1)
    if [ "$sq" = "$pg" ] && [ "$pg" = "$want" ]; then ok "$name"
    else not_ok "$name" "sqlite:   $sq" "postgres: $pg" "wanted:   $want"; fi
}
same "one word" '[2,[[1,1],[3,1]]]' law
same "an inflected form finds the word (stems)" '[2,[[1,1],[3,1]]]' laws --lang en
same "... another" '[1,[[2,1]]]' inspected --lang en
same "every word of the query on the page" '[1,[[3,1]]]' "law pathogens"
same "a quoted phrase, words side by side (and its stems: French too)" '[2,[[1,1],[6,1]]]' '"export control"'
same "... not words apart" '[0,[]]' '"export law"'
same "accents do not matter" '[1,[[6,1]]]' nucleaires
same "Russian" '[1,[[7,1]]]' "ядерные"
same "Arabic" '[1,[[8,1]]]' "النووية"
same "Chinese, two characters" '[1,[[9,1]]]' "海关"
same "Spanish" '[1,[[10,1]]]' nuclear --lang es
same "a state filter" '[1,[[5,1]]]' licensed --state USA
same "a language and a state filter" '[2,[[4,1],[5,1]]]' export --lang en --state USA
same "a date filter" '[2,[[1,1],[4,1]]]' export --to 2020-01-14
same "a kind filter with no report of that kind" '[0,[]]' export --kind letter
same "a slice past the end keeps the total" '[3,[]]' export --lang en --offset 10
same "nothing found" '[0,[]]' zzyzx
same "quotes and backslashes are only text" '[0,[]]' "it's a \\ test"
# a slice's pages depend on the ranking: its size and the total are compared
slice() { "$@" --from 2000-01-01 --format json | jq -c '[.total, (.hits | length)]'; }
expect_eq "a slice: the total counts every page, on both" \
    "$(slice r search export --lang en --limit 1 --offset 1) $(slice p search export --lang en --limit 1 --offset 1)" \
    '[3,1] [3,1]'
order() { "$@" --from 2000-01-01 --format json | jq -c '[.hits[] | [.report, .page]]'; }
expect_eq "the page with the word three times ranks first, on both" \
    "$(order r search export --state USA) $(order p search export --state USA)" \
    '[[4,1],[5,1]] [[4,1],[5,1]]'
both "a query of no words is refused alike" search "..." --from 2000-01-01
both "a bad filter is refused alike" search export --from 2020-13-01
p search law >"$T/out" 2>"$T/err"
expect_eq "a search that also asks the practices fails cleanly on PostgreSQL while they are missing (no abort)" \
    "$(test $? -lt 128 && echo clean)" clean

echo "1..$N"
