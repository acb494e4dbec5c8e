/*
 * The PostgreSQL side of the reference data: vocabulary, states, membership
 * periods, template items and the organizations registry, with the orderings
 * of store_ops.def (text sorts byte by byte: the columns are COLLATE "C").
 */
#include <stdio.h>
#include <string.h>

#include "postgres_fields.h"
#include "postgres_private.h"

#define VOCAB_COLS "kind, code, parent, seq, name_ar, name_zh, name_en, name_fr, name_ru, name_es"
#define ITEM_COLS "id, seq, section, heading, weapon, themes, label_ar, label_zh, label_en," \
    " label_fr, label_ru, label_es, from_id, note_ar, note_zh, note_en, note_fr, note_ru, note_es"

/* Runs sql with rec's fields of t as parameters. */
static rc_t put_fields(pg_store_t *h, const char *sql, const field_table_t *t, const void *rec,
                       err_t *e)
{
    pg_params_t p = {.n = 0};
    pg_fields_params(&p, t, rec);
    return pg_exec(h, sql, p.n, p.v, NULL, e);
}

/* Rows of a field-table SELECT (with at most one text parameter) into *out. */
static rc_t list_fields(pg_store_t *h, const field_table_t *t, const char *tail, const char *param,
                        arena_t *a, size_t elem, void *out, size_t *n, err_t *e)
{
    char sql[PG_FIELDS_SQL_MAX];
    pg_fields_select_sql(sql, t, tail);
    PGresult *r;
    const char *p[] = {param};
    rc_t rc = pg_exec(h, sql, strchr(tail, '$') ? 1 : 0, p, &r, e);
    if (rc != RC_OK)
        return rc;
    int rows = PQntuples(r);
    unsigned char *arr = rows ? arena_alloc(a, (size_t)rows * elem) : NULL;
    for (int i = 0; i < rows; i++)
        pg_fields_read(a, r, i, t, arr + (size_t)i * elem);
    PQclear(r);
    memcpy(out, &arr, sizeof arr);
    *n = (size_t)rows;
    return RC_OK;
}

/* ---- vocabulary ---------------------------------------------------------------- */

rc_t pg_vocab_put(void *h, const vocab_t *v, err_t *e)
{
    char seq[24];
    snprintf(seq, sizeof seq, "%d", v->seq);
    const char *p[4 + LANG_COUNT] = {v->kind, v->code, v->parent ? v->parent : "", seq};
    for (int l = 0; l < LANG_COUNT; l++)
        p[4 + l] = v->name[l];
    return pg_exec(h,
                   "INSERT INTO vocab (" VOCAB_COLS ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)"
                   " ON CONFLICT (kind, code) DO UPDATE SET parent = excluded.parent,"
                   " seq = excluded.seq, name_ar = excluded.name_ar, name_zh = excluded.name_zh,"
                   " name_en = excluded.name_en, name_fr = excluded.name_fr,"
                   " name_ru = excluded.name_ru, name_es = excluded.name_es",
                   4 + LANG_COUNT, p, NULL, e);
}

static void read_vocab(arena_t *a, const PGresult *r, int i, void *record)
{
    vocab_t *v = record;
    v->kind = pg_text(a, r, i, 0);
    v->code = pg_text(a, r, i, 1);
    v->parent = pg_text(a, r, i, 2);
    v->seq = (int)pg_int(r, i, 3);
    for (int l = 0; l < LANG_COUNT; l++)
        v->name[l] = pg_text(a, r, i, 4 + l);
}

rc_t pg_vocab_list(void *h, const char *kind, arena_t *a, vocab_t **out, size_t *n, err_t *e)
{
    PGresult *r;
    const char *p[] = {kind};
    rc_t rc = pg_exec(h, "SELECT " VOCAB_COLS " FROM vocab WHERE kind = $1 ORDER BY seq, code",
                      1, p, &r, e);
    if (rc == RC_OK) {
        pg_collect(r, a, sizeof **out, read_vocab, out, n);
        PQclear(r);
    }
    return rc;
}

/* ---- states ------------------------------------------------------------------------ */

rc_t pg_state_put(void *h, const state_t *s, err_t *e)
{
    char sql[PG_FIELDS_SQL_MAX];
    pg_fields_upsert_sql(sql, &state_fields, "alpha3");
    return put_fields(h, sql, &state_fields, s, e);
}

rc_t pg_state_get(void *h, const char *code, arena_t *a, state_t *out, err_t *e)
{
    state_t *rows;
    size_t n;
    rc_t rc = list_fields(h, &state_fields, " WHERE alpha3 = upper($1) OR alpha2 = upper($1)",
                          code, a, sizeof *rows, &rows, &n, e);
    if (rc == RC_OK && n == 0)
        rc = err_set(e, RC_NOTFOUND, "unknown state '%s' (give an ISO alpha-2 or alpha-3 code)",
                     code);
    if (rc == RC_OK)
        *out = rows[0];
    return rc;
}

