#!/usr/bin/env python3
"""Writes data/openapi.json, the OpenAPI 3.1 description of /api/v1/ (docs/api.md).

The description is data the server sends as it is (/api/v1/openapi.json) and renders for
people (/<lang>/api). This script is its compact source: one line per route of the route
table in src/web/router.c, in the same order, plus the schemas of the answers.
tests/http/openapi.sh checks that the two lists of routes are the same, that data/openapi.json
is what this script writes (`python3 tools/openapi.py --check`), that a real validator accepts
it, and that the server's answers fit the schemas.

    python3 tools/openapi.py            # rewrite data/openapi.json
    python3 tools/openapi.py --check    # exit 1 if data/openapi.json is not up to date
    python3 tools/openapi.py --check-file F   # the same for another file (the test's own check)
"""
import json
import os
import sys

OUT = os.path.join(os.path.dirname(__file__), "..", "data", "openapi.json")

# ---- schemas -----------------------------------------------------------------------------

S = {"type": "string"}
I = {"type": "integer"}
N = {"type": "number"}
BOOL = {"type": "boolean"}
DATE_OR_EMPTY = {"type": "string", "pattern": "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"}


def obj(props, required=None):
    """An object with these members (others allowed: answers may grow)."""
    o = {"type": "object", "properties": props}
    o["required"] = list(props) if required is None else required
    return o


def arr(items):
    return {"type": "array", "items": items}


def ref(name):
    return {"$ref": "#/components/schemas/" + name}


PAGING = {"count": I, "page": I, "pages": I, "per_page": I}


def nullable(schema):
    return {"anyOf": [schema, {"type": "null"}]}


# parts of several answers: a code with its name in the language, the records of assistance
# named in the components (below, the *_SCHEMA), so that each is written once there
REQUEST = {"$ref": "#/components/schemas/AssistanceRequest"}
OFFER = {"$ref": "#/components/schemas/AssistanceOffer"}
FACTOR = {"$ref": "#/components/schemas/MatchFactor"}
PROPOSAL = {"$ref": "#/components/schemas/Proposal"}
VERSION_FLAGS = {"$ref": "#/components/schemas/VersionFlags"}
CONTACT = {"$ref": "#/components/schemas/Contact"}
OUTREACH = {"$ref": "#/components/schemas/OutreachEntry"}
PROGRAMME = {"$ref": "#/components/schemas/Programme"}
PRACTICE = {"$ref": "#/components/schemas/Practice"}
CN = obj({"code": S, "name": S})
CN_CHOICE = obj({"code": S, "name": S, "selected": BOOL})
REQUEST_SCHEMA = obj({"id": I, "state": S, "state_name": S, "kind": S, "kind_name": S, "items": arr(CN),
               "themes": arr(CN), "title": S, "description": S, "languages": S, "priority": I,
               "submitted": S, "start": S, "end": S, "status": S, "status_name": S, "areas": S,
               "context": S, "contact": S, "outcome": S, "feedback": S, "feedback_date": S,
               "open": BOOL, "score": I},
              ["id", "state", "kind", "items", "themes", "title", "status", "status_name", "open"])
OFFER_SCHEMA = obj({"id": I, "kinds": arr(CN), "items": arr(CN), "themes": arr(CN), "regions": arr(CN),
             "title": S, "description": S, "languages": S, "capacity": I, "start": S, "end": S,
             "status": S, "status_name": S, "provider": S, "provider_name": S,
             "provider_is_state": BOOL, "open": BOOL, "score": I},
            ["id", "kinds", "items", "themes", "regions", "title", "status", "provider", "open"])
FACTOR_SCHEMA = obj({"factor": S, "name": S, "detail": S, "points": nullable(I)}, ["factor", "name"])
PROPOSAL_SCHEMA = obj({"id": I, "request": I, "offer": I, "score": I, "batch": S, "created": S, "status": S,
                "status_name": S, "provider_answer": S, "provider_answer_name": S, "state_answer": S,
                "state_answer_name": S, "factors": arr(FACTOR), "request_title": S, "state": S,
                "state_name": S, "offer_title": S, "provider": S, "provider_name": S,
                "can_answer": BOOL, "answer_as": S, "can_deliver": BOOL,
                "history": arr(obj({"seq": I, "date": S, "event": S, "event_name": S, "note": S}))},
               ["id", "request", "offer", "score", "status", "factors"])
# a version as the workflow pages show it (Version with the flags of its status)
VERSION_FLAGS_SCHEMA = {"allOf": [{"$ref": "#/components/schemas/Version"},
                           obj({"approval_unknown": BOOL, "note": S, "is_draft": BOOL,
                                "is_with_state": BOOL, "is_approved": BOOL, "is_published": BOOL,
                                "state_name": S}, ["is_draft", "is_with_state", "is_approved",
                                                   "is_published"])]}
CONTACT_SCHEMA = obj({"id": I, "state": S, "person": S, "function": S, "ministry": S, "areas": arr(S),
               "languages": arr(S), "since": S, "user": S}, ["id", "state", "person"])
OUTREACH_SCHEMA = obj({"id": I, "state": S, "date": S, "kind": S, "kind_name": S, "subject": S, "answer": S,
                "answer_date": S}, ["id", "state", "date", "kind", "subject"])
PROGRAMME_SCHEMA = obj({"id": I, "org": S, "org_name": S, "title": S, "description": S, "themes_codes": S,
                 "regions_codes": S, "languages_codes": S, "start": S, "end": S, "contact": S,
                 "themes": arr(CN), "regions": arr(CN), "languages": arr(CN),
                 "offers": arr(obj({"id": I, "title": S, "status": S}))},
                ["id", "org", "org_name", "title", "start", "end", "themes", "regions", "languages"])
PRACTICE_SCHEMA = obj({"id": I, "state": S, "org": S, "by": S, "title": S, "summary": S, "language": S,
                "status": {"enum": ["submitted", "published", "returned"]}, "status_name": S,
                "submitted": S, "decided": S, "demo": BOOL, "kind": {"const": "practice"},
                "items": arr(S), "themes": arr(S), "published": BOOL, "note": S, "submitter": S,
                "document": nullable(obj({"filename": S, "media_type": S, "size": I, "sha256": S}))},
               ["id", "state", "org", "by", "title", "summary", "language", "status", "kind", "items",
                "themes", "published", "document"])
