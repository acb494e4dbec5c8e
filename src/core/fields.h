/*
 * Field tables: each record's fields declared once, as data, so that the
 * store's binders and readers (src/store/sqlite_fields.c), the JSON writer and
 * reader (src/io/json_fields.c, src/io/json_import.c) and the CSV writer
 * (src/io/csv_fields.c) walk one list instead of naming every field again.
 * Adding a field to a record is its member, one row of its table
 * (fields_matrix.c, fields_assistance.c) and its migration; the codecs and the
 * store follow. The order of a table is the order of the JSON keys, the CSV
 * columns and the SQL columns, which docs/formats.md fixes: append, do not
 * reorder.
 *
 * What a table cannot say generically stays with its codec: a FIELD_VIRTUAL
 * row marks the place of a value that is computed (an offer's "provider" is
 * one of two columns), and the codec passes a hook that writes it.
 */
#ifndef R1540_CORE_FIELDS_H
#define R1540_CORE_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    FIELD_ID,      /* long long: the record's own id; the store assigns one when <= 0 */
    FIELD_INT,     /* int, from min to max */
    FIELD_LLONG,   /* long long, from min to max */
    FIELD_REF,     /* long long: another record's id; 0 is none (JSON null, SQL NULL, CSV "") */
    FIELD_TEXT,    /* char *, arena-owned */
    FIELD_CODE,    /* char[size]: a code or a date, NUL-terminated */
    FIELD_ENUM,    /* an enum (int-sized), written with enum_str, read with enum_parse */
    FIELD_LIST,    /* char *: codes separated by commas in C, JSON and CSV; in the store,
                      one row per code in the table's code table (list_table) */
    FIELD_BOOL,    /* bool: JSON true/false, CSV and SQL 1/0 */
    FIELD_NAMES,   /* char *[LANG_COUNT], one text per UN language: a JSON object under
                      `name` keyed by language code; CSV and SQL columns column_ar, ... */
    FIELD_VIRTUAL, /* no member: the codec's hook writes it (JSON only) */
} field_type_t;

enum {
    FIELD_STORE_ONLY = 1u << 0, /* a column that the exported record (JSON, CSV) leaves out */
    FIELD_EMPTY_NULL = 1u << 1, /* "" is stored as SQL NULL and read back as "" */
    FIELD_KEY = 1u << 2,        /* part of the row's key: an upsert does not change it */
    FIELD_JSON_HOOK = 1u << 3,  /* flat in CSV and SQL; in JSON its codec writes and reads it
                                   (an entry's optional "source_url" and "info" object) */
    FIELD_OPTIONAL = 1u << 4,   /* a key added after the format's first files: missing on
                                   import, it reads as empty (FIELD_TEXT, _LIST, _CODE) */
};

typedef struct {
    const char *name;   /* JSON key and CSV column */
    const char *column; /* SQL column, or NULL when it is `name` */
    field_type_t type;
    unsigned flags;     /* FIELD_STORE_ONLY, ... */
    size_t offset;      /* of the member in the record */
    size_t size;        /* of a FIELD_CODE member, NUL included */
    long long min, max; /* bounds of a number on import */
    const char *dflt;   /* stored when a FIELD_TEXT member is NULL; NULL stores "" */
    const char *(*enum_str)(int);   /* FIELD_ENUM: the value's text */
    int (*enum_parse)(const char *); /* FIELD_ENUM: -1 when the text is none */
    const char *why;    /* FIELD_ENUM: what an import says of a bad text */
} field_t;

typedef struct {
    const char *record; /* "request", for messages and tests */
    const char *table;  /* its SQL table */
    const char *list_table; /* its code table (FIELD_LIST rows), or NULL */
    const char *list_owner; /* the code table's column naming the record */
    const field_t *fields;
    size_t n;
} field_table_t;

/* Rows of a table of record type T: member m under its own name. Rows whose
 * exported name differs from the member write .name and FIELD_AT themselves. */
#define FIELD_AT(T, m) .offset = offsetof(T, m), .size = sizeof(((T *)0)->m)
#define FIELD_ROW(T, m, kind, ...) {.name = #m, .type = kind, FIELD_AT(T, m), __VA_ARGS__}

/* The tables (fields_matrix.c, fields_assistance.c). */
extern const field_table_t matrix_entry_fields;
extern const field_table_t matrix_version_fields;
extern const field_table_t request_fields;
extern const field_table_t offer_fields;
extern const field_table_t proposal_fields;
extern const field_table_t proposal_event_fields;
extern const field_table_t organization_fields;
extern const field_table_t membership_fields; /* fields_membership.c */
extern const field_table_t state_fields;      /* fields_state.c */

/* The SQL column of f. */
const char *field_column(const field_t *f);
/* True if the store keeps f (a column, or a list in the code table). */
bool field_stored(const field_t *f);
/* True if f is a key of the exported record (JSON and CSV). */
bool field_exported(const field_t *f);
/* True if f is a key of the exported JSON record that the table's walk writes
 * and reads (exported, and not left to the codec by FIELD_JSON_HOOK). */
bool field_in_json(const field_t *f);

/* The value of a number field (ID, INT, LLONG, REF, ENUM, BOOL) of rec. */
long long field_number(const field_t *f, const void *rec);
/* Sets a number field; the caller has checked the bounds. */
void field_set_number(const field_t *f, void *rec, long long v);
/* The text of a TEXT, LIST or CODE field (NULL for a NULL TEXT member), or of an
 * ENUM field as enum_str gives it. */
const char *field_text(const field_t *f, const void *rec);
/* Sets a TEXT or LIST field to s (not copied: s must live as long as rec) or copies s
 * into a CODE field; false, changing nothing, if s does not fit the CODE. */
bool field_set_text(const field_t *f, void *rec, const char *s);

/* The text in language l of a FIELD_NAMES field, and setting it (s not copied). */
const char *field_name_text(const field_t *f, const void *rec, int l);
void field_set_name_text(const field_t *f, void *rec, int l, const char *s);

/* True if a and b agree on every field of t but its FIELD_ID, FIELD_KEY and
 * FIELD_VIRTUAL rows (what says which record it is, and what is computed);
 * a NULL text equals "". */
bool fields_same(const field_table_t *t, const void *a, const void *b);
/* True if every such field of rec is 0 or "" (NULL counting as ""). */
bool fields_empty(const field_table_t *t, const void *rec);

#endif
