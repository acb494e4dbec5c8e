/*
 * The search benchmark (bench/search.sh): a generated multilingual corpus of
 * report pages indexed twice in the same run, by r1540 (src/text analysis,
 * FTS5 over our terms, store_search) and by SQLite FTS5 with its stock
 * unicode61 tokenizer on the raw text; then 60 queries (ten per language,
 * five of one word and five of two, typed as people type them: no accents,
 * other inflections, Chinese words without spaces) against both, each run
 * REPEAT times. Prints indexing throughput (MB of text per second), p50 and
 * p99 query times per language and query length, the p99 ratio, and how many
 * of the 60 queries each finds something for.
 *
 * Usage: search_bench DB PAGES   (DB made by `r1540 init`)
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/store/store.h"
#include "../src/text/analyze.h"
#include "../src/util/buf.h"
#include "../src/util/lang.h"

enum { PAGE_WORDS = 220, DOC_PAGES = 10, REPEAT = 5, NQ = 10 };

/* Words of each language as reports write them (inflected, accented). */
static const char *const vocab[LANG_COUNT][40] = {
    [LANG_AR] = {"القانون", "الأسلحة", "الكيميائية", "النووية", "البيولوجية", "التصدير", "الرقابة",
                 "المواد", "الحدود", "الجمارك", "الترخيص", "السلطات", "الوطنية", "العقوبات", "الإرهاب",
                 "الجهات", "غير", "الدول", "يحظر", "نقل", "تمويل", "الانتشار", "المادة", "اللائحة",
                 "وسائل", "إيصالها", "الحماية", "المادية", "الاتجار", "السمية", "المختبرات", "الأمن",
                 "قائمة", "الضوابط", "الاستيراد", "العبور", "الوساطة", "التفتيش", "الرصد", "المرسوم"},
    [LANG_ZH] = {"法律", "出口管制", "化学武器", "核材料", "生物安全", "边境", "海关", "许可证", "国家",
                 "非国家行为者", "扩散", "融资", "条例", "第十二条", "运输", "实物保护", "执法", "处罚",
                 "恐怖主义", "两用物项", "清单", "监管", "机构", "中转", "转运", "经纪", "进口", "审查",
                 "实验室", "病原体", "毒素", "运载工具", "导弹", "技术", "合作", "援助", "能力建设",
                 "委员会", "决议", "执行"},
    [LANG_EN] = {"law", "exports", "controlled", "chemical", "weapons", "nuclear", "materials",
                 "biological", "border", "customs", "licensing", "authorities", "national",
                 "penalties", "terrorism", "non-State", "actors", "prohibits", "transfers",
                 "financing", "proliferation", "article", "regulation", "delivery", "means",
                 "physical", "protection", "trafficking", "toxins", "laboratories", "security",
                 "lists", "brokering", "transit", "transshipment", "imports", "inspections",
                 "monitoring", "decree", "enforcement"},
    [LANG_FR] = {"loi", "exportations", "contrôles", "chimiques", "armes", "nucléaires", "matières",
                 "biologiques", "frontières", "douanes", "licences", "autorités", "nationales",
                 "sanctions", "terrorisme", "acteurs", "étatiques", "interdit", "transferts",
                 "financement", "prolifération", "l’article", "règlement", "vecteurs", "moyens",
                 "physique", "protection", "trafic", "toxines", "laboratoires", "sécurité", "listes",
                 "courtage", "transit", "transbordement", "importations", "inspections",
                 "surveillance", "décret", "répression"},
    [LANG_RU] = {"закон", "экспортного", "контроля", "химического", "оружия", "ядерных",
                 "материалов", "биологической", "границы", "таможенные", "лицензирования",
                 "органы", "национальные", "санкции", "терроризма", "негосударственных", "субъектов",
                 "запрещает", "передачу", "финансирования", "распространения", "статьи",
                 "постановление", "средств", "доставки", "физической", "защиты", "незаконного",
                 "токсинов", "лабораторий", "безопасности", "списки", "посредничества", "транзита",
                 "перевалки", "импорта", "инспекций", "мониторинга", "указ", "правоприменения"},
    [LANG_ES] = {"ley", "exportaciones", "controles", "químicas", "armas", "nucleares", "materiales",
                 "biológicas", "fronteras", "aduanas", "licencias", "autoridades", "nacionales",
                 "sanciones", "terrorismo", "agentes", "estatales", "prohíbe", "transferencias",
                 "financiación", "proliferación", "artículo", "reglamento", "vectores", "medios",
                 "física", "protección", "tráfico", "toxinas", "laboratorios", "seguridad", "listas",
                 "intermediación", "tránsito", "transbordo", "importaciones", "inspecciones",
                 "vigilancia", "decreto", "aplicación"},
};