SCHEMAS = {
    "Error": obj({"error": obj({"status": I, "code": S, "message": S, "field": S, "detail": S},
                               ["status", "code", "message"])}),
    "Object": {"type": "object", "description": "a JSON object; docs/api.md lists its members"},
    "State": obj({"code": {"type": "string", "pattern": "^[A-Z]{3}$"},
                  "alpha2": S, "name": S, "group": S, "group_name": S, "region": S,
                  "region_name": S, "subregion_name": S, "ldc": BOOL, "lldc": BOOL, "sids": BOOL}),
    "StateRow": {"allOf": [ref("State"), obj({"reports": I, "last_report": S, "coverage": N})]},
    "Report": obj({"id": I, "state": S, "kind": S, "kind_name": S, "date": DATE_OR_EMPTY,
                   "language": S, "title": S, "has_file": BOOL, "filename": S,
                   "media_type": S, "size": I, "sha256": S}),
    "Version": obj({"state": S, "number": I, "status": S, "status_name": S,
                    "template_version": I, "created": S, "approved": S, "published": S},
                   ["state", "number", "status", "template_version"]),
    "Overview": obj({"states": I, "reported": I, "never_reported": I, "published": I,
                     "reports": I, "coverage": N,
                     "regions": arr(obj({"code": S, "name": S, "states": I, "reported": I,
                                         "published": I, "coverage": N}))}),
    "StateList": obj(dict(states=arr(ref("StateRow")), **PAGING), ["states", "count"]),
    "StatePage": obj({"state": ref("State"), "reports": arr(ref("Report")),
                      "versions": arr(ref("Version")),
                      "card": obj({"reported": BOOL, "first_report": S, "last_addendum": S,
                                   "reports": I}),
                      "matrix": {"type": ["object", "null"]}},
                     ["state", "reports", "versions", "card"]),
    "VersionPage": obj({"state": ref("State"), "version": ref("Version"), "matrix": {"type": "object"},
                        "can_edit": BOOL, "can_send": BOOL, "can_review": BOOL,
                        "can_approve": BOOL, "can_publish": BOOL, "can_new": BOOL}),
    "Diff": obj({"state": ref("State"), "from": ref("Version"), "to": ref("Version")}),
    "VersionList": obj(dict(versions=arr(obj({"state": S, "number": I, "template_version": I,
                                              "approved": S, "published": S, "url": S})),
                            since=S, **PAGING), ["versions", "count"]),
    "ReportList": obj(dict(reports=arr({"allOf": [ref("Report"), obj({"url": S})]}),
                           since=S, **PAGING), ["reports", "count"]),
    "ReportPage": obj({"report": ref("Report"), "state": ref("State")}),
    "SearchHits": obj(dict(total=I, **PAGING, hits=arr(obj({"report": I, "state": S, "page": I, "score": N,
                                                     "snippet": S}))),
                      ["total", "count", "page", "pages", "per_page", "hits"]),
    "Review": obj({"as_of": S, "since": S, "published_only": BOOL}),
    "DataFiles": obj({"files": arr(obj({"name": S, "what": S}))}),
    "RequestList": obj(dict(requests=arr(obj({"id": I, "state": S, "kind": S, "title": S,
                                              "status": S}, ["id", "state", "title", "status"])),
                            **PAGING), ["requests", "count", "page", "pages"]),
    "OfferList": obj(dict(offers=arr(obj({"id": I, "provider": S, "title": S, "status": S})),
                          **PAGING), ["offers", "count", "page", "pages"]),
    "UserList": obj(dict(users=arr(obj({"name": S, "role": S, "role_name": S, "state": S, "org": S,
                                         "disabled": BOOL, "created": S})), **PAGING)),
    "AuditLog": obj(dict(entries=arr(obj({"seq": I, "at": S, "actor": S, "action": S, "object": S,
                                          "detail": S, "hash": S})), **PAGING)),
    "SignIns": obj(dict(signins=arr({"type": "object"}), window_minutes=I, keep_days=I, **PAGING)),
    "ProposalList": obj(dict(proposals=arr(obj({"id": I, "request": I, "offer": I, "score": I,
                                                "status": S, "state": S, "provider": S,
                                                "request_title": S, "offer_title": S})),
                             can_match=BOOL, **PAGING)),
    "Roster": obj({"contacts": arr(obj({"id": I, "state": S, "person": S, "function": S,
                                        "ministry": S, "areas": arr(S), "languages": arr(S),
                                        "since": S, "user": S})),
                   "state": obj({"code": S, "name": S}), "can_edit": BOOL, "can_link": BOOL}),
    "Login": obj({"csrf": S, "user": obj({"name": S, "role": S, "state": S})}),
    "Token": obj({"id": I, "label": S, "scope": {"enum": ["read", "write"]}, "created": S,
                  "expires": DATE_OR_EMPTY, "revoked": DATE_OR_EMPTY, "live": BOOL}),
    "TokenList": obj({"tokens": arr(ref("Token"))}),
    "TokenMade": obj({"token": {"type": "string", "pattern": "^r1540_[0-9a-f]{64}$"},
                      "record": ref("Token"), "tokens": arr(ref("Token"))}),
    "OpenAPI": obj({"openapi": S, "info": {"type": "object"}, "paths": {"type": "object"}}),
    "AssistanceRequest": REQUEST_SCHEMA,
    "AssistanceOffer": OFFER_SCHEMA,
    "MatchFactor": FACTOR_SCHEMA,
    "Proposal": PROPOSAL_SCHEMA,
    "VersionFlags": VERSION_FLAGS_SCHEMA,
    "Contact": CONTACT_SCHEMA,
    "OutreachEntry": OUTREACH_SCHEMA,
    "Programme": PROGRAMME_SCHEMA,
    "Practice": PRACTICE_SCHEMA,
    # the answers below were read off the handlers (src/web/h_*.c) and their answers on the demo data
    "ProgrammeList": obj({"programmes": arr(PROGRAMME), "org": S, "can_edit": BOOL,
                          "form": {"type": "object"}}, ["programmes", "org"]),
    "Overlaps": obj({"overlaps": arr(obj({"a": I, "a_title": S, "a_org": S, "b": I, "b_title": S,
                                          "b_org": S, "from": S, "until": S, "themes": arr(CN),
                                          "regions": arr(CN)})),
                     "themes": arr(CN_CHOICE)}),
    "ProgrammePage": obj({"programme": PROGRAMME, "can_edit": BOOL, "form": {"type": "object"}},
                         ["programme"]),
    "PracticeList": obj({"practices": arr(PRACTICE), "item": S, "can_review": BOOL,
                         "submit": {"type": "object"}}, ["practices", "item", "can_review"]),
    "PracticePage": obj({"practice": PRACTICE, "can_decide": BOOL}),
    "RequestPage": obj({"request": REQUEST, "fitting_offers": arr(OFFER), "offers_fitting": I,
                        "providers_overlapping": I, "can_withdraw": BOOL, "can_feedback": BOOL,
                        "proposals": arr(PROPOSAL)},
                       ["request", "fitting_offers", "offers_fitting", "can_withdraw", "can_feedback"]),
    "OfferPage": obj({"offer": OFFER, "fitting_requests": arr(REQUEST), "requests_fitting": I,
                      "can_close": BOOL, "can_reopen": BOOL, "proposals": arr(PROPOSAL)},
                     ["offer", "fitting_requests", "requests_fitting", "can_close", "can_reopen"]),
    "LoginForm": obj({"login_token": S, "next": S}),
    "Workspace": obj({"today": S, "inbox": arr(PROPOSAL), "expert": BOOL, "committee": BOOL,
                      "poc": BOOL, "admin": BOOL, "provider": BOOL,
                      "drafts": arr(VERSION_FLAGS), "with_state": arr(VERSION_FLAGS),
                      "to_approve": arr(VERSION_FLAGS), "approved": arr(VERSION_FLAGS),
                      "to_review": arr(VERSION_FLAGS), "state": ref("State"), "kinds": arr(CN),
                      "doc_langs": arr(obj({"code": S, "name": S, "current": BOOL})),
                      "my_offers": arr(OFFER)}, ["today", "inbox"]),
    "Inbox": obj({"notifications": arr(obj({"id": I, "event": S, "title": S, "text": S, "link": S,
                                            "open": S, "created": S, "read": BOOL})),
                  "unread": I, "empty": BOOL}),
    "InboxSettings": obj({"email": S, "lang_pref": S, "mode": S, "pref_langs": arr(CN_CHOICE),
                          "modes": arr(CN_CHOICE), "saved": BOOL}),
    "Outreach": obj({"states": arr(obj({"state": S, "name": S, "last_report": S, "years_silent": I,
                                        "never": BOOL, "outreach_count": I,
                                        "last_outreach": nullable(OUTREACH)})),
                     "years": I, "as_of": S, "can_record": BOOL}),
    "StateOutreach": obj({"entries": arr(OUTREACH)}),
    "Attendance": obj({"event": I, "attended": arr(CONTACT)}),
    "Match": obj({"proposals": arr(obj({"request": REQUEST, "offer": OFFER, "score": I, "batch": S,
                                        "factors": arr(FACTOR), "overlaps": arr({"type": "object"}),
                                        "alternative": nullable({"type": "object"})},
                                       ["request", "offer", "score", "factors"])),
                  "unmatched": arr(obj({"request": REQUEST, "reason": S, "why": S,
                                        "declined": arr(OFFER), "full": arr(OFFER),
                                        "alternative": nullable({"type": "object"})},
                                       ["request", "reason"])),
                  "unmatched_count": I, "count": I, "total": I, "picked_total": I, "requests": I,
                  "offers": I, "pairs": I, "region": S, "regions": arr(CN_CHOICE), "dry_run": BOOL,
                  "recorded": arr(I)},
                 ["proposals", "unmatched", "unmatched_count", "count", "total", "picked_total", "requests",
                  "offers", "pairs", "dry_run"]),  # the dry run (GET) has region, regions; the run, recorded
    "ProposalPage": obj({"proposal": PROPOSAL, "request": REQUEST, "offer": OFFER, "can_answer": BOOL,
                         "answer_as": S, "can_deliver": BOOL}),
    "Decision": obj({"state": ref("State"), "version": VERSION_FLAGS, "since": VERSION_FLAGS,
                     "other_template": BOOL, "changes": arr({"type": "object"}), "count": I,
                     "told": arr(obj({"name": S, "role_name": S})),
                     "decision": obj({"verb": S, "title": S, "effect": S, "button": S})},
                    ["state", "version", "changes", "count", "decision"]),
    "EntrySaved": obj({"item": S, "mark": {"enum": ["", "X", "?", "NA"]}, "acceptance_cleared": BOOL}),
    "VersionStep": obj({"version": VERSION_FLAGS, "accepted": BOOL, "commented": BOOL}, ["version"]),
    "Id": obj({"id": I}),
    "Empty": {"type": "object", "maxProperties": 0},
    "IdStatus": obj({"id": I, "status": S}),
    "ContactDone": obj({"contact": CONTACT}),
    "AttendanceSet": obj({"event": I, "contact": I, "attended": BOOL}),
    "OutreachDone": obj({"entry": OUTREACH}),
    "ProgrammeDone": obj({"programme": PROGRAMME}),
    "ProgrammeOffer": obj({"offer": I}),
    "ProgrammeRemoved": obj({"removed": I}),
    "PracticeDone": obj({"practice": PRACTICE}),
    "RequestDone": obj({"request": REQUEST}),
    "OfferDone": obj({"offer": OFFER}),
    "ReadAll": obj({"read": BOOL}),
    "UserDone": obj({"user": obj({"name": S, "role": S, "role_name": S, "state": S, "org": S,
                                  "disabled": BOOL, "created": S}, ["name"])}),
    "ResetMade": obj({"reset": obj({"name": S, "link": {"type": "string", "pattern": "^/[a-z]{2}/reset/[0-9a-f]+$"},
                                    "expires": I})}),
    "ResetForm": obj({"name": S, "token": S}),
    "Lifted": obj({"lifted": I}),
    "TokenRevoked": obj({"revoked": I}),
    "ReportDone": obj({"report": ref("Report")}),  # model_report, as GET /reports/{id}
    "ProposalAnswered": obj({"id": I, "status": S, "provider_answer": {"enum": ["", "accepted", "declined"]},
                             "state_answer": {"enum": ["", "accepted", "declined"]}}),
    "Notification": obj({"notification": obj({"id": I, "event": S, "title": S, "text": S, "link": S,
                                              "open": S, "created": S, "read": BOOL})}),
}

