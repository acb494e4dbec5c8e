# The PostgreSQL backend's comments and practices (issue 14): a state's
# comments on a matrix version and effective practices give, command for
# command, the bytes SQLite gives (`both`), their rows are the same rows, and
# the rules of their tables hold in PostgreSQL whoever writes (`refused`).
#
# What no command reaches yet on PostgreSQL is checked one level down, by
# tests/unit/test_store_comments.c run on a database of this cluster: a
# draft comment is edited, deleted and answered only on the web, which signs
# people in (sessions are not written on PostgreSQL yet), and `r1540 search`
# asks the report search (store_search, not written yet) before the practice
# search. That test holds the same assertions on both backends, and its
# output is compared byte for byte with its run on SQLite.
#
# The practice search matches the terms r1540's analyzer made (stored as
# they are, matched without PostgreSQL's own parsing), so the same practices
# are found; only their order may differ when several match: FTS5 ranks by
# BM25 (term frequency against its rarity over all practices, and length),
# PostgreSQL by ts_rank (frequency and length, no rarity). The store test
# compares the hits' ids sorted, and the best hit only where the two agree
# by construction (one practice says the word five times in a short text).
. tests/cli/lib.sh
. tests/cli/pg_lib.sh

init_db
expect_ok "init on PostgreSQL" p init
PW='a long enough passphrase'
for spec in deu-poc:poc:DEU exp:expert: provi:provider:IAEA; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}; where=${rest#*:}
    case $role in poc) set -- --state "$where" ;; provider) set -- --org "$where" ;; *) set -- ;; esac
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>&1
    echo "$PW" | p user add "$name" --role "$role" "$@" >/dev/null 2>&1
done

# same_rows NAME SQL: the query gives the same rows on SQLite and on PostgreSQL
# (sqlite3's and psql's unaligned output both separate columns with |).
same_rows() {
    sq=$(sqlite_only "$DB" "$2" 2>&1)
    pq=$(pg_psql r1540test -c "$2" 2>&1)
    if [ "$sq" = "$pq" ] && [ -n "$sq" ]; then ok "$1"; else not_ok "$1" "sqlite: $sq" "postgres: $pq"; fi
}

# ---- the state's comments on a version: collected, sent in one round ----------------------
both "matrix new" matrix new DEU --date 2026-01-01
both "matrix set" matrix set DEU 1 OP1-NPT X --ref "Loi n° 1"
both "a comment on a draft is refused" --as deu-poc matrix comment DEU 1 --text "trop tôt"
both "matrix send" matrix send DEU 1
both "a comment round with no text and no draft" --as deu-poc matrix comment DEU 1
both "a comment of more than 4000 characters" --as deu-poc matrix comment DEU 1 --item OP1-NPT \
    --text "$(head -c 4001 /dev/zero | tr '\0' x)"
both "the system actor does not answer for a state" matrix comment DEU 1 --text x
both "the point of contact comments (sent at once)" --as deu-poc matrix comment DEU 1 --text "Bitte prüfen: «Gesetz»" \
    --item OP1-NPT
both "the version is back with the experts" matrix list DEU --format json
both "send it again" matrix send DEU 1
both "a second round, on the whole version" --as deu-poc matrix comment DEU 1 --text "Zweite Runde"
# created is the time of writing: left out; answered only as set or not
same_rows "the comments are the same rows" \
    "SELECT id, version_id, item, user_id, text, sent, CASE WHEN answered IS NULL THEN 0 ELSE 1 END,
     coalesce(answered_by, 0) FROM matrix_comment ORDER BY id"
same_rows "the state's answers are the same rows" \
    "SELECT version_id, response, user_id FROM matrix_review ORDER BY version_id"
both "send, then the state accepts" matrix send DEU 1
both "matrix accept" --as deu-poc matrix accept DEU 1
both "no comment on an accepted version" --as deu-poc matrix comment DEU 1 --text "zu spät"
expect_ok "audit verify on PostgreSQL" p audit verify

# ---- the store's comment and practice operations, on both backends ----------------------
# (see the top of this file): a database of its own, initialized by r1540
UNIT=$ROOT/build/rel/tests/test_store_comments
case $BIN in */build/san/r1540) UNIT=$ROOT/build/san/tests/test_store_comments ;; esac
pg_createdb unit
expect_ok "init the store test's PostgreSQL database" "$BIN" --db "$(pg_url unit)" init
if [ -x "$UNIT" ]; then
    R1540_TEST_DB=$(pg_url unit) "$UNIT" >"$T/unit_pg.tap" 2>&1; urc=$?
    "$UNIT" >"$T/unit_sq.tap" 2>&1
    if [ "$urc" -eq 0 ] && ! grep -q '^not ok' "$T/unit_pg.tap" && grep -q '^1\.\.[1-9]' "$T/unit_pg.tap"; then
        ok "the store test passes on PostgreSQL ($(grep -c '^ok' "$T/unit_pg.tap") checks)"
    else
        not_ok "the store test passes on PostgreSQL" "$(grep -A2 '^not ok' "$T/unit_pg.tap" | head -c 1500)" \
            "$(tail -n 3 "$T/unit_pg.tap")"
    fi
    if cmp -s "$T/unit_pg.tap" "$T/unit_sq.tap"; then ok "... with the very output it gives on SQLite"
    else not_ok "... with the very output it gives on SQLite" "$(diff "$T/unit_sq.tap" "$T/unit_pg.tap" | head -c 800)"; fi