rc_t pg_state_list(void *h, arena_t *a, state_t **out, size_t *n, err_t *e)
{
    return list_fields(h, &state_fields, " ORDER BY alpha3", NULL, a, sizeof **out, out, n, e);
}

/* ---- membership periods ------------------------------------------------------------ */

rc_t pg_membership_put(void *h, const membership_t *m, err_t *e)
{
    char sql[PG_FIELDS_SQL_MAX];
    pg_fields_upsert_sql(sql, &membership_fields, "state, grp, date_from");
    return put_fields(h, sql, &membership_fields, m, e);
}

rc_t pg_membership_clear(void *h, err_t *e)
{
    return pg_exec(h, "DELETE FROM state_membership", 0, NULL, NULL, e);
}

rc_t pg_membership_list(void *h, const char *state, arena_t *a, membership_t **out, size_t *n,
                        err_t *e)
{
    return list_fields(h, &membership_fields,
                       " WHERE $1::text IS NULL OR state = upper($1) ORDER BY state, grp, date_from",
                       state, a, sizeof **out, out, n, e);
}

/* ---- the template ----------------------------------------------------------------- */

rc_t pg_template_item_put(void *h, int version, const template_item_t *it, err_t *e)
{
    char ver[24], seq[24];
    snprintf(ver, sizeof ver, "%d", version);
    snprintf(seq, sizeof seq, "%d", it->seq);
    const char *p[20] = {ver, it->id, seq, it->section, it->heading, it->weapon, it->themes};
    for (int l = 0; l < LANG_COUNT; l++) {
        p[7 + l] = it->label[l];
        p[14 + l] = it->note[l] ? it->note[l] : "";
    }
    p[13] = it->from_id ? it->from_id : "";
    return pg_exec(h,
                   "INSERT INTO template_item (template_version, " ITEM_COLS ") VALUES ($1,$2,"
                   "$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20)"
                   " ON CONFLICT (template_version, id) DO UPDATE SET seq = excluded.seq,"
                   " section = excluded.section, heading = excluded.heading,"
                   " weapon = excluded.weapon, themes = excluded.themes,"
                   " label_ar = excluded.label_ar, label_zh = excluded.label_zh,"
                   " label_en = excluded.label_en, label_fr = excluded.label_fr,"
                   " label_ru = excluded.label_ru, label_es = excluded.label_es,"
                   " from_id = excluded.from_id, note_ar = excluded.note_ar,"
                   " note_zh = excluded.note_zh, note_en = excluded.note_en,"
                   " note_fr = excluded.note_fr, note_ru = excluded.note_ru,"
                   " note_es = excluded.note_es",
                   20, p, NULL, e);
}

static void read_item(arena_t *a, const PGresult *r, int i, void *record)
{
    template_item_t *it = record;
    it->id = pg_text(a, r, i, 0);
    it->seq = (int)pg_int(r, i, 1);
    it->section = pg_text(a, r, i, 2);
    it->heading = pg_text(a, r, i, 3);
    it->weapon = pg_text(a, r, i, 4);
    it->themes = pg_text(a, r, i, 5);
    for (int l = 0; l < LANG_COUNT; l++)
        it->label[l] = pg_text(a, r, i, 6 + l);
    it->from_id = pg_text(a, r, i, 12);
    for (int l = 0; l < LANG_COUNT; l++)
        it->note[l] = pg_text(a, r, i, 13 + l);
}

rc_t pg_template_items(void *h, int version, arena_t *a, template_item_t **out, size_t *n,
                       err_t *e)
{
    char ver[24];
    snprintf(ver, sizeof ver, "%d", version);
    const char *p[] = {ver};
    PGresult *r;
    rc_t rc = pg_exec(h,
                      "SELECT " ITEM_COLS " FROM template_item WHERE template_version = $1"
                      " ORDER BY seq",
                      1, p, &r, e);
    if (rc == RC_OK) {
        pg_collect(r, a, sizeof **out, read_item, out, n);
        PQclear(r);
    }
    return rc;
}

/* ---- organizations ---------------------------------------------------------------- */

rc_t pg_org_put(void *h, const organization_t *o, err_t *e)
{
    char sql[PG_FIELDS_SQL_MAX];
    pg_fields_upsert_sql(sql, &organization_fields, "code");
    return put_fields(h, sql, &organization_fields, o, e);
}

rc_t pg_org_list(void *h, arena_t *a, organization_t **out, size_t *n, err_t *e)
{
    return list_fields(h, &organization_fields, " ORDER BY code", NULL, a, sizeof **out, out, n,
                       e);
}
