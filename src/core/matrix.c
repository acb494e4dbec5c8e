/*
 * Matrix marks, the version workflow and version comparison.
 */
#include "matrix.h"
#include "matrix_info.h"
#include "matrix_workflow.h"

#include <string.h>

#include "../util/mem.h"
#include "../util/text.h"
#include "fields.h"

static const char *const marks[] = {"", "X", "?", "NA"};
static const char *const statuses[] = {"draft", "with-state", "approved", "published"};

const char *matrix_mark_str(mark_t m)
{
    return (unsigned)m < 4 ? marks[m] : "";
}

int matrix_mark_parse(const char *s)
{
    for (int i = 0; i < 4; i++)
        if (s && strcmp(s, marks[i]) == 0)
            return i;
    return -1;
}

const char *matrix_status_str(mv_status_t s)
{
    return (unsigned)s < 4 ? statuses[s] : "";
}

int matrix_status_parse(const char *s)
{
    for (int i = 0; i < 4; i++)
        if (s && strcmp(s, statuses[i]) == 0)
            return i;
    return -1;
}

bool matrix_status_transition_ok(mv_status_t from, mv_status_t to)
{
    for (int i = 0; i < MW_STEP_COUNT; i++) {
        const matrix_transition_t *t = matrix_transition((matrix_step_t)i);
        if (t->from == from && t->to == to && from != to)
            return true;
    }
    return false;
}

bool matrix_status_frozen(mv_status_t s)
{
    return s == MV_APPROVED || s == MV_PUBLISHED;
}

rc_t matrix_entry_validate(const matrix_entry_t *en, err_t *e)
{
    if (!text_multi_line_ok(en->legal_reference, MATRIX_TEXT_MAX))
        return err_field(e, RC_INPUT, "legal_reference",
                         "The legal reference is too long or not text (2,000 bytes at most).",
                         "legal_reference: must be UTF-8 text of at most %d bytes", MATRIX_TEXT_MAX);
    if (!text_single_line_ok(en->page, 100))
        return err_field(e, RC_INPUT, "page", "Give the page numbers on one line (100 bytes at most).",
                         "page: must be one line of at most 100 bytes");
    if (!text_multi_line_ok(en->remark, MATRIX_TEXT_MAX))
        return err_field(e, RC_INPUT, "remark",
                         "The remark is too long or not text (2,000 bytes at most).",
                         "remark: must be UTF-8 text of at most %d bytes", MATRIX_TEXT_MAX);
    if (en->source_report < 0)
        return err_field(e, RC_INPUT, "source_report", "Choose the source report from the list.",
                         "source_report: must be a report id");
    return matrix_info_validate(en, e);
}

/* Both walk matrix_entry_fields (fields_matrix.c), so a new field of an
 * entry counts in them without a change here. */
bool matrix_entry_empty(const matrix_entry_t *en)
{
    return fields_empty(&matrix_entry_fields, en);
}

bool matrix_entry_equal(const matrix_entry_t *a, const matrix_entry_t *b)
{
    if (!a || !b)
        return (!a || matrix_entry_empty(a)) && (!b || matrix_entry_empty(b));
    return fields_same(&matrix_entry_fields, a, b);
}

/*
 * Both lists come from the store in template order, but items can be absent
 * from either, and two items present in one list only cannot be ordered from
 * the lists alone: walk the template and take each list's entry when it is the
 * template's current item.
 */
matrix_change_t *matrix_diff(const template_item_t *items, size_t nitems, const matrix_entry_t *a,
                             size_t na, const matrix_entry_t *b, size_t nb, size_t *nchanges)
{
    matrix_change_t *out = xcalloc(na + nb, sizeof *out);
    size_t n = 0, i = 0, j = 0;
    for (size_t k = 0; k < nitems && (i < na || j < nb); k++) {
        const matrix_entry_t *ea = i < na && strcmp(a[i].item, items[k].id) == 0 ? &a[i++] : NULL;
        const matrix_entry_t *eb = j < nb && strcmp(b[j].item, items[k].id) == 0 ? &b[j++] : NULL;
        if (!matrix_entry_equal(ea, eb)) {
            out[n].item = items[k].id;
            out[n].old = ea;
            out[n].new = eb;
            n++;
        }
    }
    *nchanges = n;
    return out;
}