else
    not_ok "the store test is built" "$UNIT missing: make $(echo "$UNIT" | sed "s|$ROOT/||")"
fi
# the system actor's answer names nobody; an expert's names the expert
expect_eq "... who answered, as stored" \
    "$(pg_psql unit -c "SELECT id, coalesce(answered_by, 0) = 0 FROM matrix_comment ORDER BY id")" "1|f
3|t"

# ---- effective practices: submit, review, publish, return ------------------------------
printf 'Radiation portal monitors at the border: quokkaline lessons.\n' >"$T/lessons.txt"
both "a point of contact submits a practice" --as deu-poc practice add DEU --title "Guichet unique" \
    --summary 'Un guichet unique pour les licences <b>& "biens à double usage"</b>
deuxième ligne: zanzibarite' --language fr --items OP1-NPT --themes export-control-regimes
both "a provider submits one with a document" --as provi practice add --org IAEA \
    --title "Border monitoring lessons" --summary "What a decade of portal monitors taught" \
    --language en --items OP1-NPT,OP1-CWC --file "$T/lessons.txt"
both "one by the CLI operator" practice add FRA --title "Formation" --summary "Des douanes" \
    --language fr --themes export-control-regimes
both "not for another state" --as deu-poc practice add FRA --title x --summary y --language en --items OP1-NPT
both "an unknown organization" practice add --org NOPE --title x --summary y --language en --items OP1-NPT
both "an unknown item" practice add FRA --title x --summary y --language en --items OP9-NOPE
both "neither item nor theme" practice add FRA --title x --summary y --language en
both "a language that is not a UN language" practice add FRA --title x --summary y --language de --items OP1-NPT
both "a title over 300 bytes" practice add FRA --title "$(head -c 301 /dev/zero | tr '\0' t)" \
    --summary y --language en --items OP1-NPT
: >"$T/empty.txt"
both "an empty document" practice add FRA --title x --summary y --language en --items OP1-NPT --file "$T/empty.txt"
both "both a state and an organization" practice add FRA --org IAEA --title x --summary y --language en --items OP1-NPT
both "the experts' list, newest first" --as exp practice list --format json
both "... by status" --as exp practice list --status submitted
both "... by item, the second of a list" --as exp practice list --item OP1-CWC --format json
both "... by state" --as exp practice list --state DEU
both "... by organization" --as exp practice list --org IAEA --format json
both "an unknown status filter" practice list --status secret
both "the public sees none yet" practice list --format json
both "show, with the document" --as provi practice show 2 --format json
both "show of another's, to a point of contact" --as deu-poc practice show 2
both "a point of contact cannot publish" --as deu-poc practice publish 1
both "a return needs a note" --as exp practice return 1
both "no such practice" --as exp practice publish 99
both "an expert publishes (and the search index gets its terms)" --as exp practice publish 1
both "... not twice" --as exp practice publish 1
both "... nor is it returned then" --as exp practice return 1 --note late
both "a return with its note" --as exp practice return 2 --note "Say which border posts; <script>"
both "the public list" practice list --format json
both "the public sees the published one" practice show 1 --format json
both "... not the returned one" --as deu-poc practice show 2
# the index holds the same analyzed terms on both backends
same_rows "the search index holds the same terms" "SELECT rowid, terms FROM practice_fts ORDER BY rowid"
same_rows "the practices are the same rows (but their dates: today)" \
    "SELECT id, coalesce(state, ''), coalesce(org, ''), title, summary, language, items, themes, status,
     note, submitter, demo FROM practice ORDER BY id"
same_rows "the documents are the same rows" \
    "SELECT practice_id, filename, media_type, size, sha256 FROM practice_document ORDER BY practice_id"
expect_ok "audit verify on PostgreSQL" p audit verify

# ---- the rules of these tables, enforced by PostgreSQL whoever writes --------------------
refused "a practice has a state or an organization, not both" "violates check constraint \"practice_check\"" \
    "INSERT INTO practice (id, state, org, title, summary, language, items, themes, status, submitted, submitter) VALUES (50, 'FRA', 'IAEA', 't', 's', 'en', 'OP1-NPT', '', 'submitted', '2026-01-01', 'x')"
