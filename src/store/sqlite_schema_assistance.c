/*
 * SQLite migration for assistance: the organizations registry, requests,
 * offers, proposals and their history. As in migration 1, what must never
 * happen is refused by the database itself, whatever the caller: a negative
 * capacity, an unknown state or organization as requester or provider, a
 * request without template items, an offer given more live proposals than its
 * capacity, a request with two live proposals, a pair proposed again after it
 * was declined, a workflow step out of order, and any change to the history.
 * Lists (items, themes, kinds, languages, regions) are comma-separated codes,
 * as template items carry their themes; the C side checks each code.
 */
#include "sqlite_schema.h"

#define REFUSE(msg) "SELECT RAISE(ABORT, 'r1540: " msg "');"
#define NAMES(p) p "_ar TEXT NOT NULL, " p "_zh TEXT NOT NULL, " p "_en TEXT NOT NULL, " \
    p "_fr TEXT NOT NULL, " p "_ru TEXT NOT NULL, " p "_es TEXT NOT NULL"
#define LIVE "('proposed','accepted','delivered')"
#define DATE_OK(c) "(" c " = '' OR " c " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')"

const char sqlite_migration_assistance[] =
    "CREATE TABLE organization ("
    " code TEXT PRIMARY KEY CHECK (code GLOB '[A-Z]*' AND length(code) <= 16),"
    " kind TEXT NOT NULL CHECK (kind IN ('un','intergovernmental','regional','treaty-body')),"
    " regions TEXT NOT NULL, " NAMES("name") ") WITHOUT ROWID;"

    "CREATE TABLE assistance_request ("
    " id INTEGER PRIMARY KEY CHECK (id > 0),"
    " state TEXT NOT NULL REFERENCES state (alpha3),"
    " kind TEXT NOT NULL, items TEXT NOT NULL CHECK (items <> ''), themes TEXT NOT NULL,"
    " title TEXT NOT NULL CHECK (title <> ''), description TEXT NOT NULL,"
    " languages TEXT NOT NULL, priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 3),"
    " submitted TEXT NOT NULL CHECK (submitted <> '' AND " DATE_OK("submitted") "),"
    " start TEXT NOT NULL CHECK " DATE_OK("start") ", end TEXT NOT NULL CHECK " DATE_OK("end") ","
    " status TEXT NOT NULL CHECK (status IN ('open','matched','delivered','withdrawn')),"
    " CHECK (start = '' OR end = '' OR start <= end));"
    "CREATE INDEX assistance_request_by_state ON assistance_request (state, id);"
    /* open -> matched -> delivered follows the proposals (trigger below); a
     * request is withdrawn only while open and without a live proposal. */
    "CREATE TRIGGER assistance_request_workflow BEFORE UPDATE OF status ON assistance_request"
    " WHEN NOT ("
    "   (OLD.status = 'open' AND NEW.status = 'matched') OR"
    "   (OLD.status = 'matched' AND NEW.status = 'delivered') OR"
    "   (OLD.status = 'open' AND NEW.status = 'withdrawn' AND NOT EXISTS (SELECT 1 FROM"
    "     assistance_proposal WHERE request_id = OLD.id AND status IN " LIVE ")))"
    " BEGIN " REFUSE("the request cannot go from that status to that one (a request is "
                     "withdrawn only while open and without a live proposal)") " END;"

    "CREATE TABLE assistance_offer ("
    " id INTEGER PRIMARY KEY CHECK (id > 0),"
    " provider_state TEXT REFERENCES state (alpha3),"
    " provider_org TEXT REFERENCES organization (code),"
    " kinds TEXT NOT NULL CHECK (kinds <> ''), items TEXT NOT NULL, themes TEXT NOT NULL,"
    " title TEXT NOT NULL CHECK (title <> ''), description TEXT NOT NULL,"
    " regions TEXT NOT NULL, languages TEXT NOT NULL,"
    " capacity INTEGER NOT NULL CHECK (capacity >= 0),"
    " start TEXT NOT NULL CHECK " DATE_OK("start") ", end TEXT NOT NULL CHECK " DATE_OK("end") ","
    " status TEXT NOT NULL CHECK (status IN ('open','closed')),"
    " CHECK ((provider_state IS NULL) <> (provider_org IS NULL)),"
    " CHECK (items <> '' OR themes <> ''), CHECK (start = '' OR end = '' OR start <= end));"

    "CREATE TABLE assistance_proposal ("
    " id INTEGER PRIMARY KEY CHECK (id > 0),"
    " request_id INTEGER NOT NULL REFERENCES assistance_request (id),"
    " offer_id INTEGER NOT NULL REFERENCES assistance_offer (id),"
    " score INTEGER NOT NULL CHECK (score > 0), explanation TEXT NOT NULL,"
    " batch TEXT NOT NULL, created TEXT NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('proposed','accepted','declined','delivered')),"
    " provider_answer TEXT NOT NULL CHECK (provider_answer IN ('','accepted','declined')),"
    " state_answer TEXT NOT NULL CHECK (state_answer IN ('','accepted','declined')));"
    "CREATE INDEX assistance_proposal_by_pair ON assistance_proposal (request_id, offer_id);"
    "CREATE INDEX assistance_proposal_by_offer ON assistance_proposal (offer_id, status);"
    "CREATE TRIGGER assistance_proposal_declined_pair BEFORE INSERT ON assistance_proposal"
    " WHEN EXISTS (SELECT 1 FROM assistance_proposal WHERE request_id = NEW.request_id"
    "   AND offer_id = NEW.offer_id AND status = 'declined')"
    " BEGIN " REFUSE("this request and offer were declined once and are never proposed again") " END;"
    "CREATE TRIGGER assistance_proposal_one_live BEFORE INSERT ON assistance_proposal"
    " WHEN EXISTS (SELECT 1 FROM assistance_proposal WHERE request_id = NEW.request_id"
    "   AND status IN " LIVE ")"
    " BEGIN " REFUSE("the request already has a live proposal") " END;"
    /* Capacity counts requests, a regional batch (one activity for several
     * requests of a region) counting once. */
    "CREATE TRIGGER assistance_proposal_capacity BEFORE INSERT ON assistance_proposal"
    " WHEN NEW.status IN " LIVE " AND (NEW.batch = '' OR NOT EXISTS (SELECT 1 FROM"
    "   assistance_proposal WHERE offer_id = NEW.offer_id AND batch = NEW.batch"
    "   AND status IN " LIVE "))"
    " AND (SELECT count(DISTINCT CASE WHEN batch = '' THEN 'p' || id ELSE 'b' || batch END)"
    "   FROM assistance_proposal WHERE offer_id = NEW.offer_id AND status IN " LIVE ")"
    "   >= (SELECT capacity FROM assistance_offer WHERE id = NEW.offer_id)"
    " BEGIN " REFUSE("the offer is at its capacity") " END;"
    "CREATE TRIGGER assistance_proposal_born BEFORE INSERT ON assistance_proposal"
    " WHEN NEW.status <> 'proposed' AND NEW.status <> 'declined'"
    "   AND NOT (NEW.provider_answer = 'accepted' AND NEW.state_answer = 'accepted')"
    " BEGIN " REFUSE("a proposal is accepted only when the provider and the state accept it") " END;"
    "CREATE TRIGGER assistance_proposal_open BEFORE INSERT ON assistance_proposal"
    " WHEN NEW.status = 'proposed' AND ((SELECT status FROM assistance_request"
    "   WHERE id = NEW.request_id) <> 'open' OR (SELECT status FROM assistance_offer"
    "   WHERE id = NEW.offer_id) <> 'open')"
    " BEGIN " REFUSE("only open requests and open offers are matched") " END;"
    /* Answers go from '' to a decision once, while the proposal is live; the
     * status follows the answers; delivered only after accepted. */
    "CREATE TRIGGER assistance_proposal_workflow BEFORE UPDATE ON assistance_proposal"
    " WHEN NEW.id <> OLD.id OR NEW.request_id <> OLD.request_id OR NEW.offer_id <> OLD.offer_id"
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
    "       AND 'declined' IN (NEW.provider_answer, NEW.state_answer))"
    " BEGIN " REFUSE("the workflow does not allow that change to a proposal") " END;"
    "CREATE TRIGGER assistance_proposal_keep BEFORE DELETE ON assistance_proposal"
    " BEGIN " REFUSE("proposals are history and are never deleted") " END;"
    "CREATE TRIGGER assistance_proposal_request_status AFTER UPDATE OF status"
    " ON assistance_proposal WHEN NEW.status IN ('accepted','delivered')"
    " BEGIN UPDATE assistance_request SET status = CASE NEW.status WHEN 'accepted'"
    "   THEN 'matched' ELSE 'delivered' END WHERE id = NEW.request_id; END;"

    "CREATE TABLE assistance_event ("
    " proposal_id INTEGER NOT NULL REFERENCES assistance_proposal (id),"
    " seq INTEGER NOT NULL CHECK (seq > 0), date TEXT NOT NULL, event TEXT NOT NULL"
    " CHECK (event IN ('proposed','provider-accepted','provider-declined','state-accepted',"
    "   'state-declined','delivered')), note TEXT NOT NULL,"
    " PRIMARY KEY (proposal_id, seq)) WITHOUT ROWID;"
    "CREATE TRIGGER assistance_event_append_only BEFORE UPDATE ON assistance_event"
    " BEGIN " REFUSE("the history of a proposal cannot change") " END;"
    "CREATE TRIGGER assistance_event_keep BEFORE DELETE ON assistance_event"
    " BEGIN " REFUSE("the history of a proposal cannot change") " END;";
