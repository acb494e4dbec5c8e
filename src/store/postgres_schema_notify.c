/*
 * PostgreSQL migration 6: notifications (sqlite_schema_notify.c): each
 * account's settings and the queue, with the same checks, the same
 * "once per account and record" index for reminders and the same rule that
 * a mailed notification stays mailed, and the partial index of the unread
 * rows of SQLite's later migration (sqlite_schema_unread.c: the unread count
 * every signed-in page asks for, answered in time with the unread rows rather
 * than all an account ever had), folded in here as no PostgreSQL database of
 * r1540 exists yet in the wild.
 */
#include "postgres_schema.h"

#define T PG_TEXT

const char postgres_migration_notify[] =
    "CREATE TABLE notify_setting ("
    " user_id bigint PRIMARY KEY REFERENCES \"user\" (id),"
    " email " T " NOT NULL DEFAULT '' CHECK (length(email) <= 254"
    "   AND email !~ '[^!-~]' AND email !~ '[<>\",;]'),"
    " lang " T " NOT NULL DEFAULT 'en' CHECK (lang IN ('ar','zh','en','fr','ru','es')),"
    " mode " T " NOT NULL DEFAULT 'immediate' CHECK (mode IN ('immediate','digest','never')),"
    " last_digest bigint NOT NULL DEFAULT 0);"

    "CREATE TABLE notification ("
    " id bigint PRIMARY KEY,"
    " user_id bigint NOT NULL REFERENCES \"user\" (id),"
    " event " T " NOT NULL CHECK (event IN ('version-sent','version-accepted',"
    "   'version-commented','version-approved','version-published','proposal-waiting',"
    "   'proposal-answered','proposal-delivered','offer-ending','request-ending')),"
    " state " T " NOT NULL DEFAULT '',"
    " number bigint NOT NULL DEFAULT 0,"
    " extra " T " NOT NULL DEFAULT '' CHECK (length(extra) <= 64),"
    " link " T " NOT NULL CHECK (length(link) <= 256),"
    " created bigint NOT NULL,"
    " read_at bigint NOT NULL DEFAULT 0,"
    " mail " T " NOT NULL DEFAULT 'pending' CHECK (mail IN ('pending','sent','skipped')),"
    " attempts integer NOT NULL DEFAULT 0,"
    " next_try bigint NOT NULL DEFAULT 0,"
    " claimed_until bigint NOT NULL DEFAULT 0,"
    " sent_at bigint NOT NULL DEFAULT 0,"
    " last_error " T " NOT NULL DEFAULT '');"
    "CREATE INDEX notification_inbox ON notification (user_id, id);"
    "CREATE INDEX notification_outbox ON notification (next_try) WHERE mail = 'pending';"
    "CREATE INDEX notification_unread ON notification (user_id, read_at) WHERE read_at = 0;"
    "CREATE UNIQUE INDEX notification_once ON notification (user_id, event, state, number)"
    " WHERE event IN ('offer-ending','request-ending');"
    "CREATE TRIGGER notification_sent_stays BEFORE UPDATE OF mail ON notification"
    " FOR EACH ROW WHEN (OLD.mail <> 'pending' AND NEW.mail <> OLD.mail)"
    " EXECUTE FUNCTION " PG_REFUSE_FN "('a notification already mailed stays so');";
