/*
 * The 1540 matrix template: the list of data fields (items) that the Committee
 * marks for every state, as versioned data under data/template/vN/. Each matrix
 * version names the template version its entries refer to.
 */
#ifndef R1540_CORE_TEMPLATE_H
#define R1540_CORE_TEMPLATE_H

#include <stdbool.h>

#include "../util/lang.h"

typedef struct {
    char *id;      /* stable item id, e.g. OP2-NW-MANUFACTURE-LAW */
    int seq;       /* display order within the template version */
    char *section; /* OP1, OP2, OP3AB or OP3CD */
    char *heading; /* sub-table key, e.g. op2.nuclear */
    char *weapon;  /* nuclear, chemical, biological, delivery or "-" */
    char *themes;  /* comma-separated theme keys */
    char *label[LANG_COUNT];
    /* tmpl (issue 12), template v2: */
    char *from_id;          /* item of the previous version carried here; "" if new */
    char *note[LANG_COUNT]; /* shown with the row (CTBT "not in force"); "" if none */
} template_item_t; /* all strings arena-owned */

/* True for an item id: [A-Z0-9][A-Z0-9.-]{1,31}. */
bool template_item_id_ok(const char *id);
bool template_section_valid(const char *s);
bool template_weapon_valid(const char *s);
/* True if the comma-separated tag list `themes` contains `theme`. */
bool template_has_theme(const char *themes, const char *theme);

#endif
