/*
 * Tests of the CSV reader and writer (src/io/csv.c) and of the dataset CSV
 * import and export (src/io/csv_import.c, src/io/csv_export.c): exact
 * roundtrips of awkward fields, every malformed-CSV error with its line and
 * column, and field validation on small files written to a temporary folder.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../src/io/csv.h"
#include "../../src/io/csv_export.h"
#include "../../src/io/csv_import.h"
#include "tap.h"

#define STATES_HEADER                                                                              \
    "alpha3,alpha2,numeric,un_group,m49_region,m49_subregion,m49_intermediate,ldc,lldc,sids,"      \
    "name_ar,name_zh,name_en,name_fr,name_ru,name_es\r\n"
#define REPORTS_HEADER "id,state,kind,date,language,title,filename,media_type,size,sha256\r\n"
#define VERSIONS_HEADER "state,version,template_version,status,created,approved,published,note\r\n"
#define ENTRIES_HEADER "state,version,item,mark,legal_reference,source_report,page,remark\r\n"
#define SHA "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static char tmpdir[64];

/* ---- helpers ---- */

static char *path_in(const char *name)
{
    static char p[256];
    snprintf(p, sizeof p, "%s/%s", tmpdir, name);
    return p;
}

static void put_file(const char *name, const char *text, size_t len)
{
    FILE *f = fopen(path_in(name), "wb");
    if (!f) {
        perror(name);
        exit(2);
    }
    fwrite(text, 1, len, f);
    fclose(f);
}

static void put_text(const char *name, const char *text)
{
    put_file(name, text, strlen(text));
}

/* Removes a folder and everything in it. */
static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        struct stat sb;
        if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
            remove_tree(p);
        else
            remove(p);
    }
    closedir(d);
    remove(dir);
}

/* Parses text; true if the result is rc and (for errors) the message contains `want`. */
static int parse_gives(const char *text, size_t len, rc_t rc, const char *want)
{
    arena_t a = ARENA_INIT;
    csv_t t;
    err_t e = {0};
    rc_t got = csv_parse("t.csv", text, len, &a, &t, &e);
    int ok = got == rc && (!want || strstr(e.msg, want) != NULL);
    if (!ok)
        printf("#   rc %d, message: %s\n", got, e.msg);
    arena_free(&a);
    return ok;
}

#define PARSE_FAILS(text, want, name)                                                              \
    TAP_CHECK(parse_gives(text, strlen(text), RC_INPUT, want), name)

/* Imports path (relative to tmpdir unless empty); true if rc and message match. */
static int import_gives(const char *name, rc_t rc, const char *want)
{
    arena_t a = ARENA_INIT;
    dataset_t ds;
    err_t e = {0};
    rc_t got = csv_import_path(*name ? path_in(name) : tmpdir, &a, &ds, &e);
    int ok = got == rc && (!want || strstr(e.msg, want) != NULL);
    if (!ok)
        printf("#   rc %d, message: %s\n", got, e.msg);
    arena_free(&a);
    return ok;
}

/* ---- writer and reader ---- */

static const char *const awkward[] = {
    "plain",
    "",
    "a,b",
    "say \"hi\"",
    "\"",
    "two\r\nlines",
    "lf\nonly",
    " leading",
    "trailing ",
    "tab\there",
    "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9", /* Arabic */
    "\xe4\xb8\xad\xe6\x96\x87, \"\xe5\xbc\x95\xe5\x8f\xb7\"",   /* Chinese */
    "=1+2",
};
enum { NAWKWARD = sizeof awkward / sizeof *awkward };

static void test_writer(void)
{
    buf_t b;
    buf_init(&b, 1 << 20);
    csv_write_field(&b, "a,b");
    csv_write_field(&b, "x\"y");
    csv_write_field(&b, " s");
    csv_write_field(&b, "");
    csv_write_field(&b, "=SUM(A1)");
    csv_end_row(&b);
    TAP_STREQ(buf_str(&b), "\"a,b\",\"x\"\"y\",\" s\",,=SUM(A1)\r\n",
              "writer quotes only what it must");
    buf_reset(&b);
    csv_write_field(&b, "");
    csv_write_field(&b, NULL);
    csv_end_row(&b);
    TAP_STREQ(buf_str(&b), ",\r\n", "writer: empty first field and NULL");
    buf_free(&b);
}

