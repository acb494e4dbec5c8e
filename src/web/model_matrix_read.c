/*
 * The reading aids of a matrix page (model_matrix_read.h). The grid follows
 * the Committee's layout of OP 2 and OP 3: the activity or measure down the
 * side, nuclear / chemical / biological weapons across (r1540's template
 * keeps means of delivery as a fourth block, shown as a fourth column; where
 * the Committee puts them is unverified, data/template/README.md).
 */
#include "model_matrix_read.h"

#include <string.h>

#include "../review/matrix_sheet.h"
#include "model.h"
#include "web.h"

static const char *const weapon_tokens[] = {"NW", "CW", "BW", "MD"};
enum { NWEAPONS = 4 };

void model_entry_source(web_req_t *r, json_t *o, const matrix_entry_t *en, const report_t *reports,
                        size_t nr)
{
    const report_t *rep = NULL;
    for (size_t i = 0; en && en->source_report && i < nr && !rep; i++)
        if (reports[i].id == en->source_report)
            rep = &reports[i];
    json_object_set_new(o, "source_title", json_string(rep ? rep->title : ""));
    json_object_set_new(o, "source_date", json_string(rep ? rep->date : ""));
    json_object_set_new(o, "page_shown",
                        json_string(en && en->page && *en->page
                                        ? matrix_sheet_page(r->lang, en->page, &r->arena)
                                        : ""));
    json_object_set_new(o, "blank", json_boolean(!en || en->mark == MARK_BLANK));
}

/* The weapon column of an item id ("OP2-NW-USE-LAW": 0), or -1. */
static int weapon_of(const char *id, size_t *tok_at)
{
    const char *d = strchr(id, '-');
    if (!d)
        return -1;
    for (int w = 0; w < NWEAPONS; w++)
        if (strncmp(d + 1, weapon_tokens[w], 2) == 0 && d[3] == '-') {
            *tok_at = (size_t)(d - id);
            return w;
        }
    return -1;
}

/* The row key: the id without its weapon token ("OP2--USE-LAW"). */
static void row_key(const char *id, size_t tok_at, char *key, size_t cap)
{
    size_t n = strlen(id);
    if (n + 1 > cap)
        n = cap - 1;
    memcpy(key, id, tok_at + 1);
    size_t rest = n > tok_at + 3 ? n - (tok_at + 3) : 0;
    memcpy(key + tok_at + 1, id + tok_at + 3, rest);
    key[tok_at + 1 + rest] = '\0';
}

/* The measure without its weapon type: the label after its first dash. */
static const char *measure_label(const char *label)
{
    const char *d = strstr(label, " — ");
    if (d)
        return d + strlen(" — ");
    d = strstr(label, "——"); /* Chinese */
    return d ? d + strlen("——") : label;
}

static json_t *grid_new(web_req_t *r, const char *section)
{
    static const char *const names[NWEAPONS] = {"Nuclear weapons", "Chemical weapons",
                                                "Biological weapons", "Means of delivery"};
    json_t *cols = json_array();
    for (int w = 0; w < NWEAPONS; w++)
        json_array_append_new(cols, json_pack("{s:s}", "name", web_tr(r, names[w])));
    return json_pack("{s:s,s:s,s:o,s:[]}", "code", section, "name",
                     model_vocab_name(r, "section", section), "columns", cols, "rows");
}

/* The row of key in grid g, made (with NWEAPONS empty cells) when new. */
static json_t *grid_row(json_t *g, const char *key, const char *label)
{
    json_t *rows = json_object_get(g, "rows");
    for (size_t i = json_array_size(rows); i-- > 0;) {
        json_t *row = json_array_get(rows, i);
        if (strcmp(json_string_value(json_object_get(row, "key")), key) == 0)
            return row;
    }
    json_t *cells = json_array(), *cols = json_object_get(g, "columns");
    for (int w = 0; w < NWEAPONS; w++) /* col: the cell's label on a phone */
        json_array_append_new(cells, json_pack("{s:b,s:O}", "none", 1, "col",
                                               json_object_get(json_array_get(cols, w), "name")));
    json_t *row = json_pack("{s:s,s:s,s:o}", "key", key, "label", label, "cells", cells);
    json_array_append_new(rows, row);
    return row;
}

