/*
 * The PostgreSQL schema as numbered migrations, in PostgreSQL's dialect with
 * the same constraints and rules as the SQLite schema (sqlite_schema*.c).
 * Migration i (1-based) brings r1540_schema.version from i-1 to i; postgres.c
 * applies them in order, each in its own transaction under a migration lock.
 * The numbering is the PostgreSQL backend's own (new-backend.md): it follows
 * SQLite's tables, not its numbers.
 */
#ifndef R1540_STORE_POSTGRES_SCHEMA_H
#define R1540_STORE_POSTGRES_SCHEMA_H

extern const char *const postgres_migrations[];
extern const int postgres_migration_count;

/* Run before migration 1: the schema number, the change counter and the
 * functions the triggers share (postgres_schema.c). */
extern const char postgres_schema_base[];
/* Run after every migration: puts the change-counting trigger on each table
 * that lacks it. */
extern const char postgres_count_changes[];
/* Drops everything r1540 made (store_destroy). */
extern const char postgres_schema_drop[];

/* 1: settings and reference data: vocabulary, states, memberships, the
 * template, organizations (postgres_schema_ref.c). */
extern const char postgres_migration_ref[];
/* 2: the audit log, append-only (postgres_schema_audit.c). */
extern const char postgres_migration_audit[];
/* 3: reports, matrix versions and entries (postgres_schema_matrix.c). */
extern const char postgres_migration_matrix[];
/* 4: users, matrix comments and reviews (postgres_schema_accounts.c). */
extern const char postgres_migration_accounts[];
/* 5: the text of reports (postgres_schema_search.c). */
extern const char postgres_migration_search[];
/* 6: notifications (postgres_schema_notify.c). */
extern const char postgres_migration_notify[];
/* outreach events, the roster of points of contact with training attendance,
 * the outreach log (postgres_schema_outreach.c). */
extern const char postgres_migration_outreach[];

/* Text columns compare and sort byte by byte, as SQLite's do, whatever the
 * database's locale: the orderings of store_ops.def must not depend on it. */
#define PG_TEXT "text COLLATE \"C\""
/* A row trigger that refuses with MSG (SQLSTATE R1540, "r1540: MSG"). */
#define PG_REFUSE_FN "r1540_refuse"

#endif
