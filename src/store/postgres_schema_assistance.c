/*
 * PostgreSQL migration: assistance requests, offers, their code lists,
 * proposals and their history, as SQLite has them after its migrations
 * assistance, lists and request2663 (sqlite_schema_assistance.c,
 * sqlite_schema_lists.c, sqlite_schema_request2663.c) folded into one: no
 * PostgreSQL database predates the lists, so the comma-separated columns
 * never exist here. The same rules, whoever writes: a request's state and an
 * offer's provider exist (one provider, a state or an organization), codes in
 * the lists are not empty, hold no comma and are not repeated, a capacity is
 * not negative, an offer gets no more live proposals than its capacity, a
 * request at most one, a declined pair is never proposed again, the request
 * and proposal workflows, proposals never deleted and their history never
 * changed.
 *
 * Conditions that read other rows cannot be a trigger's WHEN in PostgreSQL:
 * they are PL/pgSQL functions. SQLite fires the BEFORE INSERT triggers of
 * assistance_proposal last-created first; r1540_proposal_insert checks the
 * same rules in that order, so a proposal breaking two gets the same message
 * on both backends.
 */
#include "postgres_schema.h"

#define T PG_TEXT
#define LIVE "('proposed','accepted','delivered')"
#define DATE_OK(c) "(" c " = '' OR " c " ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')"
#define TEXT_MAX(c, n) c " " T " NOT NULL DEFAULT '' CHECK (octet_length(" c ") <= " n ")"
#define PERIOD "start " T " NOT NULL CHECK " DATE_OK("start") ", \"end\" " T " NOT NULL CHECK " \
    DATE_OK("\"end\"")
#define PERIOD_OK "CHECK (start = '' OR \"end\" = '' OR start <= \"end\")"
#define RAISE(msg) "RAISE EXCEPTION USING ERRCODE = 'R1540', MESSAGE = 'r1540: " msg "';"
/* The code table of a record: (owner, list, seq) -> code, one row per code in
 * list order (sqlite_schema_lists.c). */
#define CODE_TABLE(name, owner, parent, lists)                                                  \
    "CREATE TABLE " name " ("                                                                   \
    " " owner " bigint NOT NULL REFERENCES " parent " (id),"                                    \
    " list " T " NOT NULL CHECK (list IN " lists "),"                                          \
    " seq integer NOT NULL CHECK (seq > 0),"                                                    \
    " code " T " NOT NULL CHECK (code <> '' AND strpos(code, ',') = 0),"                       \
    " PRIMARY KEY (" owner ", list, seq), UNIQUE (" owner ", list, code));"                    \
    "CREATE INDEX " name "_by_code ON " name " (list, code, " owner ");"

