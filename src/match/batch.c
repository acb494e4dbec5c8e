/*
 * Regional batch grouping (see batch.h). Sorting the indices by theme string
 * keeps it O(n log n) and the numbering follows the input order, so the
 * groups, and therefore the proposals, are deterministic.
 */
#include "batch.h"

#include <stdlib.h>
#include <string.h>

static int cmp_by_theme(const void *a, const void *b, void *themes_v)
{
    const char *const *themes = themes_v;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(themes[i], themes[j]);
    return c ? c : (i > j) - (i < j);
}

size_t match_batch_group(const char *const *themes, size_t n, size_t *group_of, arena_t *a)
{
    size_t *order = arena_alloc(a, (n + 1) * sizeof *order);
    size_t *first = arena_alloc(a, (n + 1) * sizeof *first); /* first index of each run */
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    qsort_r(order, n, sizeof *order, cmp_by_theme, (void *)themes);
    for (size_t k = 0; k < n; k++)
        first[k] =
            k > 0 && strcmp(themes[order[k]], themes[order[k - 1]]) == 0 ? first[k - 1] : order[k];
    /* first[k] is the smallest index with that theme string (the sort is stable
     * by index); number groups by that index's position in the input. */
    size_t *number = arena_alloc(a, (n + 1) * sizeof *number);
    for (size_t i = 0; i < n; i++)
        number[i] = (size_t)-1;
    for (size_t k = 0; k < n; k++)
        group_of[order[k]] = first[k];
    size_t groups = 0;
    for (size_t i = 0; i < n; i++) {
        if (number[group_of[i]] == (size_t)-1)
            number[group_of[i]] = groups++;
        group_of[i] = number[group_of[i]];
    }
    return groups;
}
