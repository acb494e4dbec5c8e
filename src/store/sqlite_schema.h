/*
 * The SQLite schema as numbered migrations. Migration i (1-based) brings a
 * database from PRAGMA user_version i-1 to i; they are applied in order, each
 * in its own transaction, when a database is opened.
 */
#ifndef R1540_STORE_SQLITE_SCHEMA_H
#define R1540_STORE_SQLITE_SCHEMA_H

extern const char *const sqlite_migrations[];
extern const int sqlite_migration_count;

/* The migrations kept in files of their own (sqlite_schema_accounts.c). */
extern const char sqlite_migration_accounts[];
/* The assistance tables (sqlite_schema_assistance.c). */
extern const char sqlite_migration_assistance[];
/* 4: outreach events (sqlite_schema_event.c). */
extern const char sqlite_migration_event[];
/* 5: sign-in attempts, replacing login_failure (sqlite_schema_signin.c). */
extern const char sqlite_migration_signin[];
/* 6: dated group memberships (sqlite_schema_membership.c). */
extern const char sqlite_migration_membership[];
/* Requests' and offers' lists in child tables (sqlite_schema_lists.c). */
extern const char sqlite_migration_lists[];
/* template v2: item notes and carry-forward ids, entry web address and OP1
 * relevant information (sqlite_schema_template2.c). */
extern const char sqlite_migration_template2[];
/* The roster of points of contact and training attendance (sqlite_schema_roster.c). */
extern const char sqlite_migration_roster[];
/* Outreach entries: letters, meetings, visits to a state (sqlite_schema_outreach.c). */
extern const char sqlite_migration_outreach[];

/* The text of reports and its search index (sqlite_schema_search.c). */
extern const char sqlite_migration_search[];
/* Notifications: the settings and the queue (sqlite_schema_notify.c). */
extern const char sqlite_migration_notify[];
/* API tokens (sqlite_schema_tokens.c). */
extern const char sqlite_migration_tokens[];

/* One-time password resets an administrator issues (sqlite_schema_reset.c). */
extern const char sqlite_migration_reset[];
/* Draft comments by item and their answered mark (sqlite_schema_comment_draft.c). */
extern const char sqlite_migration_comment_draft[];
/* Requests as resolution 2663 asks: areas, context, contact, outcome, feedback
 * (sqlite_schema_request2663.c). */
extern const char sqlite_migration_request2663[];
/* Programmes of organizations and the offers made under them
 * (sqlite_schema_programme.c). */
extern const char sqlite_migration_programme[];
/* Effective practices and lessons learned, their documents and search index
 * (sqlite_schema_practice.c). */
extern const char sqlite_migration_practice[];
/* The unread notifications' index, for the inbox count (sqlite_schema_unread.c). */
extern const char sqlite_migration_unread[];

#endif