static void test_roundtrip(void)
{
    buf_t b;
    buf_init(&b, 1 << 20);
    for (int i = 0; i < NAWKWARD; i++)
        buf_printf(&b, "h%d%s", i, i + 1 < NAWKWARD ? "," : "\r\n");
    for (int row = 0; row < 2; row++) {
        for (int i = 0; i < NAWKWARD; i++)
            csv_write_field(&b, awkward[(i + row) % NAWKWARD]);
        csv_end_row(&b);
    }
    arena_t a = ARENA_INIT;
    csv_t t;
    err_t e = {0};
    rc_t rc = csv_parse("rt.csv", b.data, b.len, &a, &t, &e);
    TAP_CHECK(rc == RC_OK, "roundtrip parses");
    TAP_CHECK(rc == RC_OK && t.ncols == NAWKWARD && t.nrows == 2, "roundtrip shape");
    int same = rc == RC_OK;
    for (size_t r = 0; same && r < t.nrows; r++)
        for (int i = 0; i < NAWKWARD; i++)
            same = same && strcmp(t.rows[r].fields[i], awkward[(i + r) % NAWKWARD]) == 0;
    TAP_CHECK(same, "roundtrip of awkward fields is exact");
    TAP_CHECK(rc == RC_OK && t.rows[0].line == 2 && t.rows[1].line == 5,
              "row line numbers count embedded line breaks");
    arena_free(&a);
    buf_free(&b);
}

static void test_reader_forms(void)
{
    arena_t a = ARENA_INIT;
    csv_t t;
    err_t e = {0};
    const char bom[] = "\xef\xbb\xbf"
                       "a,b\n1,\"2\"";
    rc_t rc = csv_parse("bom.csv", bom, strlen(bom), &a, &t, &e);
    TAP_CHECK(rc == RC_OK && strcmp(t.header[0], "a") == 0, "BOM is skipped");
    TAP_CHECK(rc == RC_OK && t.nrows == 1 && strcmp(t.rows[0].fields[1], "2") == 0,
              "LF line ends, no final line end");
    const char crlf[] = "a,b\r\n\"x\r\ny\",\r\n3,4\r\n";
    rc = csv_parse("crlf.csv", crlf, strlen(crlf), &a, &t, &e);
    TAP_CHECK(rc == RC_OK && t.nrows == 2 && strcmp(t.rows[0].fields[0], "x\r\ny") == 0 &&
                  strcmp(t.rows[0].fields[1], "") == 0 && t.rows[1].line == 4,
              "CRLF with a quoted line break and an empty last field");
    arena_free(&a);
}

static void test_reader_errors(void)
{
    PARSE_FAILS("a,b\n1,\"xx\n", "t.csv:2:3: quoted field is not closed", "unterminated quote");
    PARSE_FAILS("a,b\n1,x\"y\n", "t.csv:2:4: quote inside an unquoted field", "quote in field");
    PARSE_FAILS("a,b\n1,\"x\"y\n", "t.csv:2:6: unexpected character after the closing quote",
                "garbage after closing quote");
    PARSE_FAILS("a,b\n1,\xff\n", "t.csv:2:3: invalid UTF-8", "invalid UTF-8");
    PARSE_FAILS("a,b\n1,\"\xe4\xb8\"\n", "t.csv:2:4: invalid UTF-8", "truncated UTF-8 sequence");
    PARSE_FAILS("a,b\n1,x\x01\n", "t.csv:2:4: control character 0x01", "control character");
    PARSE_FAILS("a,b\n1\n", "t.csv:2:2: found 1 fields, expected 2", "too few fields");
    PARSE_FAILS("a,b\n1,2,3\n", "t.csv:2:5: more fields than the 2", "too many fields");
    PARSE_FAILS("a,b\n\"x\ny\",z\"q\n", "t.csv:3:5:", "column on a later line of a row");
    PARSE_FAILS("a,b\n\xd8\xb9,x\"\n", "t.csv:2:4:", "column counts characters, not bytes");
    PARSE_FAILS("a,b\r1,2\r\n", "t.csv:1:4: carriage return", "lone CR");
    PARSE_FAILS("a,b\n1,2\n\n", "t.csv:3:1: found 1 fields", "blank line is a short row");
    PARSE_FAILS("", "t.csv:1:1: the file is empty", "empty file");
    PARSE_FAILS("\xef\xbb\xbf", "the file is empty", "BOM only");
}