# ---- request bodies ----------------------------------------------------------------------

# What the server takes for a body field (src/web/request.c): web_param reads a JSON string or
# integer (or a form field), web_param_list a JSON array of strings or one string of codes
# separated by commas. Anything else (null, a boolean, an object) counts as absent.
TEXT = {"type": "string"}
DATE_FIELD = {"type": "string", "pattern": "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$",
              "description": "YYYY-MM-DD, or empty for none"}
LIST = {"type": ["array", "string"], "items": S,
        "description": "codes: an array of strings, or one string with the codes separated by commas"}


def whole(lo, hi, what=""):
    """A whole number lo..hi, as a JSON integer or its decimal digits in a string."""
    o = {"type": ["integer", "string"], "minimum": lo, "maximum": hi, "pattern": "^[0-9]+$"}
    if what:
        o["description"] = what
    return o


# Bodies of the calls that write a record with a field table (src/core/fields_*.c): the
# record's name goes into the description as x-r1540-fields, and tests/unit/test_openapi.c
# checks each field named like a row of that table against the row (type, bounds, the enum's
# values), so that a change to a table that this script does not follow fails the suite.
TABLE_BODIES = {
    "entry": ("matrix entry", {
        "item": TEXT, "mark": {"enum": ["", "X", "?", "NA"]}, "legal_reference": TEXT,
        "source_report": {"type": ["integer", "string"], "minimum": 1, "maximum": 1 << 53,
                          "pattern": "^[0-9]*$", "description": "a report's id, or empty for none"},
        "page": TEXT, "remark": TEXT, "source_url": TEXT, "info": TEXT,
        "signed": DATE_FIELD, "ratified": DATE_FIELD, "acceded": DATE_FIELD}),
    "request": ("request", {
        "title": TEXT, "kind": TEXT, "items": LIST, "themes": LIST, "languages": LIST,
        "description": TEXT, "priority": whole(1, 3, "1 (highest) to 3"), "start": DATE_FIELD,
        "end": DATE_FIELD}),
    "offer": ("offer", {
        "title": TEXT, "kinds": LIST, "items": LIST, "themes": LIST, "regions": LIST,
        "languages": LIST, "description": TEXT, "capacity": whole(0, 1000000), "start": DATE_FIELD,
        "end": DATE_FIELD, "provider": TEXT}),
}
REQUIRED = {"entry": ["item"], "request": ["title", "items", "themes", "languages"],
            "offer": ["title"]}

