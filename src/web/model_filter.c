/*
 * The rows of a matrix page, filtered (issue 13): by section, weapon type,
 * mark and "changed in this draft", each a GET parameter, so that a filtered
 * view is a link and works without JavaScript. The model is the grouped
 * matrix of model.c (sections > tables > entries); rows that do not pass are
 * taken out, and then the tables and sections left empty. A value that names
 * no section, weapon or mark applies no filter and says so next to its field.
 */
#include <string.h>

#include "model_filter.h"

/* The weapon types of the template's items ("-": none), named for the filter. */
static const struct {
    const char *code, *name;
} weapons[] = {
    {"nuclear", "Nuclear weapons"},
    {"chemical", "Chemical weapons"},
    {"biological", "Biological weapons"},
    {"delivery", "Means of delivery"},
};

static const char *const mark_codes[] = {"X", "?", "NA", "blank"};

/* A GET parameter, NULL when absent or empty. */
static const char *param(web_req_t *r, const char *name)
{
    const char *v = web_query(r, name);
    return v && *v ? v : NULL;
}

static bool section_known(json_t *matrix, const char *code)
{
    json_t *sec;
    size_t i;
    json_array_foreach(json_object_get(matrix, "sections"), i, sec)
        if (strcmp(json_string_value(json_object_get(sec, "code")), code) == 0)
            return true;
    return false;
}

static bool weapon_known(const char *code)
{
    for (size_t i = 0; i < sizeof weapons / sizeof *weapons; i++)
        if (strcmp(weapons[i].code, code) == 0)
            return true;
    return false;
}

static bool mark_known(const char *code)
{
    for (size_t i = 0; i < sizeof mark_codes / sizeof *mark_codes; i++)
        if (strcmp(mark_codes[i], code) == 0)
            return true;
    return false;
}

/* The filter in force: each NULL when not given or not known. */
typedef struct {
    const char *section, *weapon, *mark;
    bool changed;
} row_filter_t;

static bool row_passes(const row_filter_t *f, json_t *en)
{
    const char *mark = json_string_value(json_object_get(en, "mark"));
    if (f->weapon && strcmp(json_string_value(json_object_get(en, "weapon")), f->weapon) != 0)
        return false;
    if (f->mark && strcmp(*mark ? mark : "blank", f->mark) != 0)
        return false;
    return !f->changed || json_is_true(json_object_get(en, "changed"));
}

/* Takes out of `matrix` the rows f does not pass, then empty groups. */
static void rows_keep(json_t *matrix, const row_filter_t *f)
{
    json_t *sections = json_object_get(matrix, "sections");
    for (size_t i = json_array_size(sections); i-- > 0;) {
        json_t *sec = json_array_get(sections, i);
        json_t *tables = json_object_get(sec, "tables");
        bool other = f->section && strcmp(json_string_value(json_object_get(sec, "code")),
                                          f->section) != 0;
        for (size_t k = json_array_size(tables); k-- > 0;) {
            json_t *entries = json_object_get(json_array_get(tables, k), "entries");
            for (size_t j = json_array_size(entries); j-- > 0;)
                if (other || !row_passes(f, json_array_get(entries, j)))
                    json_array_remove(entries, j);
            if (json_array_size(entries) == 0)
                json_array_remove(tables, k);
        }
        if (json_array_size(tables) == 0)
            json_array_remove(sections, i);
    }
}

/* The choices of one filter field, the one in force selected. */
static json_t *choices(web_req_t *r, const char *const *codes, const char *const *names, size_t n,
                       const char *current)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s,s:s,s:b}", "code", codes[i], "name",
                                           web_tr(r, names[i]), "selected",
                                           current && strcmp(current, codes[i]) == 0));
    return a;
}

void model_filter_rows(web_req_t *r, json_t *m, json_t *matrix)
{
    row_filter_t f = {param(r, "section"), param(r, "weapon"), param(r, "mark"), false};
    const char *changed = param(r, "changed");
    f.changed = changed && strcmp(changed, "1") == 0;
    json_t *errors = json_object();
    if (f.section && !section_known(matrix, f.section)) {
        json_object_set_new(errors, "section", json_string(web_tr(r, "No such section: no filter applied.")));
        f.section = NULL;
    }
    if (f.weapon && !weapon_known(f.weapon)) {
        json_object_set_new(errors, "weapon", json_string(web_tr(r, "No such weapon type: no filter applied.")));
        f.weapon = NULL;
    }
    if (f.mark && !mark_known(f.mark)) {
        json_object_set_new(errors, "mark", json_string(web_tr(r, "No such mark: no filter applied.")));
        f.mark = NULL;
    }
    /* the choices, before any row is taken out */
    json_t *secs = json_array(), *sec;
    size_t i;
    json_array_foreach(json_object_get(matrix, "sections"), i, sec) {
        const char *code = json_string_value(json_object_get(sec, "code"));
        json_array_append_new(secs, json_pack("{s:s,s:O,s:b}", "code", code, "name",
                                              json_object_get(sec, "name"), "selected",
                                              f.section && strcmp(f.section, code) == 0));
    }
    const char *wcodes[4], *wnames[4];
    for (size_t k = 0; k < 4; k++)
        wcodes[k] = weapons[k].code, wnames[k] = weapons[k].name;
    static const char *const mnames[] = {"X", "?", "NA", "blank"};
    bool on = f.section || f.weapon || f.mark || f.changed;
    json_object_set_new(m, "filter",
                        json_pack("{s:o,s:o,s:o,s:b,s:b,s:o}", "sections", secs, "weapons",
                                  choices(r, wcodes, wnames, 4, f.weapon), "marks",
                                  choices(r, mark_codes, mnames, 4, f.mark), "changed", f.changed,
                                  "on", on, "errors", errors));
    if (on)
        rows_keep(matrix, &f);
}