static void test_reader_limits(void)
{
    size_t max = CSV_MAX_FIELD;
    char *text = xmalloc(max + 16);
    memcpy(text, "a\n", 2);
    memset(text + 2, 'x', max + 1);
    TAP_CHECK(parse_gives(text, max + 3, RC_INPUT, "t.csv:2:1: field is longer than"),
              "field over 1 MiB");
    text[2] = '"';
    memset(text + 3, 'x', max + 1);
    text[max + 4] = '"';
    TAP_CHECK(parse_gives(text, max + 5, RC_INPUT, "t.csv:2:1: field is longer than"),
              "quoted field over 1 MiB");
    text[max + 3] = '"';
    TAP_CHECK(parse_gives(text, max + 4, RC_OK, NULL), "quoted field of exactly 1 MiB");
    free(text);
    size_t rows = CSV_MAX_ROWS + 1, len = 2 + 2 * rows;
    text = xmalloc(len);
    memcpy(text, "a\n", 2);
    for (size_t i = 0; i < rows; i++)
        memcpy(text + 2 + 2 * i, "1\n", 2);
    TAP_CHECK(parse_gives(text, len, RC_INPUT, "t.csv:1000002:1: more than 1000000 rows"),
              "more than a million rows");
    TAP_CHECK(parse_gives(text, len - 2, RC_OK, NULL), "exactly a million rows");
    free(text);
}

/* ---- import ---- */

#define STATE_ROW_AFG                                                                              \
    "AFG,AF,004,APG,142,034,,1,1,0,\xd8\xa3\xd9\x81\xd8\xba\xd8\xa7\xd9\x86\xd8\xb3\xd8\xaa"       \
    "\xd8\xa7\xd9\x86,\xe9\x98\xbf\xe5\xaf\x8c\xe6\xb1\x97,Afghanistan,Afghanistan,"               \
    "\xd0\x90\xd1\x84\xd0\xb3\xd0\xb0\xd0\xbd\xd0\xb8\xd1\x81\xd1\x82\xd0\xb0\xd0\xbd,"            \
    "Afganist\xc3\xa1n\r\n"
#define STATE_ROW_GBR                                                                              \
    "GBR,GB,826,WEOG,150,154,,0,0,0,ar,zh,\"United Kingdom of Great Britain, and "                 \
    "NI\",fr,ru,es\r\n"