# Other body fields that are not plain text
FIELD_SCHEMA = {
    "date": DATE_FIELD, "expires": DATE_FIELD,
    "areas": LIST, "states": LIST,
    "contact": whole(1, 1 << 53, "a roster entry's id"),
    "attended": {"type": ["integer", "string"], "enum": [0, 1, "0", "1", "true", "false"],
                 "description": "1 or true (the default): attended; 0 or false: not"},
    "scope": {"enum": ["read", "write"]}, "role": TEXT,
    "lang": {"enum": ["ar", "zh", "en", "fr", "ru", "es"]},
    "file": {"type": "string", "format": "binary"},
}


def body_schema(body):
    """The schema of a body: a TABLE_BODIES key, or a list of field names."""
    if isinstance(body, str):
        record, fields = TABLE_BODIES[body]
        return {"type": "object", "x-r1540-fields": record, "properties": fields,
                "required": REQUIRED[body]}
    return {"type": "object", "properties": {f: FIELD_SCHEMA.get(f, TEXT) for f in body}}


# ---- parameters --------------------------------------------------------------------------

# what a '*' of the route table stands for, by the segment before it
PATH_PARAM = {
    "states": ("code", "a state's ISO 3166-1 alpha-3 code", {"type": "string", "pattern": "^[A-Z]{3}$"}),
    "versions": ("n", "a matrix version's number", {"type": "integer", "minimum": 1}),
    "download": ("format", "pdf, xlsx or csv; for the review the file, review.pdf or review.xlsx",
                 {"type": "string", "enum": ["pdf", "xlsx", "csv", "review.pdf", "review.xlsx"]}),
    "reports": ("id", "a report's id", {"type": "integer", "minimum": 1}),
    "data": ("file", "an open-data file's name", S),
    "contacts": ("id", "a roster entry's id", {"type": "integer", "minimum": 1}),
    "events": ("id", "an outreach event's id", {"type": "integer", "minimum": 1}),
    "outreach": ("id", "an outreach log entry's id", {"type": "integer", "minimum": 1}),
    "entries": ("item", "a template item's id", S),
    "comments": ("comment", "a draft comment's id", {"type": "integer", "minimum": 1}),
    "users": ("name", "a user name", S),
    "reset": ("token", "the secret of a password reset link", S),
    "requests": ("id", "an assistance request's id", {"type": "integer", "minimum": 1}),
    "offers": ("id", "an assistance offer's id", {"type": "integer", "minimum": 1}),
    "proposals": ("id", "a proposal's id", {"type": "integer", "minimum": 1}),
    "programmes": ("id", "an organization's programme's id", {"type": "integer", "minimum": 1}),
    "practices": ("id", "an effective practice's id", {"type": "integer", "minimum": 1}),
    "charts": ("chart", "the chart's number and .svg, e.g. 1.svg", S),
    "inbox": ("id", "a notification's id", {"type": "integer", "minimum": 1}),
    "tokens": ("id", "an API token's id", {"type": "integer", "minimum": 1}),
}


def q(name, what, schema=S):
    return {"name": name, "in": "query", "required": False, "description": what, "schema": schema}


LANG = {"$ref": "#/components/parameters/lang"}
PAGE = [{"$ref": "#/components/parameters/page"}, {"$ref": "#/components/parameters/per_page"}]
DATE = {"type": "string", "format": "date"}
STATE_Q = q("state", "only this state (alpha-3)", {"type": "string", "pattern": "^[A-Z]{3}$"})
SINCE = q("since", "only those on or after this date (YYYY-MM-DD, not in the future)", DATE)

# ---- the routes: (method, pattern, who, summary, query parameters, body fields, answer) ------
# who: "public", "session" (signed in, any role that the permission table allows) or "reset"
# (anyone holding the link); answer: a schema name for 200/201 JSON, or a media type for a file.

