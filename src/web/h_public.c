/*
 * Public pages: home, the states, a state with its published matrix, reports
 * and versions, version comparisons, and the open-data downloads.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../core/authz.h"
#include "../core/matrix.h"
#include "../core/media.h"
#include "../io/csv_export.h"
#include "../io/dataset.h"
#include "../io/iati_export.h"
#include "../io/json_export.h"
#include "../io/xlsx_export.h"
#include "../util/collate.h"
#include "../util/file.h"
#include "../util/fold.h"
#include "../util/text.h"
#include "handlers.h"
#include "model.h"
#include "model_practice.h"
#include "model_matrix_read.h"
#include "opendata_files.h"
#include "refcache.h"
#include "web.h"

/* ---- home ------------------------------------------------------------------ */

/* The newest published version of each state, indexed like `states`. */
static const matrix_version_t **latest_published(web_req_t *r, const state_t *states,
                                                 size_t ns, const matrix_version_t *v,
                                                 size_t nv)
{
    const matrix_version_t **out = arena_alloc(&r->arena, (ns + 1) * sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < nv; i++) {
        while (k < ns && strcmp(states[k].alpha3, v[i].state) < 0)
            k++;
        if (k < ns && strcmp(states[k].alpha3, v[i].state) == 0 && v[i].status == MV_PUBLISHED)
            out[k] = &v[i]; /* versions come by state and number: the last wins */
    }
    return out;
}

/* One state's line of the home page figures. */
typedef struct {
    bool reported;
    bool published;
    long x, applicable; /* of its latest published matrix */
} home_state_t;

/* How many items each template version has, read once per page: the
 * templates are shared by all states, and their labels are not needed here. */
typedef struct {
    int version[8];
    long items[8];
    size_t n;
} template_sizes_t;

static rc_t template_size(web_req_t *r, template_sizes_t *ts, int version, long *out, err_t *e)
{
    for (size_t i = 0; i < ts->n; i++)
        if (ts->version[i] == version)
            return *out = ts->items[i], RC_OK;
    template_item_t *items;
    size_t n;
    rc_t rc = store_template_items(r->st, version, &r->arena, &items, &n, e);
    if (rc != RC_OK)
        return rc;
    if (ts->n < sizeof ts->version / sizeof *ts->version) {
        ts->version[ts->n] = version;
        ts->items[ts->n++] = (long)n;
    }
    *out = (long)n;
    return RC_OK;
}

/* Coverage of one published matrix: fields marked X over the fields that
 * apply (the items of its template but those marked NA). */
static rc_t coverage_of(web_req_t *r, template_sizes_t *ts, const matrix_version_t *v,
                        home_state_t *hs, err_t *e)
{
    matrix_entry_t *en;
    size_t n;
    long ni = 0;
    arena_t counted = ARENA_INIT; /* the entries are only counted: freed at once */
    rc_t rc = template_size(r, ts, v->template_version, &ni, e);
    if (rc == RC_OK)
        rc = store_entries(r->st, v->id, &counted, &en, &n, e);
    long na = 0;
    for (size_t i = 0; rc == RC_OK && i < n; i++) {
        hs->x += en[i].mark == MARK_X;
        na += en[i].mark == MARK_NA;
    }
    hs->applicable = ni - na;
    arena_free(&counted);
    return rc;
}

static json_t *pct(long num, long den)
{
    return json_real(den ? 100.0 * (double)num / (double)den : 0.0);
}

/* Each state's figures, computed once for the totals and the regions. */
static rc_t home_states(web_req_t *r, const state_t *states, size_t ns, home_state_t *hs,
                        size_t *nreports, err_t *e)
{
    report_t *reports;
    matrix_version_t *versions;
    size_t nr, nv;
    rc_t rc = store_report_list(r->st, NULL, &r->arena, &reports, &nr, e);
    if (rc == RC_OK)
        rc = store_version_list(r->st, NULL, &r->arena, &versions, &nv, e);
    if (rc != RC_OK)
        return rc;
    const matrix_version_t **pub = latest_published(r, states, ns, versions, nv);
    template_sizes_t ts = {.n = 0};
    for (size_t i = 0, k = 0; i < ns && rc == RC_OK; i++) {
        while (k < nr && strcmp(reports[k].state, states[i].alpha3) < 0)
            k++;
        hs[i].reported = k < nr && strcmp(reports[k].state, states[i].alpha3) == 0;
        hs[i].published = pub[i] != NULL;
        if (pub[i])
            rc = coverage_of(r, &ts, pub[i], &hs[i], e);
    }
    *nreports = nr;
    return rc;
}

