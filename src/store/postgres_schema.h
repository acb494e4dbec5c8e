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
/* sessions, sign-in attempts, API tokens, password resets
 * (postgres_schema_sessions.c). */
extern const char postgres_migration_sessions[];
/* effective practices, their documents and search index
 * (postgres_schema_practice.c). */
extern const char postgres_migration_practice[];
/* assistance requests, offers, their code lists, proposals and their
 * history (postgres_schema_assistance.c). */
extern const char postgres_migration_assistance[];
/* organizations' programmes and their offers (postgres_schema_programme.c). */
extern const char postgres_migration_programme[];
/* outreach events, the roster of points of contact with training attendance,
 * the outreach log (postgres_schema_outreach.c). */
extern const char postgres_migration_outreach[];
/* 12: every committing write announces itself on the channel PG_CHANGE_CHANNEL
 * (NOTIFY from the change counter's trigger, postgres_schema.c). */
extern const char postgres_migration_change_notify[];
/* 13: an inserted entry's frozen check once per statement, and no foreign key
 * source_report -> report (id) beside (source_report, state) -> report
 * (postgres_schema_matrix.c). */
extern const char postgres_migration_entry_checks[];

/* The channel a commit that wrote anything is announced on (LISTEN, store
 * op change_wait): at most one notice per transaction, delivered at its commit
 * and never for a rolled-back one. */
#define PG_CHANGE_CHANNEL "r1540_change"

/* Text columns compare and sort byte by byte, as SQLite's do, whatever the
 * database's locale: the orderings of store_ops.def must not depend on it. */
#define PG_TEXT "text COLLATE \"C\""
/* A row trigger that refuses with MSG (SQLSTATE R1540, "r1540: MSG"). */
#define PG_REFUSE_FN "r1540_refuse"

#endif