PUB, SES = "public", "session"
ROUTES = [
    ("GET", "", PUB, "Reporting and coverage at a glance, by region", [], None, "Overview"),
    ("GET", "states", PUB, "States, sorted by name in the language",
     [q("region", "UN M49 region code"), q("group", "regional group (AFR, APG, EEG, GRULAC, WEOG)"),
      q("flag", "memberships in force today", {"type": "string", "enum": ["ldc", "lldc", "sids"]}),
      q("q", "code or name in any of the six languages (at most 100 bytes)")] + PAGE, None, "StateList"),
    ("GET", "states/*", PUB, "A state, its reports, versions and latest published matrix", [], None, "StatePage"),
    ("GET", "states/*/versions/*", PUB, "A matrix version (drafts for those who may read them)", [], None, "VersionPage"),
    ("GET", "states/*/versions/*/download/*", PUB, "A published version as a PDF, XLSX or CSV file", [], None,
     "application/octet-stream"),
    ("GET", "states/*/diff", PUB, "The changed items between two versions",
     [q("from", "a version number", I), q("to", "a version number", I)], None, "Diff"),
    ("GET", "reports/*", PUB, "A report's metadata", [], None, "ReportPage"),
    ("GET", "reports/*/file", PUB, "A report's file",
     [q("view", "1: a PDF is sent inline", {"type": "string", "enum": ["1"]})], None, "application/octet-stream"),
    ("GET", "search", PUB, "Pages of reports holding every word of q",
     [q("q", "the words (1 to 500 bytes of UTF-8)"), STATE_Q, q("kind", "a report kind"),
      q("lang", "the language of the pages"), q("from", "dated on or after", DATE),
      q("to", "dated on or before", DATE), {"$ref": "#/components/parameters/page"},
      q("per_page", "hits a page, 1 to 100 (default 20); the old offset and limit are a 422",
        {"type": "integer", "minimum": 1, "maximum": 100})], None, "SearchHits"),
    ("GET", "data", PUB, "The open-data files", [], None, "DataFiles"),
    ("GET", "data/*", PUB, "An open-data file (JSON, CSV, XLSX, IATI XML)", [], None, "application/octet-stream"),
    ("GET", "events.ics", PUB, "The outreach events as an iCalendar feed", [], None, "text/calendar"),
    ("GET", "states/*/contacts", SES, "The state's roster of points of contact", [], None, "Roster"),
    ("POST", "states/*/contacts", SES, "Adds a roster entry", [],
     ["person", "function", "ministry", "areas", "languages", "since"], "ContactDone"),
    ("POST", "states/*/contacts/*", SES, "Rewrites a roster entry", [],
     ["person", "function", "ministry", "areas", "languages", "since"], "ContactDone"),
    ("POST", "states/*/contacts/*/remove", SES, "Removes a roster entry", [], [], "Empty"),
    ("POST", "states/*/contacts/*/link", SES, "Links a roster entry to an account", [], ["user"], "ContactDone"),
    ("GET", "events/*/attendance", SES, "Who attended an event", [], None, "Attendance"),
    ("POST", "events/*/attendance", SES, "Records or clears an attendance", [], ["contact", "attended"], "AttendanceSet"),
    ("GET", "outreach", SES, "States silent for years, with their outreach",
     [q("years", "1 to 100", {"type": "integer", "minimum": 1, "maximum": 100}), q("as_of", "a date", DATE)],
     None, "Outreach"),
    ("POST", "outreach", SES, "Records an outreach to the state named in the body (the /outreach page's form)", [],
     ["state", "kind", "date", "subject"], "OutreachDone"),
    ("GET", "states/*/outreach", SES, "A state's outreach log", [], None, "StateOutreach"),
    ("POST", "states/*/outreach", SES, "Records an outreach to a state", [], ["kind", "date", "subject"], "OutreachDone"),
    ("POST", "states/*/outreach/*/answer", SES, "Records the state's answer", [], ["answer", "date"], "Id"),
    ("GET", "programmes", PUB, "Organizations' programmes", [q("org", "an organization's code")], None, "ProgrammeList"),
    ("GET", "programmes/overlap", PUB, "Programmes covering the same themes in the same region at the same time",
     [q("theme", "a theme")], None, "Overlaps"),
    ("GET", "programmes/*", PUB, "A programme and the offers made under it", [], None, "ProgrammePage"),
    ("POST", "programmes", SES, "Adds a programme (the organization's users, experts, the Committee)", [],
     ['org', 'title', 'themes', 'regions', 'languages', 'start', 'end', 'contact', 'description'], "ProgrammeDone"),
    ("POST", "programmes/*", SES, "Rewrites a programme", [], ['title', 'themes', 'regions', 'languages', 'start', 'end', 'contact', 'description'], "ProgrammeDone"),
    ("POST", "programmes/*/remove", SES, "Removes a programme; its offers stay", [], [], "ProgrammeRemoved"),
    ("POST", "programmes/*/offers", SES, "Puts an offer under the programme", [], ["offer"], "ProgrammeOffer"),
    ("POST", "programmes/*/offers/*/unlink", SES, "Takes an offer out of the programme", [], [], "ProgrammeOffer"),
    ("GET", "practices", PUB, "Effective practices and lessons learned (published ones for the public)",
     [q("item", "a template item's id"), q("state", "a state's alpha-3 code"), q("org", "an organization's code"),
      q("status", "submitted, published or returned (reviewers)")], None, "PracticeList"),
    ("POST", "practices", SES, "Submits a practice for review (multipart/form-data with an optional file)", [],
     ["title", "summary", "language", "themes", "items", "state", "org", "file"], "PracticeDone"),
    ("GET", "practices/*", PUB, "A practice", [], None, "PracticePage"),
    ("GET", "practices/*/file", PUB, "A practice's document", [], None, "application/octet-stream"),
    ("POST", "practices/*/publish", SES, "An expert or the Committee publishes a practice", [], [], "PracticeDone"),
    ("POST", "practices/*/return", SES, "Returns a practice to its submitter with a note", [], ["note"], "PracticeDone"),
    ("GET", "login", PUB, "The sign-in form's model", [], None, "LoginForm"),
    ("POST", "login", PUB, "Signs in: a session cookie and its CSRF token", [], ["name", "password"], "Login"),
    ("POST", "logout", SES, "Ends the session", [], [], "Object"),
    ("GET", "workspace", SES, "What waits for the user", [], None, "Workspace"),
    ("POST", "states/*/reports", SES, "Uploads a report (multipart/form-data)", [],
     ["kind", "date", "language", "title", "file"], "ReportDone"),
    ("POST", "states/*/versions", SES, "A new draft from the newest version", [], [], "VersionStep"),
    ("POST", "states/*/versions/*/entries", SES, "Sets an entry of a draft", [], "entry", "EntrySaved"),
    ("POST", "states/*/versions/*/entries/*", SES, "Sets the entry of that item in a draft", [],
     ["mark", "legal_reference", "source_report", "page", "remark", "source_url", "info", "signed",
      "ratified", "acceded"], "EntrySaved"),
    ("GET", "states/*/versions/*/send", SES, "The decision page before sending to the state", [], None, "Decision"),
    ("GET", "states/*/versions/*/accept", SES, "The decision page before accepting", [], None, "Decision"),
    ("GET", "states/*/versions/*/approve", SES, "The decision page before approving", [], None, "Decision"),
    ("GET", "states/*/versions/*/publish", SES, "The decision page before publishing", [], None, "Decision"),
    ("POST", "states/*/versions/*/send", SES, "Draft to the state", [], [], "VersionStep"),
    ("POST", "states/*/versions/*/return", SES, "Back from the state to a draft", [], [], "VersionStep"),
    ("POST", "states/*/versions/*/accept", SES, "The state accepts the version", [], [], "VersionStep"),
    ("POST", "states/*/versions/*/comments", SES, "The state comments (the version returns to the experts)", [],
     ["text", "item"], "VersionStep"),
    ("POST", "states/*/versions/*/draft-comments", SES,
     "Adds a comment on an item to the state's draft review (sent together later)", [], ["item", "text"], "Id"),
    ("POST", "states/*/versions/*/comments/*", SES, "Rewrites a draft comment", [], ["text", "item"], "Id"),
    ("POST", "states/*/versions/*/comments/*/delete", SES, "Deletes a draft comment", [], ["item"], "Id"),
    ("POST", "states/*/versions/*/comments/*/answer", SES, "The expert marks a comment answered", [], ["item"],
     "Id"),
    ("POST", "states/*/versions/*/approve", SES, "The Committee approves", [], [], "VersionStep"),
    ("POST", "states/*/versions/*/publish", SES, "The Committee publishes", [], [], "VersionStep"),
    ("GET", "users", SES, "The users (administrators)", PAGE, None, "UserList"),
    ("POST", "users", SES, "Adds a user (administrators)", [], ["name", "role", "state", "org", "password"], "UserDone"),
    ("POST", "users/*/disable", SES, "Disables a user and ends their sessions", [], [], "UserDone"),
    ("POST", "users/*/enable", SES, "Enables a user", [], [], "UserDone"),
    ("POST", "users/*/password", SES, "Sets a user's password", [], ["password"], "UserDone"),
    ("POST", "users/*/reset", SES, "Makes a password reset link (24 hours)", [], [], "ResetMade"),
    ("GET", "reset/*", PUB, "The password reset form's model", [], None, "ResetForm"),
    ("POST", "reset/*", "reset", "Sets a new password with a reset link", [], ["password"], "UserDone"),
    ("GET", "audit", SES, "The newest audit-log entries", PAGE, None, "AuditLog"),
    ("GET", "signins", SES, "Failed sign-ins of the last 30 days", PAGE, None, "SignIns"),
    ("POST", "signins/lift", SES, "Lifts a sign-in lockout", [], ["name", "address"], "Lifted"),
    ("GET", "assistance/requests", PUB, "Assistance requests, newest first",
     [q("region", "UN M49 region code"), q("status", "a status"), q("kind", "a kind"),
      q("theme", "a theme")] + PAGE, None, "RequestList"),
    ("GET", "assistance/requests/*", PUB, "A request and the offers that fit it", [], None, "RequestPage"),
    ("POST", "states/*/requests", SES, "Files an assistance request", [], "request", "RequestDone"),
    ("POST", "states/*/requests/*/withdraw", SES, "Withdraws a request", [], [], "IdStatus"),
    ("POST", "states/*/requests/*/feedback", SES, "Records the outcome and the state's dated feedback after delivery",
     [], ["outcome", "feedback"], "Id"),
    ("GET", "assistance/offers", PUB, "Assistance offers",
     [q("provider", "a provider's code"), q("status", "a status"), q("kind", "a kind"),
      q("theme", "a theme")] + PAGE, None, "OfferList"),
    ("GET", "assistance/offers/*", PUB, "An offer and the requests it fits", [], None, "OfferPage"),
    ("POST", "assistance/offers", SES, "Makes an offer", [], "offer", "OfferDone"),
    ("POST", "assistance/offers/*/close", SES, "Closes an offer", [], [], "IdStatus"),
    ("POST", "assistance/offers/*/reopen", SES, "Reopens an offer", [], [], "IdStatus"),
    ("GET", "assistance/match", SES, "What the matching would propose now", [q("region", "UN M49 region code")],
     None, "Match"),
    ("POST", "assistance/match", SES, "Runs the matching and records its proposals", [], [], "Match"),
    ("GET", "assistance/proposals", SES, "The proposals the caller may see", [q("status", "a status")] + PAGE,
     None, "ProposalList"),
    ("GET", "assistance/proposals/*", SES, "A proposal", [], None, "ProposalPage"),
    ("POST", "assistance/proposals/*/accept", SES, "Accepts a proposal", [], ["note"], "ProposalAnswered"),
    ("POST", "assistance/proposals/*/decline", SES, "Declines a proposal", [], ["note"], "ProposalAnswered"),
    ("POST", "assistance/proposals/*/deliver", SES, "Marks a proposal delivered", [], [], "ProposalAnswered"),
    ("GET", "review", PUB, "The review of coverage (published versions only)",
     [q("as_of", "a date, default today", DATE), q("since", "a date, default five years earlier", DATE)],
     None, "Review"),
    ("GET", "review/charts/*", PUB, "A chart of the review as SVG",
     [q("as_of", "a date", DATE), q("since", "a date", DATE)], None, "image/svg+xml"),
    ("GET", "review/download/*", PUB, "The review as review.pdf or review.xlsx",
     [q("as_of", "a date", DATE), q("since", "a date", DATE)], None, "application/octet-stream"),
    ("GET", "inbox", SES, "The caller's notifications", [], None, "Inbox"),
    ("GET", "inbox/settings", SES, "The caller's e-mail settings", [], None, "InboxSettings"),
    ("POST", "inbox/settings", SES, "Sets the caller's e-mail settings", [], ["email", "lang", "mode"], "InboxSettings"),
    ("POST", "inbox/read", SES, "Marks all notifications read", [], [], "ReadAll"),
    ("GET", "inbox/*", SES, "One notification (marks it read)", [], None, "Notification"),
    ("POST", "inbox/*/read", SES, "Marks one notification read", [], [], "Object"),
    ("GET", "versions", PUB, "Published matrix versions, oldest publication first", [SINCE, STATE_Q] + PAGE,
     None, "VersionList"),
    ("GET", "reports", PUB, "Reports, by date", [SINCE, STATE_Q] + PAGE, None, "ReportList"),
    ("GET", "openapi.json", PUB, "This description", [], None, "OpenAPI"),
    ("GET", "tokens", "own", "The caller's own API tokens (never the tokens themselves)", [], None, "TokenList"),
    ("POST", "tokens", "own", "Makes an API token for the caller, answered this once", [],
     ["scope", "expires", "label"], "TokenMade"),
    ("POST", "tokens/*/revoke", "own", "Revokes one of the caller's API tokens", [], [], "TokenRevoked"),
]