/* Ten queries per language as people type them: five words, five pairs. */
static const char *const queries[LANG_COUNT][NQ] = {
    [LANG_AR] = {"القانون", "اسلحة", "الكيميائيه", "الجمارك", "الارهاب", "الاسلحة النووية",
                 "الرقابة التصدير", "الحماية المادية", "تمويل الانتشار", "الجهات الدول"},
    [LANG_ZH] = {"出口", "管制", "核材料", "海关", "许可证", "化学 武器", "出口管制 清单",
                 "实物保护", "生物安全 实验室", "恐怖主义 融资"},
    [LANG_EN] = {"export", "control", "weapon", "customs", "licence", "chemical weapon",
                 "export control", "physical protection", "nuclear material", "border security"},
    [LANG_FR] = {"exportation", "controle", "arme", "douane", "licence", "armes chimique",
                 "controle exportation", "protection physique", "matiere nucleaire",
                 "securite frontiere"},
    [LANG_RU] = {"экспорт", "контроль", "оружие", "таможня", "лицензирование", "химическое оружие",
                 "экспортный контроль", "физическая защита", "ядерный материал",
                 "безопасность границы"},
    [LANG_ES] = {"exportacion", "control", "arma", "aduana", "licencia", "armas quimica",
                 "control exportacion", "proteccion fisica", "material nuclear",
                 "seguridad frontera"},
};

static const char *const states[LANG_COUNT] = {"EGY", "CHN", "GBR", "FRA", "RUS", "ESP"};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static unsigned long long rng = 88172645463325252ULL;
static unsigned next_rand(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (unsigned)(rng >> 11);
}

/* A page of language l: words from its vocabulary (Chinese without spaces,
 * a full stop every dozen words). */