rc_t h_home(web_req_t *r, json_t *m, err_t *e)
{
    state_t *states;
    size_t ns, nr;
    vocab_t *voc;
    size_t nvoc;
    rc_t rc = store_state_list(r->st, &r->arena, &states, &ns, e);
    if (rc == RC_OK)
        rc = store_vocab_list(r->st, "region", &r->arena, &voc, &nvoc, e);
    home_state_t *hs = arena_alloc(&r->arena, (ns + 1) * sizeof *hs);
    if (rc == RC_OK)
        rc = home_states(r, states, ns, hs, &nr, e);
    if (rc != RC_OK)
        return rc;
    long reported = 0, published = 0, x = 0, applicable = 0;
    for (size_t i = 0; i < ns; i++) {
        reported += hs[i].reported;
        published += hs[i].published;
        x += hs[i].x;
        applicable += hs[i].applicable;
    }
    /* per region right under World (Africa, Americas, ...), in the vocabulary's order */
    json_t *regions = json_array();
    for (size_t g = 0; g < nvoc; g++) {
        if (strcmp(voc[g].parent, "001") != 0)
            continue;
        long sn = 0, srep = 0, spub = 0, sx = 0, sapp = 0;
        for (size_t i = 0; i < ns; i++)
            if (strcmp(states[i].m49_region, voc[g].code) == 0) {
                sn++;
                srep += hs[i].reported;
                spub += hs[i].published;
                sx += hs[i].x;
                sapp += hs[i].applicable;
            }
        if (sn)
            json_array_append_new(regions, json_pack("{s:s,s:s,s:i,s:i,s:i,s:o}", "code",
                                                     voc[g].code, "name", voc[g].name[r->lang],
                                                     "states", (int)sn, "reported", (int)srep,
                                                     "published", (int)spub, "coverage",
                                                     pct(sx, sapp)));
    }
    json_object_set_new(m, "states", json_integer((json_int_t)ns));
    json_object_set_new(m, "reported", json_integer(reported));
    json_object_set_new(m, "never_reported", json_integer((json_int_t)ns - reported));
    json_object_set_new(m, "published", json_integer(published));
    json_object_set_new(m, "reports", json_integer((json_int_t)nr));
    json_object_set_new(m, "coverage", pct(x, applicable));
    json_object_set_new(m, "regions", regions);
    return RC_OK;
}

/* ---- states ---------------------------------------------------------------- */

static int state_name_cmp(const void *a, const void *b, void *lang)
{
    const char *na = json_string_value(json_object_get(*(json_t *const *)a, "name"));
    const char *nb = json_string_value(json_object_get(*(json_t *const *)b, "name"));
    return collate_cmp(*(lang_t *)lang, na, nb);
}

static bool state_passes(const state_t *s, const char *region, const char *group,
                         const char *flag)
{
    if (region && *region && strcmp(s->m49_region, region) != 0 &&
        strcmp(s->m49_subregion, region) != 0)
        return false;
    if (group && *group && strcmp(s->un_group, group) != 0)
        return false;
    if (flag && *flag &&
        !((strcmp(flag, "ldc") == 0 && s->ldc) || (strcmp(flag, "lldc") == 0 && s->lldc) ||
          (strcmp(flag, "sids") == 0 && s->sids)))
        return false;
    return true;
}

/* True if the search key q (fold_key; "" matches all) is in the state's code or
 * in its name in any of the six languages, whatever the case, accents or
 * Arabic vowel marks of either. */
static bool state_found(arena_t *a, const state_t *s, const char *q)
{
    if (!*q || strcasecmp(q, s->alpha3) == 0 || strcasecmp(q, s->alpha2) == 0)
        return true;
    for (int l = 0; l < LANG_COUNT; l++)
        if (fold_contains(a, s->name[l], q))
            return true;
    return false;
}

/* The regions as M49 lists them: a tree from World, each level in the
 * order of the English names (the UN Statistics Division's M49 overview),
 * indented by depth; World itself is "All". */
