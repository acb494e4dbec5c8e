/*
 * The drafting aid's panel (suggest_panel.h). The snippet goes to the
 * template as parts, marked or not, so that every character of a report's
 * text is escaped by the template.
 */
#include "suggest_panel.h"

#include <string.h>

#include "../app/app_suggest.h"
#include "change.h"
#include "web.h"

static json_t *snippet_parts(const snippet_t *s)
{
    json_t *a = json_array();
    for (size_t i = 0; i < s->n; i++)
        json_array_append_new(a, json_pack("{s:s%,s:b}", "text", s->part[i].text,
                                           s->part[i].len, "mark", s->part[i].mark));
    return a;
}

rc_t suggest_panel(web_req_t *r, const matrix_version_t *v, json_t *m, err_t *e)
{
    const char *item = web_query(r, "item");
    if (!item || !*item || !template_item_id_ok(item))
        return RC_OK; /* the form's own checks speak for a bad item */
    app_t a;
    web_app_of(r, &a);
    app_suggest_out_t out;
    err_t quiet = {0};
    if (app_suggest(&a, web_app->data_dir, v->state, v->number, item, 0, &out, &quiet) != RC_OK)
        return RC_OK; /* an item of another template: no panel, the page stands */
    json_t *list = json_array();
    const item_suggestions_t *it = &out.items[0];
    for (size_t i = 0; i < it->n; i++) {
        const suggestion_t *s = &it->s[i];
        json_array_append_new(
            list, json_pack("{s:I,s:i,s:s,s:s,s:s,s:s,s:o,s:b,s:b}", "report", (json_int_t)s->report,
                            "page", s->page, "reference", s->reference, "title", s->title,
                            "date", s->date, "language", s->language, "snippet",
                            snippet_parts(&s->snippet), "cut_before", s->snippet.cut_before,
                            "cut_after", s->snippet.cut_after));
    }
    json_object_set_new(m, "suggest", json_pack("{s:s,s:b,s:o}", "item", item, "any", it->n > 0,
                                                "suggestions", list));
    (void)e;
    return RC_OK;
}

void suggest_use(web_req_t *r, json_t *values)
{
    const char *rep = web_query(r, "use_report"), *page = web_query(r, "use_page");
    const char *ref = web_query(r, "use_ref");
    long long id = rep ? web_id(rep) : 0;
    if (!values || id <= 0)
        return;
    json_object_set_new(values, "source_report", json_integer(id));
    if (page && strlen(page) <= 200)
        json_object_set_new(values, "page", json_string(page));
    if (ref && *ref && strlen(ref) <= 2000)
        json_object_set_new(values, "legal_reference", json_string(ref));
    json_object_set_new(values, "used", json_true());
}