static const char *mark_class_of(mark_t m)
{
    return m == MARK_X ? "x" : m == MARK_UNSURE ? "q" : m == MARK_NA ? "na" : "blank";
}

static void coverage_add(web_req_t *r, json_t *cov, const char *section, bool x)
{
    json_t *last = json_array_size(cov) ? json_array_get(cov, json_array_size(cov) - 1) : NULL;
    if (!last || strcmp(json_string_value(json_object_get(last, "code")), section) != 0) {
        last = json_pack("{s:s,s:s,s:i,s:i}", "code", section, "name",
                         model_vocab_name(r, "section", section), "fields", 0, "x", 0);
        json_array_append_new(cov, last);
    }
    json_object_set_new(last, "fields",
                        json_integer(json_integer_value(json_object_get(last, "fields")) + 1));
    if (x)
        json_object_set_new(last, "x",
                            json_integer(json_integer_value(json_object_get(last, "x")) + 1));
}

void model_matrix_read(web_req_t *r, json_t *matrix, const template_item_t *items, size_t ni,
                       const matrix_entry_t *const *entry)
{
    json_t *grids = json_array(), *cov = json_array(), *g = NULL;
    for (size_t i = 0; i < ni; i++) {
        const matrix_entry_t *en = entry[i];
        mark_t mk = en ? en->mark : MARK_BLANK;
        coverage_add(r, cov, items[i].section, mk == MARK_X);
        size_t at;
        int w = weapon_of(items[i].id, &at);
        if (w < 0)
            continue;
        if (!g || strcmp(json_string_value(json_object_get(g, "code")), items[i].section) != 0) {
            g = grid_new(r, items[i].section);
            json_array_append_new(grids, g);
        }
        char key[64];
        row_key(items[i].id, at, key, sizeof key);
        const char *label = items[i].label[r->lang] ? items[i].label[r->lang] : items[i].id;
        json_t *row = grid_row(g, key, measure_label(label));
        json_t *cell = json_array_get(json_object_get(row, "cells"), (size_t)w);
        json_object_del(cell, "none");
        json_object_set_new(cell, "item", json_string(items[i].id));
        json_object_set_new(cell, "mark", json_string(matrix_mark_str(mk)));
        json_object_set_new(cell, "mark_class", json_string(mark_class_of(mk)));
        json_object_set_new(cell, "blank", json_boolean(mk == MARK_BLANK));
    }
    /* each grid goes with its section, shown above the section's rows */
    json_t *sections = json_object_get(matrix, "sections");
    for (size_t k = 0; k < json_array_size(grids); k++) {
        json_t *gk = json_array_get(grids, k);
        for (size_t j = 0; j < json_array_size(sections); j++) {
            json_t *sec = json_array_get(sections, j);
            if (strcmp(json_string_value(json_object_get(sec, "code")),
                       json_string_value(json_object_get(gk, "code"))) == 0)
                json_object_set(sec, "grid", gk);
        }
    }
    json_decref(grids);
    json_object_set_new(matrix, "coverage", cov);
}

json_t *model_state_card(web_req_t *r, const report_t *reports, size_t nr)
{
    (void)r;
    const char *first = "", *last = "";
    for (size_t i = 0; i < nr; i++) {
        if (strcmp(reports[i].kind, "first-report") == 0 &&
            (!*first || strcmp(reports[i].date, first) < 0))
            first = reports[i].date;
        if (strcmp(reports[i].kind, "additional-information") == 0 &&
            strcmp(reports[i].date, last) > 0)
            last = reports[i].date;
    }
    return json_pack("{s:b,s:s,s:s,s:i}", "reported", *first != '\0', "first_report", first,
                     "last_addendum", last, "reports", (int)nr);
}