static void region_tree(web_req_t *r, const vocab_t *v, size_t n, const char *parent, int depth,
                        const char *chosen, json_t *out)
{
    const vocab_t **kids = arena_alloc(&r->arena, (n + 1) * sizeof *kids);
    size_t nk = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].parent, parent) == 0)
            kids[nk++] = &v[i];
    for (size_t i = 1; i < nk; i++) /* insertion sort: a handful of regions a level */
        for (size_t j = i; j > 0 && strcmp(kids[j - 1]->name[LANG_EN], kids[j]->name[LANG_EN]) > 0; j--) {
            const vocab_t *t = kids[j];
            kids[j] = kids[j - 1], kids[j - 1] = t;
        }
    for (size_t i = 0; i < nk && depth < 4; i++) {
        /* two no-break spaces a level (an option keeps them); depth < 4 */
        static const char indent[] = "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0";
        char *name = arena_printf(&r->arena, "%.*s%s", depth * 4, indent, kids[i]->name[r->lang]);
        json_array_append_new(out, json_pack("{s:s,s:s,s:b}", "code", kids[i]->code, "name", name,
                                             "selected", chosen && strcmp(chosen, kids[i]->code) == 0));
        region_tree(r, v, n, kids[i]->code, depth + 1, chosen, out);
    }
}

static json_t *region_choices(web_req_t *r, const char *chosen)
{
    json_t *a = json_array();
    const vocab_t *v;
    size_t n;
    err_t e = {0};
    if (web_ref_vocab(r, "region", &v, &n, &e) == RC_OK)
        region_tree(r, v, n, "001", 0, chosen, a);
    return a;
}

/* The states list's columns that sort it, and how: by name (as the
 * language collates), or by a figure, largest first. */
static const char *const sort_keys[] = {"name", "group", "region", "reports", "last", "coverage"};

static int states_sort_cmp(const void *a, const void *b, void *arg)
{
    const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    const web_req_t *r = arg;
    const char *key = json_string_value(json_object_get(x, "_sort"));
    int c = 0;
    if (strcmp(key, "reports") == 0 || strcmp(key, "coverage") == 0) {
        double dx = json_number_value(json_object_get(x, key)),
               dy = json_number_value(json_object_get(y, key));
        c = dx < dy ? 1 : dx > dy ? -1 : 0;
    } else if (strcmp(key, "last") == 0) {
        c = -strcmp(json_string_value(json_object_get(x, "last_report")),
                    json_string_value(json_object_get(y, "last_report")));
    } else if (strcmp(key, "group") == 0 || strcmp(key, "region") == 0) {
        const char *f = strcmp(key, "group") == 0 ? "group_name" : "region_name";
        c = collate_cmp(r->lang, json_string_value(json_object_get(x, f)),
                        json_string_value(json_object_get(y, f)));
    }
    return c ? c : state_name_cmp(a, b, (void *)&r->lang);
}

/* Appends s to b percent-encoded (a query value). */
static void url_put(buf_t *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (isalnum(*p) || strchr("-._~", *p))
            buf_printf(b, "%c", *p);
        else
            buf_printf(b, "%%%02X", *p);
}

/* Each sortable column's link, keeping the filters, and which one is on. */
static json_t *sort_links(web_req_t *r, const char *on, const char *const *filters)
{
    json_t *o = json_object();
    for (size_t k = 0; k < sizeof sort_keys / sizeof *sort_keys; k++) {
        buf_t b;
        buf_init(&b, 4096);
        buf_printf(&b, "states?sort=%s", sort_keys[k]);
        for (size_t i = 0; filters[i]; i++) {
            const char *v = web_query(r, filters[i]);
            if (v && *v && strlen(v) <= 100) {
                buf_printf(&b, "&%s=", filters[i]);
                url_put(&b, v);
            }
        }
        json_object_set_new(o, sort_keys[k],
                            json_pack("{s:s,s:b}", "href", buf_str(&b), "on",
                                      strcmp(on, sort_keys[k]) == 0));
        buf_free(&b);
    }
    return o;
}

/* Coverage of each state's newest published matrix (home_states), by alpha-3. */
static rc_t states_coverage(web_req_t *r, const state_t *states, size_t ns, home_state_t **out,
                            err_t *e)
{
    size_t nr;
    *out = arena_alloc(&r->arena, (ns + 1) * sizeof **out);
    memset(*out, 0, (ns + 1) * sizeof **out);
    return home_states(r, states, ns, *out, &nr, e);
}