refused "... nor neither" "violates check constraint \"practice_check\"" \
    "INSERT INTO practice (id, title, summary, language, items, themes, status, submitted, submitter) VALUES (50, 't', 's', 'en', 'OP1-NPT', '', 'submitted', '2026-01-01', 'x')"
refused "a practice names an item or a theme" "violates check constraint \"practice_check1\"" \
    "INSERT INTO practice (id, state, title, summary, language, items, themes, status, submitted, submitter) VALUES (50, 'FRA', 't', 's', 'en', '', '', 'submitted', '2026-01-01', 'x')"
refused "a published practice has a decision date" "violates check constraint \"practice_check2\"" \
    "UPDATE practice SET status = 'published' WHERE id = 3"
refused "a decision is not dated before the submission" "violates check constraint \"practice_check2\"" \
    "UPDATE practice SET status = 'published', decided = '2000-01-01' WHERE id = 3"
refused "only a return carries a note" "violates check constraint \"practice_check3\"" \
    "UPDATE practice SET note = 'x' WHERE id = 1"
refused "a title is at most 300 bytes (é is two)" "practice_title_check" \
    "UPDATE practice SET title = repeat('é', 151) WHERE id = 3"
refused "a summary is at most 8000 bytes" "practice_summary_check" \
    "UPDATE practice SET summary = repeat('s', 8001) WHERE id = 3"
refused "a language is a UN language" "practice_language_check" "UPDATE practice SET language = 'de' WHERE id = 3"
refused "a status is one of three" "practice_status_check" "UPDATE practice SET status = 'secret', decided = '2026-12-31' WHERE id = 3"
refused "a submission date has its shape" "practice_submitted_check" \
    "UPDATE practice SET submitted = '2026-1-1' WHERE id = 3"
refused "a practice's state exists" "foreign key" "UPDATE practice SET state = 'ZZZ' WHERE id = 3"
refused "a practice's organization exists" "foreign key" "UPDATE practice SET state = NULL, org = 'NOPE' WHERE id = 3"
refused "a document's size is its length" "practice_document_check" \
    "INSERT INTO practice_document VALUES (3, 'a.txt', 'text/plain', 5, repeat('a', 64), 'abcd')"
refused "a document belongs to a practice" "foreign key" \
    "INSERT INTO practice_document VALUES (99, 'a.txt', 'text/plain', 4, repeat('a', 64), 'abcd')"
pg_psql r1540test -c "UPDATE meta SET value = '100' WHERE key = 'max_document_bytes'"
refused "a document over the maximum size is refused by the database" \
    "r1540: the document is larger than the maximum document size" \
    "INSERT INTO practice_document VALUES (3, 'a.txt', 'text/plain', 101, repeat('a', 64), decode(repeat('ab', 101), 'hex'))"
# SQLite's FTS5 table takes any row; here the rule the schema states is kept
refused "only a published practice enters the search index" \
    "r1540: only a published practice is in the search index" \
    "INSERT INTO practice_fts VALUES (3, 'formation')"
# tsvector holds 1 MiB of terms and positions: past it, the last terms are
# left out (r1540_terms_vector) rather than a big document's publication
# refused; FTS5 keeps them all
expect_ok "the index takes 120,000 words, 60,000 different (more than a tsvector holds)" \
    pg_psql r1540test -c "UPDATE practice_fts SET terms = (SELECT string_agg('w' || (g % 60000) || 'abcdefgh', ' ')
        FROM generate_series(1, 120000) g) WHERE rowid = 1"
expect_eq "... its first words are found, its last ones not" \
    "$(pg_psql r1540test -c "SELECT count(*) FILTER (WHERE r1540_terms_vector(terms) @@ '''w5abcdefgh'''::tsquery),
        count(*) FILTER (WHERE r1540_terms_vector(terms) @@ '''w59999abcdefgh'''::tsquery) FROM practice_fts")" "1|0"
pg_psql r1540test -c "UPDATE practice SET status = 'returned', note = 'withdrawn' WHERE id = 1"
expect_eq "a practice leaves the search index when it is no longer published" \
    "$(pg_psql r1540test -c "SELECT count(*) FROM practice_fts")" "0"
refused "a comment is sent or not" "matrix_comment_sent_check" "UPDATE matrix_comment SET sent = 2"
refused "a comment has 1 to 4000 characters" "matrix_comment_text_check" "UPDATE matrix_comment SET text = ''"
refused "a comment is answered by a user" "foreign key" "UPDATE matrix_comment SET answered_by = 99"

done_testing
