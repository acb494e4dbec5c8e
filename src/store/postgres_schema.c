/*
 * The framework of the PostgreSQL schema: the schema number, the change
 * counter, the refusal function every rule's trigger calls, and the list of
 * migrations (each in a postgres_schema_NAME.c file).
 */
#include "postgres_schema.h"

const char postgres_schema_base[] =
    "CREATE TABLE r1540_schema (version integer NOT NULL);"
    "INSERT INTO r1540_schema VALUES (0);"
    /* the change counter (store_ops.def change_counter): one row */
    "CREATE TABLE r1540_change (one boolean PRIMARY KEY DEFAULT true CHECK (one),"
    " n bigint NOT NULL);"
    "INSERT INTO r1540_change VALUES (true, 0);"
    /* once per transaction: every UPDATE of the one row in a transaction
     * leaves a row version that the next must step over, so a bulk
     * transaction bumping it per statement would slow down quadratically */
    "CREATE FUNCTION r1540_count_change() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    " IF current_setting('r1540.counted', true) IS DISTINCT FROM txid_current()::text THEN"
    "  UPDATE r1540_change SET n = n + 1;"
    "  PERFORM set_config('r1540.counted', txid_current()::text, true);"
    " END IF; RETURN NULL; END $$;"
    /* the rules' refusals: SQLSTATE R1540, mapped to RC_REFUSED by pg_fail */
    "CREATE FUNCTION " PG_REFUSE_FN "() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN RAISE EXCEPTION USING ERRCODE = 'R1540', MESSAGE = 'r1540: ' || TG_ARGV[0]; END $$;";

/* Every table but the counter's own counts its writers' statements. */
const char postgres_count_changes[] =
    "DO $$ DECLARE t text; BEGIN"
    " FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
    "   AND tablename <> 'r1540_change' LOOP"
    "  EXECUTE format('CREATE OR REPLACE TRIGGER r1540_count AFTER INSERT OR UPDATE OR DELETE"
    "   OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION r1540_count_change()', t);"
    " END LOOP; END $$;";

const char postgres_schema_drop[] =
    "DO $$ DECLARE t text; BEGIN"
    " FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP"
    "  EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', t);"
    " END LOOP;"
    " FOR t IN SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n"
    "   ON n.oid = p.pronamespace WHERE n.nspname = current_schema()"
    "   AND p.proname LIKE 'r1540\\_%' LOOP"
    "  EXECUTE 'DROP FUNCTION IF EXISTS ' || t || ' CASCADE';"
    " END LOOP; END $$;";

/* The counter's function again, now also announcing the change: pg_notify in
 * the writing transaction is queued and sent at its commit, so a listener
 * (a server's change listener, src/web/change_listen.c) hears of a commit
 * at once and never of a rolled-back write; the notices of one transaction
 * are one. */
const char postgres_migration_change_notify[] =
    "CREATE OR REPLACE FUNCTION r1540_count_change() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    " IF current_setting('r1540.counted', true) IS DISTINCT FROM txid_current()::text THEN"
    "  UPDATE r1540_change SET n = n + 1;"
    "  PERFORM set_config('r1540.counted', txid_current()::text, true);"
    "  PERFORM pg_notify('" PG_CHANGE_CHANNEL "', '');"
    " END IF; RETURN NULL; END $$;";

const char *const postgres_migrations[] = {postgres_migration_ref, postgres_migration_audit,
                                             postgres_migration_matrix,
                                             postgres_migration_accounts,
                                             postgres_migration_search,
                                             postgres_migration_notify,
                                             postgres_migration_sessions,
                                             postgres_migration_practice,
                                             postgres_migration_assistance,
                                             postgres_migration_programme,
                                             postgres_migration_outreach,
                                             postgres_migration_change_notify,
                                             postgres_migration_entry_checks};
const int postgres_migration_count = sizeof postgres_migrations / sizeof *postgres_migrations;