static void test_import_states(void)
{
    put_text("s.csv", STATES_HEADER STATE_ROW_AFG STATE_ROW_GBR);
    arena_t a = ARENA_INIT;
    dataset_t ds;
    err_t e = {0};
    rc_t rc = csv_import_path(path_in("s.csv"), &a, &ds, &e);
    TAP_CHECK(rc == RC_OK && ds.nstates == 2 && !ds.nreports && !ds.nmatrices, "states.csv imports");
    if (rc == RC_OK && ds.nstates == 2) {
        const state_t *s = &ds.states[0].state;
        TAP_CHECK(strcmp(s->alpha3, "AFG") == 0 && strcmp(s->m49_subregion, "034") == 0 &&
                      !*s->m49_intermediate && s->ldc && s->lldc && !s->sids,
                  "state codes and flags");
        TAP_STREQ(s->name[LANG_ES], "Afganist\xc3\xa1n", "state name in Spanish");
        TAP_STREQ(ds.states[1].state.name[LANG_EN], "United Kingdom of Great Britain, and NI",
                  "quoted name with a comma");
        TAP_CHECK(strstr(ds.states[1].where, "s.csv:3") != NULL, "where names file and line");
        TAP_CHECK(!ds.has_demo && ds.template_version == 0, "CSV says nothing on demo or template");
    }
    arena_free(&a);

    put_text("s.csv",
             STATES_HEADER STATE_ROW_AFG "GBR,GB,826,WEOG,150,154,,0,2,0,ar,zh,en,fr,ru,es\r\n");
    TAP_CHECK(import_gives("s.csv", RC_INPUT, "s.csv:3: lldc: '2' is not 0 or 1"), "bad flag");
    put_text("s.csv", STATES_HEADER "gbr,GB,826,WEOG,150,154,,0,0,0,ar,zh,en,fr,ru,es\r\n");
    TAP_CHECK(import_gives("s.csv", RC_INPUT, "s.csv:2: alpha3:"), "lowercase alpha3");
    put_text("s.csv", STATES_HEADER "GBR,GB,826,WEOG,150,154,,0,0,0,ar,zh,en,fr,,es\r\n");
    TAP_CHECK(import_gives("s.csv", RC_INPUT, "s.csv:2: name_ru:"), "empty name");
    put_text("s.csv", STATES_HEADER "GBR,GB,826,EU,150,154,,0,0,0,ar,zh,en,fr,ru,es\r\n");
    TAP_CHECK(import_gives("s.csv", RC_INPUT, "s.csv:2: un_group:"), "bad UN group");
    put_text("s.csv", STATES_HEADER STATE_ROW_GBR STATE_ROW_AFG STATE_ROW_GBR);
    TAP_CHECK(import_gives("s.csv", RC_INPUT, "s.csv:4: duplicate state GBR (first on line 2)"),
              "duplicate state");
    put_text("s.csv", "alpha3,alpha2\r\nGBR,GB\r\n");
    TAP_CHECK(import_gives("s.csv", RC_INPUT, "s.csv:1: unrecognised header"), "wrong header");
    put_text("s.csv", STATES_HEADER "GBR,GB,826,WEOG,150,154,,0,0,0,ar,zh,\"en,fr,ru,es\r\n");
    TAP_CHECK(import_gives("s.csv", RC_INPUT, "s.csv:2:38: quoted field is not closed"),
              "truncated file");
    remove(path_in("s.csv"));
}