# Answers a call cannot give, though calls of its kind do: only a state's point of contact may
# add to its roster, and a point of contact is refused (403) on any other state, an unknown one
# included, before the state is looked up.
NOT_ANSWERED = {("POST", "states/*/contacts"): ["404", "200"],
                # made: 201, never 200 (the contract tests make one of each)
                ("POST", "outreach"): ["200"], ("POST", "states/*/outreach"): ["200"],
                ("POST", "programmes"): ["200"],
                # a practice's file of a kind not taken is a bad field of the submission (422)
                ("POST", "practices"): ["200", "415"],
                ("POST", "states/*/requests"): ["200"], ("POST", "assistance/offers"): ["200"],
                ("POST", "users"): ["200"], ("POST", "users/*/reset"): ["200"],
                ("POST", "tokens"): ["200"], ("POST", "states/*/reports"): ["200"],
                # no ETag and no Last-Modified (no-store: what a reviewer or a reset link sees)
                ("GET", "practices"): ["304"], ("GET", "practices/*"): ["304"],
                ("GET", "practices/*/file"): ["304"], ("GET", "login"): ["304"],
                ("GET", "reset/*"): ["304"],
                # every role may read these (ACT_WORKSPACE in src/core/authz.c): never a 403
                ("GET", "workspace"): ["403"], ("GET", "inbox"): ["403"],
                ("GET", "inbox/settings"): ["403"], ("GET", "inbox/*"): ["403"],
                ("GET", "assistance/proposals"): ["403"], ("GET", "assistance/proposals/*"): ["403"],
                # query parameters taken as they come: an unknown value finds nothing (200)
                ("GET", "programmes"): ["422"], ("GET", "programmes/overlap"): ["422"],
                ("GET", "reports/*/file"): ["422"],
                # an unknown state in the filter finds nothing (200), unlike search's (404)
                ("GET", "versions"): ["404"], ("GET", "reports"): ["404"],
                # a new draft and a draft comment are 201, never 200 (src/web/h_workspace.c, h_comment.c)
                ("POST", "states/*/versions"): ["200"], ("POST", "states/*/versions/*/draft-comments"): ["200"]}