rc_t h_states(web_req_t *r, json_t *m, err_t *e)
{
    const char *region = web_query(r, "region"), *group = web_query(r, "group"),
               *flag = web_query(r, "flag"), *q = web_query(r, "q");
    /* a search of more than 100 bytes or not UTF-8 finds nothing rather than erring */
    const char *key = !q ? "" : strlen(q) > 100 ? NULL : fold_key(&r->arena, q);
    state_t *states;
    report_t *reports;
    size_t ns, nr;
    rc_t rc = store_state_list(r->st, &r->arena, &states, &ns, e);
    if (rc == RC_OK)
        rc = store_report_list(r->st, NULL, &r->arena, &reports, &nr, e);
    home_state_t *hs = NULL;
    if (rc == RC_OK)
        rc = states_coverage(r, states, ns, &hs, e);
    if (rc != RC_OK)
        return rc;
    const char *sort = "name";
    const char *asked = web_query(r, "sort");
    for (size_t k = 0; asked && k < sizeof sort_keys / sizeof *sort_keys; k++)
        if (strcmp(asked, sort_keys[k]) == 0)
            sort = sort_keys[k];
    json_t **rows = arena_alloc(&r->arena, (ns + 1) * sizeof *rows);
    size_t n = 0, k = 0;
    for (size_t i = 0; i < ns; i++) {
        const char *last = "";
        int count = 0;
        while (k < nr && strcmp(reports[k].state, states[i].alpha3) < 0)
            k++;
        for (; k < nr && strcmp(reports[k].state, states[i].alpha3) == 0; k++, count++)
            last = reports[k].date; /* by date within a state: the last is the newest */
        if (!state_passes(&states[i], region, group, flag) || !key ||
            !state_found(&r->arena, &states[i], key))
            continue;
        json_t *o = model_state(r, &states[i]);
        json_object_set_new(o, "reports", json_integer(count));
        json_object_set_new(o, "last_report", json_string(last));
        json_object_set_new(o, "has_coverage", json_boolean(hs[i].published));
        if (hs[i].published) {
            json_object_set_new(o, "coverage", pct(hs[i].x, hs[i].applicable));
            json_object_set_new(o, "coverage_pct", json_integer(hs[i].applicable
                                    ? (json_int_t)(100.0 * (double)hs[i].x / (double)hs[i].applicable + 0.5) : 0));
        } else {
            json_object_set_new(o, "coverage", json_real(-1.0)); /* none: sorts last */
        }
        json_object_set_new(o, "_sort", json_string(sort));
        rows[n++] = o;
    }
    qsort_r(rows, n, sizeof *rows, states_sort_cmp, r);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        json_object_del(rows[i], "_sort");
        json_array_append_new(list, rows[i]);
    }
    static const char *const filters[] = {"q", "region", "group", "flag", NULL};
    json_object_set_new(m, "sort", sort_links(r, sort, filters));
    json_object_set_new(m, "states", list);
    json_object_set_new(m, "count", json_integer((json_int_t)n));
    json_object_set_new(m, "q", json_string(q && text_utf8_ok(q, strlen(q)) ? q : ""));
    json_object_set_new(m, "regions", region_choices(r, region));
    json_object_set_new(m, "groups", model_choices(r, "group", group, false));
    json_t *flags = json_array();
    static const char *const fl[][2] = {{"ldc", "Least developed countries"},
                                         {"lldc", "Landlocked developing countries"},
                                         {"sids", "Small island developing States"}};
    for (size_t i = 0; i < 3; i++)
        json_array_append_new(flags, json_pack("{s:s,s:s,s:b}", "code", fl[i][0], "name",
                                               web_tr(r, fl[i][1]), "selected",
                                               flag && strcmp(flag, fl[i][0]) == 0));
    json_object_set_new(m, "flags", flags);
    return RC_OK;
}

/* ---- a state --------------------------------------------------------------- */

