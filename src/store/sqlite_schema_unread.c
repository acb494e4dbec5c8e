/*
 * The inbox's unread count (store_notify_unread), asked on every signed-in
 * page, read through the index notification_inbox (user_id, id) and then
 * every row of the account to test read_at: its cost grew with all the
 * notifications an account ever had (bench/inbox_unread.sh: 50,000 read ones
 * made each signed-in page 3.6 times slower). A partial index of the unread
 * rows alone answers the count from the index without reading a row (read_at
 * is in it so that SQLite sees it as covering), in time with the unread ones,
 * which the inbox keeps few.
 */
#include "sqlite_schema.h"

const char sqlite_migration_unread[] =
    "CREATE INDEX notification_unread ON notification (user_id, read_at) WHERE read_at = 0;";