# Answers a call gives beyond those of its kind: the practices' state filter names a state
# that must exist; a used or expired reset link is gone (h_reset_form: 410), on its form too;
# the API's sign-in takes a JSON body only (session.c: 415).
ALSO_ANSWERED = {("GET", "practices"): ["404"], ("GET", "reset/*"): ["410"], ("POST", "login"): ["415"]}

# The POSTs that can answer 409 (RC_REFUSED, which router.c's status_of maps to 409, or a 409
# the handler sets): a change the records' state does not allow now, read off the handlers
# (src/web/h_*.c) and their operations (src/app/). A POST not named here answers no 409: its
# refusals are 401/403 (who), 404 (what), 410 (a used link), 413 and 422 (the input). The
# database's own refusals (triggers) only repeat what the operation checks first.
CONFLICTS = {
    ("POST", "states/*/contacts/*/link"): "the account is not a point of contact of the entry's state",
    ("POST", "programmes/*/offers"): "the offer is not the programme's organization's",
    ("POST", "practices/*/publish"): "the practice is not submitted (published or returned already)",
    ("POST", "practices/*/return"): "the practice is not submitted",
    ("POST", "states/*/versions"): "the state has a version in progress",
    ("POST", "states/*/versions/*/entries"): "the version is not a draft",
    ("POST", "states/*/versions/*/entries/*"): "the version is not a draft",
    ("POST", "states/*/versions/*/send"): "the version is not a draft",
    ("POST", "states/*/versions/*/return"): "the version is not with the state",
    ("POST", "states/*/versions/*/accept"): "the version is not with the state, or accepted",
    ("POST", "states/*/versions/*/comments"): "the version is not with the state, or accepted",
    ("POST", "states/*/versions/*/draft-comments"): "the version is not with the state, or accepted",
    ("POST", "states/*/versions/*/comments/*"): "the version is not with the state, or the comment was sent",
    ("POST", "states/*/versions/*/comments/*/delete"): "the version is not with the state, or the comment was sent",
    ("POST", "states/*/versions/*/comments/*/answer"): "the comment is marked answered already",
    ("POST", "states/*/versions/*/approve"): "the version is not accepted by the state",
    ("POST", "states/*/versions/*/publish"): "the version is not approved",
    ("POST", "users"): "the name is taken",
    ("POST", "users/*/disable"): "an administrator disables themself",
    ("POST", "users/*/reset"): "the account is disabled",
    ("POST", "states/*/requests/*/withdraw"): "the request is not open, or has a live proposal",
    ("POST", "states/*/requests/*/feedback"): "the request is not delivered",
    ("POST", "assistance/offers/*/close"): "the offer is closed already",
    ("POST", "assistance/offers/*/reopen"): "the offer is open already",
    ("POST", "assistance/match"): "the proposals picked are not the matching's now",
    ("POST", "assistance/proposals/*/accept"): "the side has answered, or the proposal is decided",
    ("POST", "assistance/proposals/*/decline"): "the side has answered, or the proposal is decided",
    ("POST", "assistance/proposals/*/deliver"): "the proposal is not accepted by both sides",
}

# ---- building ---------------------------------------------------------------------------