rc_t h_state(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    report_t *reports;
    matrix_version_t *versions;
    size_t nr, nv;
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    if (rc == RC_OK)
        rc = store_report_list(r->st, s.alpha3, &r->arena, &reports, &nr, e);
    if (rc == RC_OK)
        rc = store_version_list(r->st, s.alpha3, &r->arena, &versions, &nv, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "state", model_state(r, &s));
    model_state_history(r, &s, m); /* issue 12: formal name, dated memberships */
    json_t *reps = json_array(), *vers = json_array();
    for (size_t i = nr; i-- > 0;) /* newest first */
        json_array_append_new(reps, model_report(r, &reports[i]));
    bool drafts = model_sees_drafts(r, s.alpha3);
    const matrix_version_t *pub = NULL;
    bool open_draft = false;
    for (size_t i = 0; i < nv; i++)
        open_draft |= versions[i].status == MV_DRAFT || versions[i].status == MV_WITH_STATE;
    json_object_set_new(m, "can_new", json_boolean(!open_draft &&
                                                   authz_allowed(r->user, ACT_MATRIX_EDIT, s.alpha3)));
    /* a link to the roster (personal data) for those who may read it */
    json_object_set_new(m, "can_roster", json_boolean(authz_allowed(r->user, ACT_ROSTER_READ,
                                                                    s.alpha3)));
    json_t *newer = NULL; /* each listed version links to its changes since the one below it */
    for (size_t i = nv; i-- > 0;) {
        if (versions[i].status == MV_PUBLISHED && !pub)
            pub = &versions[i];
        if (versions[i].status != MV_PUBLISHED && !drafts)
            continue;
        json_t *o = model_version(r, &versions[i]);
        if (newer)
            json_object_set_new(newer, "previous", json_integer(versions[i].number));
        json_array_append_new(vers, o);
        newer = o;
    }
    json_object_set_new(m, "reports", reps);
    json_object_set_new(m, "card", model_state_card(r, reports, nr)); /* issue 13 */
    json_object_set_new(m, "versions", vers);
    json_object_set_new(m, "has_versions", json_boolean(json_array_size(vers) > 1));
    if ((rc = h_assist_state(r, &s, m, e)) != RC_OK)
        return rc;
    if (pub) {
        json_t *mx;
        if ((rc = model_matrix(r, pub, &mx, e)) != RC_OK)
            return rc;
        json_object_set_new(m, "published", model_version(r, pub));
        json_object_set_new(m, "matrix", model_practice_counts(r, mx));
    }
    if (drafts)
        r->no_cache = true;
    return RC_OK;
}

/* ---- a version, and the changes between two ------------------------------- */

rc_t h_version(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    matrix_version_t v;
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    if (rc == RC_OK)
        rc = model_version_arg(r, &s, r->args[1], &v, e);
    json_t *mx;
    /* a version in progress gets a model of its own: its rows are marked
     * (changed, saved, the item of the entry form) and filtered
     * (h_version_workflow in h_workspace.c); a published one is shared */
    if (rc == RC_OK)
        rc = v.status != MV_PUBLISHED || web_query(r, "item") ? model_matrix(r, &v, &mx, e)
                                                             : model_matrix_shared(r, &v, &mx, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "state", model_state(r, &s));
    json_object_set_new(m, "version", model_version(r, &v));
    json_object_set_new(m, "matrix", model_practice_counts(r, mx)); /* issue 17 item 5 */
    const char *item = web_query(r, "item"); /* the editor's item: its practices by the form */
    if (item && template_item_id_ok(item))
        json_object_set_new(m, "item_practices", model_item_practices(r, item));
    return h_version_workflow(r, &s, &v, m, e);
}

static json_t *entry_side(const matrix_entry_t *en)
{
    return json_pack("{s:s,s:s,s:s,s:s}", "mark", en ? matrix_mark_str(en->mark) : "",
                     "legal_reference", en ? en->legal_reference : "", "page",
                     en ? en->page : "", "remark", en ? en->remark : "");
}

