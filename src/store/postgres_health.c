/*
 * The PostgreSQL side of the health check (store_health): the schema number,
 * and whether this server is a hot standby (pg_is_in_recovery) and how far
 * behind its primary it is. The lag is the age of the last transaction
 * replayed, except when the standby has replayed all it has received: an
 * idle primary sends nothing, and the last replayed transaction then grows
 * old without the standby being behind at all. That exception holds only
 * while a WAL receiver runs (pg_stat_wal_receiver has its row; its pid is
 * shown to any role): without one the standby receives nothing, has replayed
 * all of that nothing, and may be any distance behind, so the lag is then the
 * age of the last replayed transaction. NULL (no transaction replayed since
 * the standby started) is reported as unknown, -1.
 */
#include <stdlib.h>
#include <string.h>

#include "postgres_private.h"

static const char health_sql[] =
    "SELECT (SELECT version FROM r1540_schema), pg_is_in_recovery(),"
    " pg_is_in_recovery() OR current_setting('default_transaction_read_only') = 'on',"
    " CASE WHEN NOT pg_is_in_recovery() THEN NULL"
    "      WHEN EXISTS (SELECT 1 FROM pg_stat_wal_receiver)"
    "       AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
    "      ELSE extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) END,"
    " EXISTS (SELECT 1 FROM pg_stat_wal_receiver),"
    " extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())";

rc_t pg_health(void *hv, store_health_t *out, err_t *e)
{
    pg_store_t *h = hv;
    PGresult *r;
    rc_t rc = pg_exec_read(h, health_sql, &r, e);
    if (rc != RC_OK)
        return rc;
    *out = (store_health_t){.backend = "postgresql", .lag_seconds = -1, .wal_receiver = -1,
                            .replay_age_seconds = -1};
    out->schema = (int)pg_int(r, 0, 0);
    out->standby = PQgetvalue(r, 0, 1)[0] == 't';
    out->read_only = PQgetvalue(r, 0, 2)[0] == 't';
    if (!PQgetisnull(r, 0, 3))
        out->lag_seconds = strtod(PQgetvalue(r, 0, 3), NULL);
    if (out->standby) {
        out->wal_receiver = PQgetvalue(r, 0, 4)[0] == 't';
        if (!PQgetisnull(r, 0, 5))
            out->replay_age_seconds = strtod(PQgetvalue(r, 0, 5), NULL);
    }
    PQclear(r);
    return RC_OK;
}
