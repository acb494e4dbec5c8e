/*
 * The review as JSON: every aggregate with its raw counts (x, unsure, blank,
 * na) so that each percentage can be recomputed, names in the report's
 * language, keys in English. States appear in alpha-3 order, never sorted by
 * coverage: the review does not rank states. Layout in docs/review.md.
 */
#include <string.h>

#include "../match/propose.h"
#include "../util/json_out.h"
#include "review.h"

static void put_pct(buf_t *b, double pct)
{
    if (pct < 0)
        buf_puts(b, "null");
    else
        buf_printf(b, "%.1f", pct);
}

static void put_cov(buf_t *b, const cov_t *c)
{
    buf_printf(b, "\"x\":%u,\"unsure\":%u,\"blank\":%u,\"na\":%u,\"applicable\":%u,\"coverage\":",
               c->x, c->unsure, c->blank, c->na, cov_applicable(c));
    put_pct(b, cov_pct(c));
}

/* One {"key":..,"name":..,counts} object. */
static void put_named(buf_t *b, bool comma, const char *key, const char *name, const cov_t *c)
{
    buf_puts(b, comma ? ",{" : "{");
    json_out_kv(b, 0, "key", key);
    json_out_kv(b, 1, "name", name);
    buf_putc(b, ',');
    put_cov(b, c);
    buf_putc(b, '}');
}

static void put_vocab_list(buf_t *b, const char *key, const vocab_t *v, size_t n,
                           const cov_t *c, lang_t l)
{
    buf_printf(b, ",\"%s\":[", key);
    for (size_t i = 0; i < n; i++)
        put_named(b, i > 0, v[i].code, v[i].name[l], &c[i]);
    buf_putc(b, ']');
}

static void put_coverage(const review_t *r, buf_t *b)
{
    const review_data_t *d = &r->d;
    const review_snapshot_t *s = &r->now;
    lang_t l = r->lang;
    buf_puts(b, ",\"coverage\":{\"total\":{");
    put_cov(b, &s->total);
    buf_putc(b, '}');
    put_vocab_list(b, "by_section", d->sections, d->nsections, s->by_section, l);
    buf_puts(b, ",\"by_weapon\":[");
    for (int w = 0; w < REVIEW_WEAPONS; w++)
        put_named(b, w > 0, review_weapon_keys[w],
                  review_weapon_name(l, w), &s->by_weapon[w]);
    buf_putc(b, ']');
    put_vocab_list(b, "by_theme", d->themes, d->nthemes, s->by_theme, l);
    put_vocab_list(b, "by_region", d->regions, d->nregions, s->by_region, l);
    put_vocab_list(b, "by_group", d->groups, d->ngroups, s->by_group, l);
    buf_puts(b, ",\"by_flag\":[");
    for (int f = 0; f < REVIEW_FLAGS; f++)
        put_named(b, f > 0, review_flag_keys[f], review_flag_name(l, f),
                  &s->by_flag[f]);
    buf_puts(b, "],\"by_state\":[");
    for (size_t k = 0, first = 1; k < d->nstates; k++) {
        if (s->in_force[k] < 0)
            continue;
        const review_version_t *v = &d->versions[s->in_force[k]];
        buf_puts(b, first ? "{" : ",{");
        first = 0;
        json_out_kv(b, 0, "state", d->states[k].alpha3);
        json_out_kv(b, 1, "name", d->states[k].name[l]);
        json_out_kll(b, 1, "version", v->number);
        json_out_kv(b, 1, "approved", v->approved);
        buf_putc(b, ',');
        put_cov(b, &s->by_state[k]);
        buf_puts(b, ",\"themes\":[");
        for (size_t t = 0; t < d->nthemes; t++) {
            buf_puts(b, t ? "," : "");
            put_pct(b, cov_pct(&s->state_theme[k * d->nthemes + t]));
        }
        buf_puts(b, "]}");
    }
    buf_puts(b, "]}");
}

static void put_reporting(const review_t *r, buf_t *b)
{
    const review_data_t *d = &r->d;
    const review_snapshot_t *s = &r->now;
    static const int bounds[] = {1, 5, 10}; /* < 1 year, 1-4, 5-9, 10 or more */
    size_t bucket[4] = {0};
    buf_printf(b, ",\"reporting\":{\"states\":%zu,\"reported\":%zu,\"never_reported\":[",
               d->nstates, s->reported);
    for (size_t k = 0, first = 1; k < d->nstates; k++) {
        bool never = !d->first_report[k][0] || strcmp(d->first_report[k], s->as_of) > 0;
        if (never) {
            buf_puts(b, first ? "" : ",");
            json_out_str(b, d->states[k].alpha3);
            first = 0;
        }
        if (s->years_since[k] >= 0) {
            int i = 0;
            while (i < 3 && s->years_since[k] >= bounds[i])
                i++;
            bucket[i]++;
        }
    }
    buf_printf(b, "],\"years_since_last_report\":{\"under_1\":%zu,\"1_to_4\":%zu,"
                  "\"5_to_9\":%zu,\"10_or_more\":%zu},\"last_report_years\":{",
               bucket[0], bucket[1], bucket[2], bucket[3]);
    for (size_t k = 0, first = 1; k < d->nstates; k++) {
        if (s->years_since[k] < 0)
            continue;
        buf_printf(b, "%s\"%s\":%d", first ? "" : ",", d->states[k].alpha3, s->years_since[k]);
        first = 0;
    }
    buf_puts(b, "}}");
}

