/*
 * Notifications (core/notify.h): each account's mail settings and the queue
 * that is at once the inbox and the outbox. A row is queued by the operation
 * that causes it, in its transaction; the sender only moves `mail` from
 * pending to sent (or skipped, for an account that wants no mail), so the
 * inbox never loses a row. `claimed_until` is a sender's lease on a row while
 * it talks to the SMTP server: a second sender (`notify send` beside `serve`)
 * leaves the row alone, so no mail goes out twice.
 */
#include "sqlite_schema.h"

const char sqlite_migration_notify[] =
    "CREATE TABLE notify_setting ("
    " user_id INTEGER PRIMARY KEY REFERENCES user (id),"
    " email TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 254"
    "   AND email NOT GLOB '*[^!-~]*' AND email NOT GLOB '*[<>\",;]*'),"
    " lang TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('ar','zh','en','fr','ru','es')),"
    " mode TEXT NOT NULL DEFAULT 'immediate' CHECK (mode IN ('immediate','digest','never')),"
    " last_digest INTEGER NOT NULL DEFAULT 0);"

    "CREATE TABLE notification ("
    " id INTEGER PRIMARY KEY,"
    " user_id INTEGER NOT NULL REFERENCES user (id),"
    " event TEXT NOT NULL CHECK (event IN ('version-sent','version-accepted',"
    "   'version-commented','version-approved','version-published','proposal-waiting',"
    "   'proposal-answered','proposal-delivered','offer-ending','request-ending')),"
    " state TEXT NOT NULL DEFAULT '',"
    " number INTEGER NOT NULL DEFAULT 0,"
    " extra TEXT NOT NULL DEFAULT '' CHECK (length(extra) <= 64),"
    " link TEXT NOT NULL CHECK (length(link) <= 256),"
    " created INTEGER NOT NULL,"
    " read_at INTEGER NOT NULL DEFAULT 0,"
    " mail TEXT NOT NULL DEFAULT 'pending' CHECK (mail IN ('pending','sent','skipped')),"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " next_try INTEGER NOT NULL DEFAULT 0,"
    " claimed_until INTEGER NOT NULL DEFAULT 0,"
    " sent_at INTEGER NOT NULL DEFAULT 0,"
    " last_error TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX notification_inbox ON notification (user_id, id);"
    "CREATE INDEX notification_outbox ON notification (next_try) WHERE mail = 'pending';"
    /* a reminder is queued once per account and record, however often the
     * sender looks for ending offers and requests */
    "CREATE UNIQUE INDEX notification_once ON notification (user_id, event, state, number)"
    " WHERE event IN ('offer-ending','request-ending');"
    /* a sent mail stays sent */
    "CREATE TRIGGER notification_sent_stays BEFORE UPDATE OF mail ON notification"
    " WHEN OLD.mail <> 'pending' AND NEW.mail <> OLD.mail"
    " BEGIN SELECT RAISE(ABORT, 'r1540: a notification already mailed stays so'); END;";
