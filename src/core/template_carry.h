/*
 * Carrying a matrix's entries from one template version to another
 * (issue 12): `matrix new STATE --template v2` starts a draft on v2 from the
 * state's latest version on v1. The crosswalk is data (data/template/vN/
 * from-vM.tsv, loaded as each vN item's from_id): an item with a from_id
 * receives the entry of that item of the previous version unchanged; going
 * back one version follows the same links the other way. An entry whose item
 * has no link is not carried and is listed, so nobody loses a mark silently.
 * Approved versions are never touched: carrying makes a new draft.
 */
#ifndef R1540_CORE_TEMPLATE_CARRY_H
#define R1540_CORE_TEMPLATE_CARRY_H

#include <stddef.h>

#include "../util/err.h"
#include "../util/mem.h"
#include "matrix.h"

typedef struct {
    matrix_entry_t *entries; /* carried, item ids of the target version; arena-owned */
    size_t ncarried;
    const char **lost; /* item ids (source version) of entries not carried; arena-owned */
    size_t nlost;
} template_carry_t;

/*
 * Carries entries es (items of template version `from`, whose items are
 * from_items) to version `to` (items to_items). from == to copies them all.
 * RC_INPUT when the versions are more than one apart (no crosswalk joins
 * them). Strings are shared with es; the arrays go in a.
 */
rc_t template_carry(int from, const template_item_t *from_items, size_t nfrom, int to,
                    const template_item_t *to_items, size_t nto, const matrix_entry_t *es,
                    size_t ne, arena_t *a, template_carry_t *out, err_t *e);

#endif