static void test_import_reports(void)
{
    put_text("r.csv", REPORTS_HEADER "7,AFG,first-report,2005-03-01,en,First report,r.pdf,"
                                     "application/pdf,1234," SHA "\r\n"
                                     "9,AFG,letter,2006-01-02,fr,\"Lettre, note\",,,-1,\r\n");
    arena_t a = ARENA_INIT;
    dataset_t ds;
    err_t e = {0};
    rc_t rc = csv_import_path(path_in("r.csv"), &a, &ds, &e);
    TAP_CHECK(rc == RC_OK && ds.nreports == 2, "reports.csv imports");
    if (rc == RC_OK && ds.nreports == 2) {
        const report_t *r = &ds.reports[0].meta;
        TAP_CHECK(r->id == 7 && r->size == 1234 && strcmp(r->sha256, SHA) == 0 &&
                      strcmp(r->filename, "r.pdf") == 0 && !r->has_document && !ds.reports[0].doc,
                  "report with a file");
        r = &ds.reports[1].meta;
        TAP_CHECK(r->size == -1 && !r->filename && !r->media_type && !*r->sha256 &&
                      strcmp(r->kind, "letter") == 0,
                  "report without a file");
    }
    arena_free(&a);

    put_text("r.csv", REPORTS_HEADER "7,AFG,letter,2005-02-30,en,T,,,-1,\r\n");
    TAP_CHECK(import_gives("r.csv", RC_INPUT, "r.csv:2: date: '2005-02-30' is not a date"),
              "bad date");
    put_text("r.csv", REPORTS_HEADER "7,AFG,letter,2003-02-03,en,T,,,-1,\r\n");
    TAP_CHECK(import_gives("r.csv", RC_INPUT, "r.csv:2: date:"), "date before the resolution");
    put_text("r.csv", REPORTS_HEADER "99999999999999999999,AFG,letter,2005-02-03,en,T,,,-1,\r\n");
    TAP_CHECK(import_gives("r.csv", RC_INPUT, "r.csv:2: id:"), "id overflow");
    put_text("r.csv", REPORTS_HEADER "7,AFG,letter,2005-02-03,en,T,,,12x,\r\n");
    TAP_CHECK(import_gives("r.csv", RC_INPUT, "r.csv:2: size:"), "size not a number");
    put_text("r.csv", REPORTS_HEADER "7,AFG,memo,2005-02-03,en,T,,,-1,\r\n");
    TAP_CHECK(import_gives("r.csv", RC_INPUT, "r.csv:2: kind:"), "bad kind");
    put_text("r.csv", REPORTS_HEADER "7,AFG,letter,2005-02-03,en,,,,-1,\r\n");
    TAP_CHECK(import_gives("r.csv", RC_INPUT, "r.csv:2: title:"), "empty title");
    put_text("r.csv", REPORTS_HEADER "7,AFG,letter,2005-02-03,en,\"two\nlines\",,,-1,\r\n");
    TAP_CHECK(import_gives("r.csv", RC_INPUT, "r.csv:2: title:"), "title on two lines");
    put_text("r.csv", REPORTS_HEADER "7,AFG,letter,2005-02-03,en,T,,,-1,\r\n"
                                     "07,AFG,letter,2005-02-03,en,T,,,-1,\r\n");
    TAP_CHECK(import_gives("r.csv", RC_INPUT, "r.csv:3: duplicate report id 7 (first on line 2)"),
              "duplicate report id");
    remove(path_in("r.csv"));
}