rc_t h_diff(web_req_t *r, json_t *m, err_t *e)
{
    state_t s;
    matrix_version_t a, b;
    rc_t rc = model_state_arg(r, r->args[0], &s, e);
    if (rc == RC_OK)
        rc = model_version_arg(r, &s, web_query(r, "from"), &a, e);
    if (rc == RC_OK)
        rc = model_version_arg(r, &s, web_query(r, "to"), &b, e);
    if (rc != RC_OK)
        return rc;
    if (a.template_version != b.template_version)
        return web_fail(r, e, 422, RC_INPUT, "%s",
                        web_tr(r, "These versions use different templates."));
    template_item_t *items;
    matrix_entry_t *ea, *eb;
    size_t ni, na, nb, nc;
    if ((rc = store_template_items(r->st, a.template_version, &r->arena, &items, &ni, e)) ||
        (rc = store_entries(r->st, a.id, &r->arena, &ea, &na, e)) ||
        (rc = store_entries(r->st, b.id, &r->arena, &eb, &nb, e)))
        return rc;
    matrix_change_t *ch = matrix_diff(items, ni, ea, na, eb, nb, &nc);
    json_t *list = json_array();
    for (size_t i = 0, k = 0; i < nc; i++) {
        while (k < ni && strcmp(items[k].id, ch[i].item) != 0)
            k++;
        json_array_append_new(list, json_pack("{s:s,s:s,s:o,s:o}", "item", ch[i].item, "label",
                                              k < ni ? items[k].label[r->lang] : ch[i].item,
                                              "old", entry_side(ch[i].old), "new",
                                              entry_side(ch[i].new)));
    }
    free(ch);
    json_object_set_new(m, "state", model_state(r, &s));
    json_object_set_new(m, "from", model_version(r, &a));
    json_object_set_new(m, "to", model_version(r, &b));
    json_object_set_new(m, "changes", list);
    json_object_set_new(m, "count", json_integer((json_int_t)nc));
    if (model_sees_drafts(r, s.alpha3))
        r->no_cache = true;
    return RC_OK;
}

/* ---- reports ---------------------------------------------------------------- */

static rc_t report_arg(web_req_t *r, report_t *rep, err_t *e)
{
    char *end;
    long long id = strtoll(r->args[0], &end, 10);
    rc_t rc = RC_NOTFOUND;
    if (*r->args[0] && !*end && id > 0)
        rc = store_report_get(r->st, id, &r->arena, rep, e);
    if (rc == RC_NOTFOUND)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such report."));
    return rc;
}

rc_t h_report(web_req_t *r, json_t *m, err_t *e)
{
    report_t rep;
    state_t s;
    rc_t rc = report_arg(r, &rep, e);
    if (rc == RC_OK)
        rc = model_state_arg(r, rep.state, &s, e);
    if (rc != RC_OK)
        return rc;
    json_object_set_new(m, "report", model_report(r, &rep));
    json_object_set_new(m, "state", model_state(r, &s));
    report_text_t t;
    err_t ignore = {0};
    if (rep.has_document && store_report_text_get(r->st, rep.id, &r->arena, &t, &ignore) == RC_OK)
        json_object_set_new(m, "text", json_pack("{s:b,s:i,s:s}", "searchable",
                                                 strcmp(t.status, REPORT_TEXT_OK) == 0, "pages",
                                                 t.pages, "note", t.note));
    return RC_OK;
}

/* A file name safe inside a quoted Content-Disposition: ASCII letters,
 * digits and . _ - only; anything else becomes '_'. */
static char *safe_filename(arena_t *a, const char *name)
{
    char *s = arena_strdup(a, name && *name ? name : "report");
    for (char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '_' || *p == '-'))
            *p = '_';
    return s;
}

static void download(web_req_t *r, const char *name, const char *type, const void *data,
                     size_t len)
{
    size_t n = strlen(name) + 32;
    char *d = arena_alloc(&r->arena, n);
    snprintf(d, n, "attachment; filename=\"%s\"", safe_filename(&r->arena, name));
    r->download = d;
    r->file = data;
    r->file_len = len;
    r->file_type = type;
}

/* A report's download name: the stored one, with the extension of what the
 * file was found to be (a text file named "note.html" downloads as
 * "note.txt"), so that the browser or the desktop never opens it as
 * something else. */
static const char *report_download_name(web_req_t *r, const char *name, const char *type)
{
    const char *ext = media_extension(type);
    const char *base = name && *name ? name : "report";
    const char *dot = strrchr(base, '.');
    if (!*ext || (dot && strcasecmp(dot, ext) == 0))
        return base;
    size_t keep = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    char *out = arena_alloc(&r->arena, keep + strlen(ext) + 1);
    memcpy(out, base, keep);
    memcpy(out + keep, ext, strlen(ext) + 1);
    return out;
}

