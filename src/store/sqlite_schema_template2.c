/*
 * SQLite migration for matrix template v2 (issue 12).
 *
 * template_item: from_id, the item of the previous template version an item
 * carries forward (data/template/vN/from-vM.tsv; '' for a new row), and the
 * row's note in the six languages (vN/notes.tsv, e.g. the CTBT "not in
 * force"), shown with the row.
 *
 * matrix_entry: an official web address as source (http/https only, checked
 * here as well as in core/matrix_info.c so no writer can store a script
 * address), and on OP1 rows the form's "relevant information" column with
 * its signature, ratification and accession dates. Added columns default to
 * '' so approved versions keep their content and never change.
 */
#include "sqlite_schema.h"

#define NOTE(l) "ALTER TABLE template_item ADD COLUMN note_" l " TEXT NOT NULL DEFAULT '';"
#define INFO_DATE(c)                                                                           \
    "ALTER TABLE matrix_entry ADD COLUMN " c " TEXT NOT NULL DEFAULT ''"                      \
    " CHECK (" c " = '' OR " c " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');"

const char sqlite_migration_template2[] =
    "ALTER TABLE template_item ADD COLUMN from_id TEXT NOT NULL DEFAULT '';"
    NOTE("ar") NOTE("zh") NOTE("en") NOTE("fr") NOTE("ru") NOTE("es")
    "ALTER TABLE matrix_entry ADD COLUMN source_url TEXT NOT NULL DEFAULT ''"
    " CHECK (source_url = '' OR (length(source_url) <= 500"
    "   AND (lower(substr(source_url, 1, 7)) = 'http://'"
    "     OR lower(substr(source_url, 1, 8)) = 'https://')));"
    "ALTER TABLE matrix_entry ADD COLUMN info TEXT NOT NULL DEFAULT ''"
    " CHECK (length(info) <= 500);"
    INFO_DATE("info_signed") INFO_DATE("info_ratified") INFO_DATE("info_acceded");