static void test_import_matrices(void)
{
    mkdir(path_in("m"), 0700);
    put_text("m/matrix_versions.csv",
             VERSIONS_HEADER "AFG,1,1,approved,2010-01-01,2010-02-01,,\"first, approved\"\r\n"
                             "AFG,2,1,draft,2012-01-01,,,\r\n");
    put_text("m/matrix_entries.csv", ENTRIES_HEADER "AFG,2,OP1-A,X,\"Law 1, art. 2\",7,p. 3,\r\n"
                                                    "AFG,1,OP1-A,?,,,,\"multi\r\nline\"\r\n"
                                                    "AFG,2,OP1-B,NA,,,,\r\n");
    arena_t a = ARENA_INIT;
    dataset_t ds;
    err_t e = {0};
    rc_t rc = csv_import_path(path_in("m"), &a, &ds, &e);
    TAP_CHECK(rc == RC_OK && ds.nmatrices == 2, "folder with versions and entries imports");
    if (rc == RC_OK && ds.nmatrices == 2) {
        const ds_matrix_t *m1 = &ds.matrices[0], *m2 = &ds.matrices[1];
        TAP_CHECK(m1->v.number == 1 && m1->v.status == MV_APPROVED && m1->nentries == 1 &&
                      strcmp(m1->entries[0].remark, "multi\r\nline") == 0,
                  "entries grouped under version 1");
        TAP_CHECK(m2->nentries == 2 && m2->entries[0].mark == MARK_X &&
                      m2->entries[0].source_report == 7 &&
                      strcmp(m2->entries[1].item, "OP1-B") == 0 && m2->entries[1].mark == MARK_NA,
                  "entries of version 2 in file order");
        TAP_STREQ(m1->v.note, "first, approved", "version note");
    }
    arena_free(&a);

    put_text("m/matrix_entries.csv", ENTRIES_HEADER "AFG,3,OP1-A,X,,,,\r\n");
    TAP_CHECK(import_gives("m", RC_INPUT, "matrix_entries.csv:2: version: AFG has no version 3"),
              "entry without a version");
    TAP_CHECK(import_gives("m/matrix_entries.csv", RC_INPUT, "matrix_entries.csv:2:"),
              "entries file alone");
    put_text("m/matrix_entries.csv", ENTRIES_HEADER "AFG,1,OP1-A,X,,,,\r\nAFG,1,OP1-A,?,,,,\r\n");
    TAP_CHECK(import_gives("m", RC_INPUT, "matrix_entries.csv:3: duplicate entry"),
              "duplicate entry");
    put_text("m/matrix_entries.csv", ENTRIES_HEADER "AFG,1,OP1-A,Y,,,,\r\n");
    TAP_CHECK(import_gives("m", RC_INPUT, "matrix_entries.csv:2: mark:"), "bad mark");
    put_text("m/matrix_entries.csv", ENTRIES_HEADER "AFG,1,op1,X,,,,\r\n");
    TAP_CHECK(import_gives("m", RC_INPUT, "matrix_entries.csv:2: item:"), "bad item id");
    put_text("m/matrix_entries.csv", ENTRIES_HEADER "AFG,1,OP1-A,X,,,\"p\n2\",\r\n");
    TAP_CHECK(import_gives("m", RC_INPUT, "matrix_entries.csv:2: page:"), "page on two lines");
    remove(path_in("m/matrix_entries.csv"));
    put_text("m/matrix_versions.csv", VERSIONS_HEADER "AFG,1,1,draft,2010-01-01,,,\r\n"
                                                      "AFG,1,1,draft,2010-01-01,,,\r\n");
    TAP_CHECK(import_gives("m", RC_INPUT, "matrix_versions.csv:3: duplicate matrix version AFG 1"),
              "duplicate version");
    put_text("m/matrix_versions.csv", VERSIONS_HEADER "AFG,1,1,approved,2010-01-01,,,\r\n");
    TAP_CHECK(import_gives("m", RC_INPUT, "matrix_versions.csv:2: approved:"),
              "approved version without its date");
    put_text("m/matrix_versions.csv", VERSIONS_HEADER "AFG,2147483648,1,draft,2010-01-01,,,\r\n");
    TAP_CHECK(import_gives("m", RC_INPUT, "matrix_versions.csv:2: version:"), "version overflow");
    put_text("m/matrix_versions.csv", REPORTS_HEADER);
    TAP_CHECK(import_gives("m", RC_INPUT, "matrix_versions.csv:1: unrecognised header"),
              "file in a folder with another kind's header");
    remove(path_in("m/matrix_versions.csv"));
    TAP_CHECK(import_gives("m", RC_INPUT, "no states.csv"), "empty folder");
    remove(path_in("m"));
    TAP_CHECK(import_gives("m", RC_NOTFOUND, NULL), "missing path");
}

static void test_import_oversized(void)
{
    size_t big = CSV_MAX_FIELD + 10, n = strlen(REPORTS_HEADER);
    char *text = xmalloc(n + big + 64);
    memcpy(text, REPORTS_HEADER, n);
    memcpy(text + n, "7,AFG,letter,2005-02-03,en,", 27);
    memset(text + n + 27, 'x', big);
    memcpy(text + n + 27 + big, ",,,-1,\r\n", 8);
    put_file("r.csv", text, n + 27 + big + 8);
    free(text);
    TAP_CHECK(import_gives("r.csv", RC_INPUT, "r.csv:2:28: field is longer than"),
              "oversized field in an import");
    remove(path_in("r.csv"));
}

/* ---- export then import ---- */