rc_t h_report_file(web_req_t *r, json_t *m, err_t *e)
{
    (void)m;
    report_t rep;
    void *doc;
    size_t len;
    rc_t rc = report_arg(r, &rep, e);
    if (rc == RC_OK)
        rc = store_report_document(r->st, rep.id, &r->arena, &doc, &len, e);
    if (rc == RC_NOTFOUND)
        return web_fail(r, e, 404, RC_NOTFOUND, "%s",
                        web_tr(r, "This report has no stored file."));
    if (rc != RC_OK)
        return rc;
    download(r, report_download_name(r, rep.filename, rep.media_type),
             rep.media_type ? rep.media_type : "application/octet-stream", doc, len);
    /* ?view=1 opens a PDF in the browser (a search's "page N" link, #page=N);
     * any other kind is always a download, never shown as a page */
    const char *view = web_query(r, "view");
    if (view && strcmp(view, "1") == 0 && rep.media_type &&
        strcmp(rep.media_type, "application/pdf") == 0)
        r->download = arena_printf(&r->arena, "inline; filename=\"%s\"",
                                   safe_filename(&r->arena, report_download_name(r, rep.filename,
                                                                                 rep.media_type)));
    return RC_OK;
}

/* ---- open data --------------------------------------------------------------- */

static const struct {
    const char *name, *type, *what;
} data_files[] = {
    {"r1540.json", "application/json", "All public data as one JSON file (one record per line)"},
    {"states.csv", "text/csv; charset=utf-8", "States (CSV)"},
    {"reports.csv", "text/csv; charset=utf-8", "Reports (CSV)"},
    {"matrix_versions.csv", "text/csv; charset=utf-8", "Published matrix versions (CSV)"},
    {"matrix_entries.csv", "text/csv; charset=utf-8", "Entries of the published matrices (CSV)"},
    {"overview.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     "Overview of the published matrices of all states (XLSX)"},
    {"iati.xml", "application/xml; charset=utf-8",
     "Assistance under way or delivered, as IATI 2.03 activities (XML)"},
};

rc_t h_data(web_req_t *r, json_t *m, err_t *e)
{
    (void)e;
    json_t *files = json_array();
    for (size_t i = 0; i < sizeof data_files / sizeof *data_files; i++)
        json_array_append_new(files, json_pack("{s:s,s:s}", "name", data_files[i].name, "what",
                                               web_tr(r, data_files[i].what)));
    json_object_set_new(m, "files", files);
    return RC_OK;
}

/* The public part of the dataset (dataset_keep_public says what that is). */
static rc_t public_dataset(web_req_t *r, dataset_t *ds, err_t *e)
{
    rc_t rc = dataset_load(r->st, NULL, false, &r->arena, ds, e);
    if (rc == RC_OK)
        dataset_keep_public(ds);
    return rc;
}

/* Writes the export `name` into the folder dir (the CSVs are written all
 * at once); opendata_open calls it once per data change. */
static rc_t data_export(web_req_t *r, const char *dir, const char *name, err_t *e)
{
    char path[4400];
    dataset_t ds;
    rc_t rc = RC_OK;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (strcmp(name, "overview.xlsx") == 0)
        rc = xlsx_export_overview(r->st, r->lang, true, path, &r->arena, e);
    else if (strcmp(name, "iati.xml") == 0)
        rc = iati_export_file(r->st, NULL, path, &r->arena, e);
    else if ((rc = public_dataset(r, &ds, e)) == RC_OK)
        rc = strcmp(name, "r1540.json") == 0 ? json_export_file(&ds, path, e)
                                             : csv_export_dir(&ds, dir, e);
    return rc;
}

rc_t h_data_file(web_req_t *r, json_t *m, err_t *e)
{
    (void)m;
    for (size_t i = 0; i < sizeof data_files / sizeof *data_files; i++)
        if (strcmp(r->args[0], data_files[i].name) == 0) {
            int fd;
            size_t len;
            /* the overview's headings are in the page's language */
            bool per_lang = strcmp(data_files[i].name, "overview.xlsx") == 0;
            rc_t rc = opendata_open(r, data_files[i].name, per_lang, data_export, &fd, &len, e);
            if (rc == RC_NOTFOUND) /* the IATI file: nothing under way or delivered yet */
                return web_fail(r, e, 404, RC_NOTFOUND, "%s",
                                web_tr(r, "No assistance is under way or delivered yet."));
            if (rc != RC_OK)
                return rc;
            download(r, data_files[i].name, data_files[i].type, NULL, len);
            r->file_is_fd = true;
            r->file_fd = fd;
            return RC_OK;
        }
    return web_fail(r, e, 404, RC_NOTFOUND, "%s", web_tr(r, "There is no such file."));
}