const char postgres_migration_assistance[] =
    "CREATE TABLE assistance_request ("
    " id bigint PRIMARY KEY CHECK (id > 0),"
    " state " T " NOT NULL REFERENCES state (alpha3),"
    " kind " T " NOT NULL, title " T " NOT NULL CHECK (title <> ''), description " T " NOT NULL,"
    " priority integer NOT NULL CHECK (priority BETWEEN 1 AND 3),"
    " submitted " T " NOT NULL CHECK (submitted <> '' AND " DATE_OK("submitted") "),"
    " " PERIOD ","
    " status " T " NOT NULL CHECK (status IN ('open','matched','delivered','withdrawn')),"
    " " TEXT_MAX("context", "4000") ", " TEXT_MAX("contact", "300") ","
    " " TEXT_MAX("outcome", "4000") ", " TEXT_MAX("feedback", "4000") ","
    " feedback_date " T " NOT NULL DEFAULT '' CHECK " DATE_OK("feedback_date") ","
    " " PERIOD_OK ");"
    "CREATE INDEX assistance_request_by_state ON assistance_request (state, id);"
    CODE_TABLE("assistance_request_code", "request_id", "assistance_request",
               "('items','themes','languages','areas')")
    /* open -> matched -> delivered follows the proposals (r1540_proposal_request
     * below); a request is withdrawn only while open and without a live
     * proposal. As on SQLite, setting the status it has is refused too. */
    "CREATE FUNCTION r1540_request_workflow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF NOT ((OLD.status = 'open' AND NEW.status = 'matched') OR"
    "   (OLD.status = 'matched' AND NEW.status = 'delivered') OR"
    "   (OLD.status = 'open' AND NEW.status = 'withdrawn' AND NOT EXISTS (SELECT 1 FROM"
    "     assistance_proposal WHERE request_id = OLD.id AND status IN " LIVE "))) THEN"
    "  " RAISE("the request cannot go from that status to that one (a request is "
               "withdrawn only while open and without a live proposal)")
    " END IF; RETURN NEW; END $$;"
    "CREATE TRIGGER assistance_request_workflow BEFORE UPDATE OF status ON assistance_request"
    " FOR EACH ROW EXECUTE FUNCTION r1540_request_workflow();"

    "CREATE TABLE assistance_offer ("
    " id bigint PRIMARY KEY CHECK (id > 0),"
    " provider_state " T " REFERENCES state (alpha3),"
    " provider_org " T " REFERENCES organization (code),"
    " title " T " NOT NULL CHECK (title <> ''), description " T " NOT NULL,"
    " capacity integer NOT NULL CHECK (capacity >= 0),"
    " " PERIOD ","
    " status " T " NOT NULL CHECK (status IN ('open','closed')),"
    " CHECK ((provider_state IS NULL) <> (provider_org IS NULL)), " PERIOD_OK ");"
    CODE_TABLE("assistance_offer_code", "offer_id", "assistance_offer",
               "('kinds','items','themes','regions','languages')")

    "CREATE TABLE assistance_proposal ("
    " id bigint PRIMARY KEY CHECK (id > 0),"
    " request_id bigint NOT NULL REFERENCES assistance_request (id),"
    " offer_id bigint NOT NULL REFERENCES assistance_offer (id),"
    " score integer NOT NULL CHECK (score > 0), explanation " T " NOT NULL,"
    " batch " T " NOT NULL, created " T " NOT NULL,"
    " status " T " NOT NULL CHECK (status IN ('proposed','accepted','declined','delivered')),"
    " provider_answer " T " NOT NULL CHECK (provider_answer IN ('','accepted','declined')),"
    " state_answer " T " NOT NULL CHECK (state_answer IN ('','accepted','declined')));"
    "CREATE INDEX assistance_proposal_by_pair ON assistance_proposal (request_id, offer_id);"
    "CREATE INDEX assistance_proposal_by_offer ON assistance_proposal (offer_id, status);"
    /* Capacity counts requests, a regional batch (one activity for several
     * requests of a region) counting once. A missing request or offer makes
     * the conditions NULL, not true: the foreign keys name it afterwards. */
    "CREATE FUNCTION r1540_proposal_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF NEW.status = 'proposed' AND ((SELECT status FROM assistance_request"
    "   WHERE id = NEW.request_id) <> 'open' OR (SELECT status FROM assistance_offer"
    "   WHERE id = NEW.offer_id) <> 'open') THEN"
    "  " RAISE("only open requests and open offers are matched")
    " END IF;"
    " IF NEW.status <> 'proposed' AND NEW.status <> 'declined'"
    "   AND NOT (NEW.provider_answer = 'accepted' AND NEW.state_answer = 'accepted') THEN"
    "  " RAISE("a proposal is accepted only when the provider and the state accept it")
    " END IF;"
    " IF NEW.status IN " LIVE " AND (NEW.batch = '' OR NOT EXISTS (SELECT 1 FROM"
    "   assistance_proposal WHERE offer_id = NEW.offer_id AND batch = NEW.batch"
    "   AND status IN " LIVE "))"
    "  AND (SELECT count(DISTINCT CASE WHEN batch = '' THEN 'p' || id ELSE 'b' || batch END)"
    "   FROM assistance_proposal WHERE offer_id = NEW.offer_id AND status IN " LIVE ")"
    "   >= (SELECT capacity FROM assistance_offer WHERE id = NEW.offer_id) THEN"
    "  " RAISE("the offer is at its capacity")
    " END IF;"
    " IF EXISTS (SELECT 1 FROM assistance_proposal WHERE request_id = NEW.request_id"
    "   AND status IN " LIVE ") THEN"
    "  " RAISE("the request already has a live proposal")
    " END IF;"
    " IF EXISTS (SELECT 1 FROM assistance_proposal WHERE request_id = NEW.request_id"
    "   AND offer_id = NEW.offer_id AND status = 'declined') THEN"
    "  " RAISE("this request and offer were declined once and are never proposed again")
    " END IF;"
    " RETURN NEW; END $$;"
    "CREATE TRIGGER assistance_proposal_insert BEFORE INSERT ON assistance_proposal"
    " FOR EACH ROW EXECUTE FUNCTION r1540_proposal_insert();"
    /* Answers go from '' to a decision once, while the proposal is live; the
     * status follows the answers; delivered only after accepted. */
    "CREATE TRIGGER assistance_proposal_workflow BEFORE UPDATE ON assistance_proposal"
    " FOR EACH ROW WHEN (NEW.id <> OLD.id OR NEW.request_id <> OLD.request_id"
    "   OR NEW.offer_id <> OLD.offer_id"
    "   OR NEW.score <> OLD.score OR NEW.explanation <> OLD.explanation OR NEW.batch <> OLD.batch"
    "   OR NEW.created <> OLD.created"
    "   OR (NEW.provider_answer <> OLD.provider_answer"
    "       AND (OLD.provider_answer <> '' OR OLD.status <> 'proposed'))"
    "   OR (NEW.state_answer <> OLD.state_answer"
    "       AND (OLD.state_answer <> '' OR OLD.status <> 'proposed'))"
    "   OR (NEW.status <> OLD.status AND NOT ("
    "     (OLD.status = 'proposed' AND NEW.status = 'declined'"
    "       AND 'declined' IN (NEW.provider_answer, NEW.state_answer)) OR"
    "     (OLD.status = 'proposed' AND NEW.status = 'accepted'"
    "       AND NEW.provider_answer = 'accepted' AND NEW.state_answer = 'accepted') OR"
    "     (OLD.status = 'accepted' AND NEW.status = 'delivered')))"
    "   OR (NEW.status = OLD.status AND NEW.status = 'proposed'"
    "       AND 'declined' IN (NEW.provider_answer, NEW.state_answer)))"
    " EXECUTE FUNCTION " PG_REFUSE_FN "('the workflow does not allow that change to a proposal');"
    "CREATE TRIGGER assistance_proposal_keep BEFORE DELETE ON assistance_proposal"
    " FOR EACH ROW EXECUTE FUNCTION " PG_REFUSE_FN
    "('proposals are history and are never deleted');"
    "CREATE TRIGGER assistance_proposal_no_truncate BEFORE TRUNCATE ON assistance_proposal"
    " FOR EACH STATEMENT EXECUTE FUNCTION " PG_REFUSE_FN
    "('proposals are history and are never deleted');"
    /* an accepted (delivered) proposal marks its request matched (delivered) */
    "CREATE FUNCTION r1540_proposal_request() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " UPDATE assistance_request SET status = CASE NEW.status WHEN 'accepted'"
    "   THEN 'matched' ELSE 'delivered' END WHERE id = NEW.request_id;"
    " RETURN NULL; END $$;"
    "CREATE TRIGGER assistance_proposal_request_status AFTER UPDATE OF status"
    " ON assistance_proposal FOR EACH ROW WHEN (NEW.status IN ('accepted','delivered'))"
    " EXECUTE FUNCTION r1540_proposal_request();"

    "CREATE TABLE assistance_event ("
    " proposal_id bigint NOT NULL REFERENCES assistance_proposal (id),"
    " seq integer NOT NULL CHECK (seq > 0), date " T " NOT NULL, event " T " NOT NULL"
    " CHECK (event IN ('proposed','provider-accepted','provider-declined','state-accepted',"
    "   'state-declined','delivered')), note " T " NOT NULL,"
    " PRIMARY KEY (proposal_id, seq));"
    "CREATE TRIGGER assistance_event_append_only BEFORE UPDATE OR DELETE ON assistance_event"
    " FOR EACH ROW EXECUTE FUNCTION " PG_REFUSE_FN "('the history of a proposal cannot change');"
    "CREATE TRIGGER assistance_event_no_truncate BEFORE TRUNCATE ON assistance_event"
    " FOR EACH STATEMENT EXECUTE FUNCTION " PG_REFUSE_FN
    "('the history of a proposal cannot change');";