static void make_page(buf_t *b, int l)
{
    buf_reset(b);
    for (int w = 0; w < PAGE_WORDS; w++) {
        buf_puts(b, vocab[l][next_rand() % 40]);
        if (w % 12 == 11)
            buf_puts(b, l == LANG_ZH ? "。" : ". ");
        else if (l != LANG_ZH)
            buf_putc(b, ' ');
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    int i = (int)(p * (n - 1) + 0.5);
    return v[i];
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return fprintf(stderr, "usage: search_bench DB PAGES\n"), 2;
    int pages = atoi(argv[2]);
    int docs_per_lang = (pages + LANG_COUNT * DOC_PAGES - 1) / (LANG_COUNT * DOC_PAGES);
    err_t e = {0};
    store_t *st;
    sqlite3 *db;
    if (store_open(argv[1], STORE_OPEN_EXISTING, &st, &e) != RC_OK ||
        sqlite3_open(argv[1], &db) != SQLITE_OK)
        return fprintf(stderr, "%s\n", e.msg), 1;
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; CREATE VIRTUAL TABLE IF NOT EXISTS stock USING fts5(text);",
                 NULL, NULL, NULL);
    text_analyzer_t *an = text_analyzer_new(&e);
    buf_t b;
    buf_init(&b, 0);
    double ours = 0, theirs = 0, bytes = 0;
    int total_pages = 0;
    sqlite3_stmt *ins;
    sqlite3_prepare_v2(db, "INSERT INTO stock (rowid, text) VALUES (?, ?)", -1, &ins, NULL);
    for (int l = 0; l < LANG_COUNT; l++) {
        for (int d = 0; d < docs_per_lang; d++) {
            arena_t a = ARENA_INIT;
            report_t r = {.kind = "first-report", .date = "2020-01-01", .title = "bench", .size = -1};
            memcpy(r.state, states[l], 4);
            snprintf(r.language, sizeof r.language, "%s", lang_code((lang_t)l));
            report_page_t pg[DOC_PAGES];
            for (int p = 0; p < DOC_PAGES; p++) {
                make_page(&b, l);
                pg[p] = (report_page_t){.page = p + 1, .text = arena_strdup(&a, buf_str(&b))};
                bytes += (double)b.len;
            }
            /* ours: analysis and the index, in one transaction per report */
            double t0 = now();
            for (int p = 0; p < DOC_PAGES; p++)
                pg[p].terms = text_terms_joined(an, pg[p].text, strlen(pg[p].text), l, &a, &e);
            report_text_t t = {.status = REPORT_TEXT_OK, .note = "", .pages = DOC_PAGES, .page = pg,
                               .n = DOC_PAGES};
            if (store_begin(st, &e) != RC_OK || store_report_insert(st, &r, NULL, 0, &e) != RC_OK ||
                store_report_text_put(st, r.id, &t, &e) != RC_OK || store_commit(st, &e) != RC_OK)
                return fprintf(stderr, "index: %s\n", e.msg), 1;
            double t1 = now();
            /* stock unicode61 on the raw text, same transaction shape */
            sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
            for (int p = 0; p < DOC_PAGES; p++) {
                sqlite3_bind_int64(ins, 1, ++total_pages);
                sqlite3_bind_text(ins, 2, pg[p].text, -1, SQLITE_STATIC);
                sqlite3_step(ins);
                sqlite3_reset(ins);
            }
            sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
            theirs += now() - t1;
            ours += t1 - t0;
            arena_free(&a);
        }
    }
    sqlite3_finalize(ins);
    double mb = bytes / 1e6;
    printf("corpus: %d pages, %.1f MB of text, 6 languages\n", total_pages, mb);
    printf("indexing: r1540 %.2f MB/s, fts5 unicode61 %.2f MB/s, ratio %.2f\n", mb / ours,
           mb / theirs, (mb / ours) / (mb / theirs));

    sqlite3_stmt *hit, *cnt;
    sqlite3_prepare_v2(db, "SELECT rowid, bm25(stock) FROM stock WHERE stock MATCH ? ORDER BY 2 LIMIT 20",
                       -1, &hit, NULL);
    sqlite3_prepare_v2(db, "SELECT count(*) FROM stock WHERE stock MATCH ?", -1, &cnt, NULL);
    int found_ours = 0, found_theirs = 0;
    double worst = 0;
    printf("\n%-4s %-6s %10s %10s %12s %12s %8s\n", "lang", "words", "r1540 p50", "r1540 p99",
           "unicode61 p50", "unicode61 p99", "p99 x");
    for (int l = 0; l < LANG_COUNT; l++) {
        for (int two = 0; two < 2; two++) {
            double to[NQ / 2 * REPEAT], tt[NQ / 2 * REPEAT];
            int k = 0;
            for (int qi = two * NQ / 2; qi < (two + 1) * NQ / 2; qi++) {
                const char *q = queries[l][qi];
                /* stock: the words as typed, each a quoted string */
                buf_reset(&b);
                char *copy = strdup(q), *save = NULL;
                for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
                    buf_printf(&b, "%s\"%s\"", b.len ? " " : "", w);
                free(copy);
                for (int rep = 0; rep < REPEAT; rep++, k++) {
                    arena_t a = ARENA_INIT;
                    double t0 = now();
                    text_query_t tq;
                    search_hit_t *h;
                    size_t n;
                    long long total = 0;
                    search_filter_t f = {.query = &tq, .limit = 20};
                    if (text_query_parse(an, q, -1, &a, &tq, &e) == RC_OK)
                        store_search(st, &f, &a, &h, &n, &total, &e);
                    double t1 = now();
                    long long stock_total = 0;
                    sqlite3_bind_text(hit, 1, buf_str(&b), -1, SQLITE_TRANSIENT);
                    while (sqlite3_step(hit) == SQLITE_ROW)
                        ;
                    sqlite3_reset(hit);
                    sqlite3_bind_text(cnt, 1, buf_str(&b), -1, SQLITE_TRANSIENT);
                    if (sqlite3_step(cnt) == SQLITE_ROW)
                        stock_total = sqlite3_column_int64(cnt, 0);
                    sqlite3_reset(cnt);
                    double t2 = now();
                    to[k] = (t1 - t0) * 1e3;
                    tt[k] = (t2 - t1) * 1e3;
                    if (rep == 0) {
                        found_ours += total > 0;
                        found_theirs += stock_total > 0;
                    }
                    arena_free(&a);
                }
            }
            double o50 = pct(to, k, 0.5), o99 = pct(to, k, 0.99), s50 = pct(tt, k, 0.5),
                   s99 = pct(tt, k, 0.99);
            if (o99 / s99 > worst)
                worst = o99 / s99;
            printf("%-4s %-6s %8.2fms %8.2fms %10.2fms %10.2fms %8.2f\n", lang_code((lang_t)l),
                   two ? "two" : "one", o50, o99, s50, s99, o99 / s99);
        }
    }
    printf("\nqueries that find something (of 60): r1540 %d, fts5 unicode61 %d\n", found_ours,
           found_theirs);
    printf("worst p99 ratio r1540 / unicode61: %.2f (target: within 2x)\n", worst);
    buf_free(&b);
    text_analyzer_free(an);
    sqlite3_close(db);
    store_close(st);
    return 0;
}