static void put_trend(const review_t *r, buf_t *b)
{
    buf_puts(b, ",\"trend\":[");
    for (size_t i = 0; i < r->ntrend; i++) {
        const review_trend_point_t *p = &r->trend[i];
        buf_printf(b, "%s{\"date\":\"%s\",", i ? "," : "", p->date);
        put_cov(b, &p->total);
        buf_puts(b, ",\"by_region\":{");
        for (size_t g = 0; g < r->d.nregions; g++) {
            buf_printf(b, "%s\"%s\":", g ? "," : "", r->d.regions[g].code);
            put_pct(b, cov_pct(&p->by_region[g]));
        }
        buf_puts(b, "}}");
    }
    buf_putc(b, ']');
}

static void put_gaps(buf_t *b, const review_gap_t *g, size_t n, bool items, const review_t *r)
{
    buf_putc(b, '[');
    for (size_t i = 0; i < n; i++) {
        const char *key = items ? r->d.items[g[i].index].id : r->d.themes[g[i].index].code;
        const char *name = items ? r->d.items[g[i].index].label[r->lang]
                                 : r->d.themes[g[i].index].name[r->lang];
        buf_printf(b, "%s{\"rank\":%zu,", i ? "," : "", i + 1);
        json_out_kv(b, 0, "key", key);
        json_out_kv(b, 1, "name", name);
        buf_putc(b, ',');
        put_cov(b, &g[i].cov);
        buf_puts(b, ",\"coverage_since\":");
        put_pct(b, g[i].pct_since);
        buf_puts(b, ",\"change\":");
        if (g[i].pct_since < 0)
            buf_puts(b, "null");
        else
            buf_printf(b, "%.1f", g[i].pct - g[i].pct_since);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void put_all_gaps(const review_t *r, buf_t *b)
{
    buf_puts(b, ",\"gaps\":{\"items\":");
    put_gaps(b, r->item_gaps, r->nitem_gaps, true, r);
    buf_puts(b, ",\"themes\":");
    put_gaps(b, r->theme_gaps, r->ntheme_gaps, false, r);
    buf_puts(b, ",\"by_region\":[");
    for (size_t g = 0; g < r->d.nregions; g++) {
        buf_puts(b, g ? ",{" : "{");
        json_out_kv(b, 0, "region", r->d.regions[g].code);
        json_out_kv(b, 1, "name", r->d.regions[g].name[r->lang]);
        buf_puts(b, ",\"items\":");
        put_gaps(b, r->region_item_gaps[g], r->nregion_item_gaps[g], true, r);
        buf_puts(b, ",\"themes\":");
        put_gaps(b, r->region_theme_gaps[g], r->nregion_theme_gaps[g], false, r);
        buf_putc(b, '}');
    }
    buf_puts(b, "]}");
}

static void put_counts(buf_t *b, bool comma, const char *key, const char *name,
                       const assist_count_t *c)
{
    buf_puts(b, comma ? ",{" : "{");
    json_out_kv(b, 0, "key", key);
    json_out_kv(b, 1, "name", name);
    buf_printf(b, ",\"requests\":%u,\"unmet\":%u}", c->requests, c->unmet);
}

static void put_delay(buf_t *b, const char *key, const assist_delay_t *dl)
{
    buf_printf(b, ",\"%s\":{\"requests\":%zu,\"median_days\":", key, dl->n);
    put_pct(b, dl->median); /* one decimal, null when nothing is counted */
    buf_puts(b, ",\"mean_days\":");
    put_pct(b, dl->mean);
    buf_putc(b, '}');
}

/* Demand against supply by theme, unmet requests, time to a match
 * (assist_figures.h). */
static void put_assistance(const review_t *r, buf_t *b)
{
    const review_data_t *d = &r->d;
    const assist_figures_t *f = &r->assist;
    buf_printf(b, ",\"assistance\":{\"requests\":%u,\"unmet\":%u,\"withdrawn\":%u,"
                  "\"offers\":%u,\"capacity\":%u,\"by_theme\":[",
               f->requests, f->unmet, f->withdrawn, f->offers, f->capacity);
    for (size_t t = 0; t < d->nthemes; t++) {
        const assist_theme_t *th = &f->by_theme[t];
        buf_puts(b, t ? ",{" : "{");
        json_out_kv(b, 0, "key", d->themes[t].code);
        json_out_kv(b, 1, "name", d->themes[t].name[r->lang]);
        buf_printf(b, ",\"requests\":%u,\"unmet\":%u,\"unmet_share\":", th->requests,
                   th->unmet);
        put_pct(b, assist_unmet_pct(th));
        buf_printf(b, ",\"offers\":%u,\"capacity\":%u}", th->offers, th->capacity);
    }
    buf_puts(b, "],\"by_region\":[");
    for (size_t g = 0; g < d->nregions; g++)
        put_counts(b, g > 0, d->regions[g].code, d->regions[g].name[r->lang], &f->by_region[g]);
    buf_puts(b, "],\"by_flag\":[");
    for (int g = 0; g < REVIEW_FLAGS; g++)
        put_counts(b, g > 0, review_flag_keys[g], review_flag_name(r->lang, g), &f->by_flag[g]);
    buf_puts(b, "],\"oldest_unmet\":[");
    for (size_t i = 0; i < f->noldest; i++) {
        const assist_unmet_t *u = &f->oldest[i];
        buf_printf(b, "%s{\"id\":%lld", i ? "," : "", u->req->id);
        json_out_kv(b, 1, "state", u->req->state);
        json_out_kv(b, 1, "submitted", u->req->submitted);
        buf_printf(b, ",\"days_waiting\":%ld}", u->days);
    }
    buf_putc(b, ']');
    put_delay(b, "time_to_first_proposal", &f->to_proposal);
    put_delay(b, "time_to_match", &f->to_match);
    buf_putc(b, '}');
}

/* The available offers that fit workshop i (assist_figures.h). */
static void put_workshop_offers(const review_t *r, size_t i, buf_t *b)
{
    const review_data_t *d = &r->d;
    const assist_workshop_offers_t *wo = &r->assist.workshops[i];
    buf_puts(b, ",\"offers\":[");
    for (size_t k = 0; k < wo->n; k++) {
        const assist_fit_t *f = &wo->fits[k];
        const assistance_offer_t *o = f->offer;
        buf_printf(b, "%s{\"id\":%lld", k ? "," : "", o->id);
        json_out_kv(b, 1, "provider", o->provider_state[0] ? o->provider_state : o->provider_org);
        json_out_kv(b, 1, "provider_name", f->provider_name[r->lang]);
        buf_printf(b, ",\"capacity\":%d,\"themes\":[", o->capacity);
        for (size_t t = 0; t < f->nthemes; t++) {
            buf_puts(b, t ? "," : "");
            json_out_str(b, d->themes[f->themes[t]].code);
        }
        buf_puts(b, "],\"shared_gaps\":[");
        for (size_t g = 0; g < f->ngaps; g++) {
            buf_puts(b, g ? "," : "");
            json_out_str(b, d->items[f->gaps[g]].id);
        }
        buf_puts(b, "]}");
    }
    buf_putc(b, ']');
}

static void put_session(const review_data_t *d, size_t theme, buf_t *b)
{
    json_out_str(b, theme == SIZE_MAX ? "" : d->themes[theme].code);
}

static void put_items(const review_data_t *d, const size_t *items, size_t n, buf_t *b)
{
    buf_putc(b, '[');
    for (size_t g = 0; g < n; g++) {
        buf_puts(b, g ? "," : "");
        json_out_str(b, d->items[items[g]].id);
    }
    buf_putc(b, ']');
}

/* The plan's offers for workshop i and what they leave uncovered. */
static void put_workshop_plan(const review_t *r, size_t i, buf_t *b)
{
    const review_data_t *d = &r->d;
    const assist_workshop_offers_t *wo = &r->assist.workshops[i];
    buf_printf(b, ",\"plan\":{\"covered\":%zu,\"shared\":%zu,\"assigned\":[", wo->covered,
               wo->shared);
    for (size_t k = 0; k < wo->nassigned; k++) {
        const assist_assigned_t *as = &wo->assigned[k];
        buf_printf(b, "%s{\"id\":%lld", k ? "," : "", as->offer->id);
        json_out_kv(b, 1, "provider", match_provider(as->offer));
        buf_printf(b, ",\"capacity\":%d,\"sessions\":[", as->offer->capacity);
        for (size_t t = 0; t < as->nthemes; t++) {
            buf_puts(b, t ? "," : "");
            put_session(d, as->themes[t], b);
        }
        buf_puts(b, "],\"shared_gaps\":");
        put_items(d, as->gaps, as->ngaps, b);
        buf_putc(b, '}');
    }
    buf_puts(b, "],\"uncovered\":[");
    for (size_t k = 0; k < wo->nuncovered; k++) {
        const assist_uncovered_t *u = &wo->uncovered[k];
        buf_puts(b, k ? ",{\"session\":" : "{\"session\":");
        put_session(d, u->theme, b);
        buf_puts(b, ",\"shared_gaps\":");
        put_items(d, u->gaps, u->ngaps, b);
        json_out_kv(b, 1, "reason", u->could ? "capacity-used-elsewhere" : "no-offer");
        buf_putc(b, '}');
    }
    buf_puts(b, "]}");
}

/* The groups and the proposed workshops (numbered from 1, as `event add
 * --from-workshop N` takes them). */
void review_render_workshops_json(const review_t *r, buf_t *b)
{
    const review_data_t *d = &r->d;
    buf_puts(b, "\"groups\":[");
    for (size_t g = 0; g < r->ngroups; g++) {
        buf_printf(b, "%s{\"group\":%zu,\"states\":[", g ? "," : "", g + 1);
        for (size_t k = 0, first = 1; k < d->nstates; k++)
            if (r->group_of[k] == (long)g) {
                buf_puts(b, first ? "" : ",");
                json_out_str(b, d->states[k].alpha3);
                first = 0;
            }
        buf_puts(b, "]}");
    }
    const assist_figures_t *f = &r->assist;
    buf_printf(b, "],\"workshop_plan\":{\"pairs_covered\":%lld,\"bound\":%lld,\"optimal\":%s,"
                  "\"candidates\":%zu,\"shared_gaps_covered\":%zu,\"shared_gaps\":%zu}",
               f->plan_pairs, f->plan_bound, f->plan_proven ? "true" : "false",
               f->plan_candidates, f->plan_covered, f->plan_shared);
    buf_puts(b, ",\"workshops\":[");
    for (size_t i = 0; i < r->nworkshops; i++) {
        const review_workshop_t *w = &r->workshops[i];
        buf_printf(b, "%s{\"workshop\":%zu,\"group\":%zu,\"frame\":", i ? "," : "", i + 1,
                   w->group + 1);
        json_out_str(b, w->frame ? w->frame : "");
        buf_puts(b, ",");
        json_out_kv(b, 0, "frame_kind", workshop_frame_key(w->frame_kind));
        json_out_kv(b, 1, "frame_name", review_workshop_place(d, w, r->lang));
        buf_printf(b, ",\"value\":%lld,", w->value);
        json_out_kv(b, 0, "region", d->regions[w->region].code);
        json_out_kv(b, 1, "region_name", d->regions[w->region].name[r->lang]);
        buf_puts(b, ",\"states\":[");
        for (size_t k = 0; k < w->nstates; k++) {
            buf_puts(b, k ? "," : "");
            json_out_str(b, d->states[w->states[k]].alpha3);
        }
        buf_puts(b, "],\"themes\":[");
        for (size_t t = 0; t < w->nthemes; t++) {
            buf_puts(b, t ? "," : "");
            json_out_str(b, d->themes[w->themes[t]].code);
        }
        buf_puts(b, "],\"shared_gaps\":[");
        for (size_t k = 0; k < w->ngaps; k++) {
            buf_puts(b, k ? "," : "");
            json_out_str(b, d->items[w->gaps[k]].id);
        }
        buf_putc(b, ']');
        put_workshop_offers(r, i, b);
        put_workshop_plan(r, i, b);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

void review_render_json(const review_t *r, buf_t *b)
{
    buf_puts(b, "{");
    json_out_kv(b, 0, "caveat", review_caveat(r->lang));
    buf_printf(b, ",\"demo\":%s", r->d.demo ? "true" : "false");
    json_out_kv(b, 1, "lang", lang_code(r->lang));
    json_out_kv(b, 1, "as_of", r->now.as_of);
    json_out_kv(b, 1, "since", r->then.as_of);
    json_out_kll(b, 1, "template_version", r->d.template_version);
    json_out_kll(b, 1, "items", (long long)r->d.nitems);
    json_out_kll(b, 1, "states_with_matrix", (long long)r->now.with_matrix);
    put_reporting(r, b);
    put_coverage(r, b);
    put_trend(r, b);
    put_all_gaps(r, b);
    buf_putc(b, ',');
    review_render_workshops_json(r, b);
    put_assistance(r, b);
    buf_puts(b, ",\"events\":[");
    for (size_t i = 0; i < r->nevents; i++) {
        const event_t *ev = &r->events[i];
        buf_printf(b, "%s{\"id\":%lld", i ? "," : "", ev->id);
        json_out_kv(b, 1, "kind", ev->kind);
        json_out_kv(b, 1, "status", ev->status);
        json_out_kv(b, 1, "start", ev->start);
        json_out_kv(b, 1, "title", ev->title);
        buf_printf(b, ",\"states\":%zu}", ev->nstates);
    }
    buf_puts(b, "]}\n");
}