ERRORS = {"400": "The body cannot be read", "401": "Not signed in, a wrong password or a bad token",
          "403": "Not allowed, a read token on a write, or a missing or wrong CSRF token",
          "404": "No such thing, or not visible to the caller", "405": "The path takes another method",
          "409": "The records' state does not allow it now (a workflow step, a taken name)",
          "410": "A used or expired reset link", "413": "The body is too large",
          "415": "An upload of a kind not taken, or a sign-in whose body is not JSON",
          "422": "A field is missing or wrong (the error names it), or a form field holds a NUL byte",
          "429": "Too many sign-in attempts", "503": "The database cannot be used"}


def path_of(pattern):
    """/states/{code}/versions/{n}: the route's '*' named by the segment before each."""
    segs, out = pattern.split("/") if pattern else [], []
    for i, s in enumerate(segs):
        out.append("{%s}" % PATH_PARAM[segs[i - 1]][0] if s == "*" else s)
    return "/" + "/".join(out)


def operation(method, pattern, who, summary, query, body, answer):
    segs = pattern.split("/") if pattern else []
    params = [{"name": PATH_PARAM[segs[i - 1]][0], "in": "path", "required": True,
               "description": PATH_PARAM[segs[i - 1]][1], "schema": PATH_PARAM[segs[i - 1]][2]}
              for i, s in enumerate(segs) if s == "*"]
    params += query + [LANG] if not any(p.get("name") == "lang" for p in query) else query
    op = {"operationId": (method.lower() + "_" + (pattern or "overview")).replace("/*", "_by")
          .replace("/", "_").replace(".", "_"),
          "summary": summary, "tags": [segs[0] if segs and segs[0] != "*" else "overview"],
          "parameters": params}
    if who == "own":
        op["security"] = [{"session": []}] if method == "GET" else [{"session": [], "csrf": []}]
    elif who == PUB or who == "reset":
        op["security"] = [{}] if method == "GET" else []
    elif method == "GET":
        op["security"] = [{"session": []}, {"bearer": []}]
    else:
        op["security"] = [{"session": [], "csrf": []}, {"bearer": []}]
    if body is not None and method == "POST":
        schema = body_schema(body)
        content = {"application/json": {"schema": schema},
                   "application/x-www-form-urlencoded": {"schema": schema}}
        if "file" in body:
            content = {"multipart/form-data": {"schema": schema}}
        op["requestBody"] = {"required": False, "content": content}
    ok = "201" if method == "POST" and ("add" in summary.lower() or summary.startswith(
        ("Files", "Makes", "Uploads", "Records an", "A new", "Submits"))) else "200"
    if answer[0].isupper():
        good = {"description": "the answer",
                "content": {"application/json": {"schema": ref(answer)}}}
    else:
        good = {"description": "the file", "content": {answer: {"schema": {"type": "string",
                                                                            "format": "binary"}}}}
    codes = {ok: good}
    if method == "POST" and ok == "201":
        codes["200"] = {"$ref": "#/components/responses/Done"}
    if method == "GET" and who == PUB:
        codes["304"] = {"description": "Not modified: the If-None-Match or If-Modified-Since holds"}
    # 404 where the path or a state filter names something; 503 (the database cannot be used)
    # and any other failure are the "default" answer of every call
    # a GET's 422 is a query parameter out of its range (the language is taken as it comes);
    # every POST's 422 is, besides the handler's own field rules, a form field holding a NUL
    # byte, which the server refuses before any handler (src/web/server.c)
    wanted = (["422"] if method == "POST" or query else []) + (
        ["404"] if "*" in pattern or STATE_Q in query else []) + ALSO_ANSWERED.get((method, pattern), [])
    if method == "GET" and pattern.endswith(("/send", "/accept", "/approve", "/publish")):
        wanted += ["409"]  # the decision page of a step the version is not at
    if who not in (PUB, "reset"):
        wanted += ["401", "403"]
    if method == "POST":
        wanted += ["400", "413"] + (["403"] if who not in (PUB, "reset") else [])
        wanted += ["409"] if (method, pattern) in CONFLICTS else []
    if pattern == "login" and method == "POST":
        wanted += ["401", "429"]
    if "file" in (body or []):
        wanted += ["415"]
    if who == "reset":
        wanted += ["410"]
    for c in sorted(set(wanted)):
        codes[c] = {"$ref": "#/components/responses/E" + c}
    for c in NOT_ANSWERED.get((method, pattern), []):
        codes.pop(c, None)
    op["responses"] = dict(sorted(codes.items()))
    op["responses"]["default"] = {"$ref": "#/components/responses/Failure"}
    return op


def describe():
    paths = {}
    for method, pattern, who, summary, query, body, answer in ROUTES:
        paths.setdefault(path_of(pattern), {})[method.lower()] = operation(
            method, pattern, who, summary, query, body, answer)
    responses = {"E" + c: {"description": w, "content": {"application/json": {"schema": ref("Error")}}}
                 for c, w in ERRORS.items()}
    responses["Failure"] = {"description": "Any other failure: 503 when the database cannot be used, "
                                           "405 for another method",
                            "content": {"application/json": {"schema": ref("Error")}}}
    responses["Done"] = {"description": "done", "content": {"application/json": {"schema": ref("Object")}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "r1540 API", "version": "1",
                 "description": "The JSON API of r1540, the information system for UN Security Council "
                              "resolution 1540 (docs/api.md). Every page has a call of the same path "
                              "under /api/v1/; public reads carry ETag, Last-Modified and CORS.",
                 "license": {"name": "see the repository", "identifier": "AGPL-3.0-or-later"}},
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "responses": responses,
            "parameters": {
                "lang": q("lang", "the language of labels and messages",
                          {"type": "string", "enum": ["ar", "zh", "en", "fr", "ru", "es"]}),
                "page": q("page", "the page, from 1", {"type": "integer", "minimum": 1}),
                "per_page": q("per_page", "rows a page, 1 to 500 (default 200)",
                              {"type": "integer", "minimum": 1, "maximum": 500})},
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "r1540_session",
                            "description": "the session cookie that POST /login sets"},
                "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token",
                         "description": "the session's CSRF token (answered by POST /login), on every POST"},
                "bearer": {"type": "http", "scheme": "bearer",
                           "description": "an API token (r1540 token add); no cookie, no CSRF token"}}},
    }


def main():
    text = json.dumps(describe(), indent=1, ensure_ascii=False) + "\n"
    if sys.argv[1:2] in (["--check"], ["--check-file"]):
        with open(sys.argv[2] if sys.argv[1] == "--check-file" else OUT, encoding="utf-8") as f:
            sys.exit(0 if f.read() == text else 1)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