static void fill_dataset(arena_t *a, dataset_t *ds)
{
    static char *names[LANG_COUNT] = {"\xd8\xb9", "\xe4\xb8\xad", " Lead, \"q\"", "fr", "ru", "es"};
    memset(ds, 0, sizeof *ds);
    ds->states = arena_alloc(a, sizeof *ds->states);
    ds->nstates = 1;
    state_t *s = &ds->states[0].state;
    *s = (state_t){.alpha2 = "XA",
                   .alpha3 = "XAA",
                   .numeric = "999",
                   .un_group = "NONE",
                   .m49_region = "002",
                   .m49_subregion = "202",
                   .sids = true};
    memcpy(s->name, names, sizeof names);
    ds->reports = arena_alloc(a, sizeof *ds->reports);
    ds->nreports = 1;
    ds->reports[0].meta = (report_t){.id = 3,
                                     .state = "XAA",
                                     .kind = "action-plan",
                                     .date = "2019-09-09",
                                     .language = "ar",
                                     .title = "Plan \"2019\"",
                                     .size = -1};
    ds->matrices = arena_alloc(a, sizeof *ds->matrices);
    ds->nmatrices = 1;
    ds_matrix_t *m = &ds->matrices[0];
    m->v = (matrix_version_t){.state = "XAA",
                              .number = 4,
                              .template_version = 1,
                              .status = MV_PUBLISHED,
                              .created = "2020-01-01",
                              .approved = "2020-02-02",
                              .published = "2020-03-03",
                              .note = "line1\nline2"};
    m->entries = arena_alloc(a, 2 * sizeof *m->entries);
    m->nentries = 2;
    m->entries[0] = (matrix_entry_t){.item = "OP2-X",
                                     .mark = MARK_UNSURE,
                                     .legal_reference = "=cmd|' /C calc'!A0",
                                     .source_report = 3,
                                     .page = "",
                                     .remark = " trailing "};
    m->entries[1] = (matrix_entry_t){
        .item = "OP2-Y", .mark = MARK_BLANK, .legal_reference = "", .page = "12", .remark = ""};
}

static void test_export_roundtrip(void)
{
    arena_t a = ARENA_INIT;
    dataset_t in, out;
    err_t e = {0};
    fill_dataset(&a, &in);
    rc_t rc = csv_export_dir(&in, path_in("exp"), &e);
    TAP_CHECK(rc == RC_OK, "export writes a folder");
    struct stat sb;
    TAP_CHECK(stat(path_in("exp/states.csv.tmp"), &sb) != 0, "no temporary file left");
    rc = rc == RC_OK ? csv_import_path(path_in("exp"), &a, &out, &e) : rc;
    TAP_CHECK(rc == RC_OK, "exported folder imports");
    if (rc == RC_OK) {
        const state_t *s = &out.states[0].state;
        TAP_CHECK(out.nstates == 1 && strcmp(s->name[LANG_EN], " Lead, \"q\"") == 0 && s->sids &&
                      !s->ldc && strcmp(s->name[LANG_AR], "\xd8\xb9") == 0,
                  "state survives the roundtrip");
        const report_t *r = &out.reports[0].meta;
        TAP_CHECK(out.nreports == 1 && r->id == 3 && r->size == -1 && !r->filename &&
                      strcmp(r->title, "Plan \"2019\"") == 0,
                  "report survives the roundtrip");
        const ds_matrix_t *m = &out.matrices[0];
        TAP_CHECK(out.nmatrices == 1 && m->v.status == MV_PUBLISHED &&
                      strcmp(m->v.note, "line1\nline2") == 0 && m->nentries == 2 &&
                      strcmp(m->entries[0].legal_reference, "=cmd|' /C calc'!A0") == 0 &&
                      strcmp(m->entries[0].remark, " trailing ") == 0 &&
                      m->entries[0].source_report == 3 && m->entries[1].mark == MARK_BLANK &&
                      strcmp(m->entries[1].page, "12") == 0,
                  "matrix survives the roundtrip");
    }
    TAP_CHECK(csv_export_dir(&in, path_in("exp"), &e) == RC_OK, "export into an existing folder");
    put_text("file", "x");
    TAP_CHECK(csv_export_dir(&in, path_in("file"), &e) == RC_FAIL, "export onto a file fails");
    remove(path_in("file"));
    arena_free(&a);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s", "/tmp/r1540-test-csv-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 2;
    }
    test_writer();
    test_roundtrip();
    test_reader_forms();
    test_reader_errors();
    test_reader_limits();
    test_import_states();
    test_import_reports();
    test_import_matrices();
    test_import_oversized();
    test_export_roundtrip();
    remove_tree(tmpdir);
    return tap_done();
}
