// Contract tests (issue 18): the server's answers checked against the
// OpenAPI description's schemas with Ajv (JSON Schema 2020-12, the dialect of
// OpenAPI 3.1). Each call names its expected status; the answer must have
// it, the description must document it for that path and method, and the
// body must fit the documented schema (a file: the documented media type).
// Usage: [R1540_COOKIE=… R1540_CSRF=…] node openapi_contract.mjs BASE_URL DESCRIPTION TOKEN WRITE_TOKEN
// (TOKEN a read token of an expert, WRITE_TOKEN a write token of the same);
// prints TAP lines numbered from $TAP_FROM + 1 and, last, "# next N".
import Ajv2020 from "ajv/dist/2020.js";
import { readFileSync } from "node:fs";
import http from "node:http";

const BIG = Symbol("a body of 60 MB");

const [base, docFile, token, writeToken] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(docFile, "utf8"));
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(doc, "openapi.json");
let n = Number(process.env.TAP_FROM || 0);
const ok = (name) => console.log(`ok ${++n} - ${name}`);
let lastFailed = false;
const notOk = (name, ...why) => {
  lastFailed = true;
  console.log(`not ok ${++n} - ${name}`);
  for (const w of why) console.log("#   " + String(w).slice(0, 400));
};

// The operation of a concrete path: "{x}" in the description matches one segment.
function operation(method, path) {
  for (const [tpl, ops] of Object.entries(doc.paths)) {
    const re = new RegExp("^" + tpl.replace(/\{[^}/]+\}/g, "[^/]+").replace(/\./g, "\\.") + "$");
    if (re.test(path) && ops[method.toLowerCase()]) return ops[method.toLowerCase()];
  }
  return null;
}

function resolve(obj) {
  while (obj && obj.$ref) obj = obj.$ref.slice(2).split("/").reduce((o, k) => o[k], doc);
  return obj;
}

let last = { status: 0, headers: new Map(), text: "" }; // the answer the last check got
let check = async function (method, url, want, headers = {}, body) {
  lastFailed = false;
  const name = `${method} ${url} → ${want}`;
  const path = new URL(url, base).pathname.replace(/^\/api\/v1/, "") || "/";
  const op = operation(method, path);
  if (!op) return notOk(name, "no operation in the description");
  const answer = resolve(op.responses[String(want)]);
  if (!answer) return notOk(name, `status ${want} is not documented`);
  let res, text;
  if (body === BIG) {
    const r = await oversized(url, headers);
    res = { status: r.status, headers: new Map([["content-type", r.type]]) };
    text = r.text;
  } else {
    res = await fetch(new URL(url, base), { method, headers, body, redirect: "manual" });
    text = await res.text();
  }
  last = { status: res.status, headers: res.headers, text };
  if (res.status !== want) return notOk(name, `status ${res.status}`, text);
  if (!answer.content) return text === "" ? ok(name) : notOk(name, "a body where none is documented");
  const type = res.headers.get("content-type") || "";
  const media = Object.keys(answer.content);
  if (!media.includes("application/json")) {
    const fits = media.some((m) => m === "application/octet-stream" || type.startsWith(m));
    return fits ? ok(name) : notOk(name, `content-type ${type}, documented ${media}`);
  }
  if (!type.startsWith("application/json")) return notOk(name, `content-type ${type}`);
  const validate = ajv.compile({ $ref: "openapi.json#/components" +
    answer.content["application/json"].schema.$ref.slice("#/components".length) });
  let value;
  try { value = JSON.parse(text); } catch { return notOk(name, "not JSON", text); }
  if (validate(value)) ok(name);
  else notOk(name, ...validate.errors.slice(0, 5).map((e) => `${e.instancePath} ${e.message}`));
}

const bearer = { Authorization: `Bearer ${token}` };
const writer = { Authorization: `Bearer ${writeToken}`, "Content-Type": "application/json" };
const calls = [
  ["GET", "/api/v1/", 200], ["GET", "/api/v1/?lang=ar", 200],
  ["GET", "/api/v1/states", 200], ["GET", "/api/v1/states?per_page=3&page=2&lang=zh", 200],
  ["GET", "/api/v1/states?page=0", 422], ["GET", "/api/v1/states?per_page=100000", 422],
  ["GET", "/api/v1/states/FRA", 200], ["GET", "/api/v1/states/AFG?lang=ru", 200],
  ["GET", "/api/v1/states/XXX", 404], ["GET", "/api/v1/states/%3Cscript%3E", 404],
  ["GET", "/api/v1/states/FRA/versions/1", 200], ["GET", "/api/v1/states/FRA/versions/999", 404],
  ["GET", "/api/v1/states/FRA/diff?from=1&to=2", 200],
  ["GET", "/api/v1/versions", 200], ["GET", "/api/v1/versions?since=2020-01-01&state=FRA", 200],
  ["GET", "/api/v1/versions?since=yesterday", 422], ["GET", "/api/v1/versions?state=fr", 422],
  ["GET", "/api/v1/reports?per_page=5", 200], ["GET", "/api/v1/reports?since=2999-01-01", 422],
  ["GET", "/api/v1/reports/1", 200], ["GET", "/api/v1/reports/999999", 404],
  ["GET", "/api/v1/reports/1/file", 200],
  ["GET", "/api/v1/search?q=nuclear", 200], ["GET", "/api/v1/search?q=", 422],
  ["GET", "/api/v1/search?q=nuclear&state=XXX", 404], ["GET", "/api/v1/practices?state=XXX", 404],
  ["GET", "/api/v1/search?q=" + "x".repeat(600), 422],
  ["GET", "/api/v1/review", 200], ["GET", "/api/v1/review?as_of=2001-01-01", 422],
  ["GET", "/api/v1/data", 200], ["GET", "/api/v1/data/states.csv", 200],
  ["GET", "/api/v1/data/nothing.csv", 404], ["GET", "/api/v1/events.ics", 200],
  ["GET", "/api/v1/assistance/requests?per_page=2", 200], ["GET", "/api/v1/assistance/offers", 200],
  ["GET", "/api/v1/assistance/requests?page=x", 422],
  ["GET", "/api/v1/openapi.json", 200],
  ["GET", "/api/v1/workspace", 401], ["GET", "/api/v1/workspace", 200, bearer],
  ["GET", "/api/v1/workspace", 401, { Authorization: "Bearer r1540_" + "0".repeat(64) }],
  ["GET", "/api/v1/users", 403, bearer], ["GET", "/api/v1/outreach", 200, bearer],
  ["POST", "/api/v1/states/FRA/versions", 403, { ...bearer, "Content-Type": "application/json" }, "{}"],
  ["POST", "/api/v1/states/FRA/versions", 400, writer, "[1, 2"],
  ["POST", "/api/v1/states/FRA/outreach", 422, writer, JSON.stringify({ kind: "x" })],
  ["POST", "/api/v1/states/FRA/versions", 401, { "Content-Type": "application/json" }, "{}"],
];
// the state's point of contact (the fourth writer) comments on a version that is a draft: 409
const [, , , pocToken] = (process.env.R1540_WRITERS || "").split(" ");
// and rewrites or deletes a comment on a published version: 409 (the version is checked
// before the comment; a comment id that no comment can have, 0, is a 404 first)
if (pocToken && process.env.R1540_DRAFT) {
  const poc = { Authorization: `Bearer ${pocToken}`, "Content-Type": "application/json" };
  const text = JSON.stringify({ text: "x", item: "OP1" });
  calls.push(["POST", `/api/v1/states/FRA/versions/${process.env.R1540_DRAFT}/comments`, 409, poc, text],
    ["POST", "/api/v1/states/FRA/versions/1/comments/999999", 409, poc, text],
    ["POST", "/api/v1/states/FRA/versions/1/comments/999999/delete", 409, poc, text]);
}
// the changes between two versions of different templates: R1540_V2 names a state and its
// draft on template v2 (openapi.sh makes it), compared with its version 1 (an expert sees drafts)
if (process.env.R1540_V2) {
  const [state, n] = process.env.R1540_V2.split("/");
  calls.push(["GET", `/api/v1/states/${state}/diff?from=1&to=${n}`, 422, bearer]);
}
// with a session (R1540_COOKIE, R1540_CSRF): the caller's own tokens
if (process.env.R1540_COOKIE) {
  const session = { Cookie: process.env.R1540_COOKIE, "X-CSRF-Token": process.env.R1540_CSRF,
                    "Content-Type": "application/json" };
  calls.push(["GET", "/api/v1/tokens", 200, session], ["GET", "/api/v1/tokens", 403, bearer],
    ["POST", "/api/v1/tokens", 201, session, JSON.stringify({ label: "contract", expires: "2099-01-01" })],
    ["POST", "/api/v1/tokens", 422, session, JSON.stringify({ scope: "admin" })],
    ["POST", "/api/v1/tokens/999999/revoke", 404, session, "{}"]);
}
// which documented answers (operation and status) a check has seen
const seen = new Set();
const key = (method, tpl, status) => `${method.toUpperCase()} ${tpl} ${status}`;
function template(method, path) {
  for (const [tpl, ops] of Object.entries(doc.paths)) {
    const re = new RegExp("^" + tpl.replace(/\{[^}/]+\}/g, "[^/]+").replace(/\./g, "\\.") + "$");
    if (re.test(path) && ops[method.toLowerCase()]) return tpl;
  }
  return null;
}
const plain = check;
check = async (method, url, want, headers, body) => {
  const before = n;
  await plain(method, url, want, headers, body);
  const tpl = template(method, new URL(url, base).pathname.replace(/^\/api\/v1/, "") || "/");
  if (tpl && n === before + 1 && !lastFailed) seen.add(key(method, tpl, want));
};
for (const [method, url, want, headers, body] of calls) await check(method, url, want, headers, body);
// a token made with the session to be revoked at once (200), its id from the answer
if (process.env.R1540_COOKIE) {
  const session = { Cookie: process.env.R1540_COOKIE, "X-CSRF-Token": process.env.R1540_CSRF,
                    "Content-Type": "application/json" };
  const res = await fetch(new URL("/api/v1/tokens", base),
    { method: "POST", headers: session, body: JSON.stringify({ label: "revoked at once" }) });
  const made = JSON.parse(await res.text());
  await check("POST", `/api/v1/tokens/${made.record?.id}/revoke`, 200, session, "{}");
}

// ---- every call, generically: the answers every call of its kind gives ---------------
// A path's parameters made concrete: real ones from the demo data, or ones that name nothing.
const REAL = { code: "FRA", n: "1", format: "csv", id: "1", file: "states.csv", item: "OP1",
               name: "exp", token: "0".repeat(64), chart: "1.svg", comment: "1" };
const NONE = { code: "XXX", n: "999999", format: "doc", id: "999999", file: "nothing.csv",
               item: "NOPE", name: "nobody", token: "1".repeat(64), chart: "99.svg", comment: "0" };
// calls whose real parameters are other ones: feedback is on a delivered request
// of its own state (AFG's 1), a practice's file needs a practice with one (R1540_PRACTICE)
const REAL_FOR = { "/states/{code}/requests/{id}/feedback": { code: "AFG" },
                   "/practices/{id}/file": { id: process.env.R1540_PRACTICE || "1" } };
// the steps of the workflow and the entries are taken on FRA's draft (R1540_DRAFT)
const onDraft = (tpl) => /\/(send|return|accept|approve|publish|comments|entries)/.test(tpl);
const fill = (tpl, values) => "/api/v1" + tpl.replace(/\{([^}]+)\}/g, (_, k) =>
  k === "n" && values === REAL && onDraft(tpl) && process.env.R1540_DRAFT ? process.env.R1540_DRAFT
    : k === "format" && tpl.startsWith("/review/") ? (values === REAL ? "review.xlsx" : "review.doc")
    : values === REAL && REAL_FOR[tpl]?.[k] ? REAL_FOR[tpl][k] : values[k]);
// the last parameter names nothing, the others are real: a state's point of
// contact is refused (403) on another state before anything is looked up
const fillNone = (tpl) => {
  const names = [...tpl.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  // an unknown template item is a 422 (the entry's field), so the version is the one missing
  const gone = names[names.length - 1] === "item" ? "n" : names[names.length - 1];
  return "/api/v1" + tpl.replace(/\{([^}]+)\}/g, (_, k) => (k === gone ? NONE : REAL)[k]);
};
// a query parameter with a value out of its range, by name, in order of preference
const BAD_QUERY = [["page", "0"], ["since", "2020-02-30"], ["as_of", "2020-13-01"], ["years", "0"],
                   ["region", "%3Cscript%3E"], ["status", "nonsense"]];
// answers the generic checks cannot ask for on the demo data (no such record, or an empty
// body is a valid request there): the walks below ask for them with the record they need
const NOT_GENERIC = new Set(["GET /reset/{token} 200", "GET /inbox/{id} 200",
  "POST /assistance/proposals/{id}/accept 422", "POST /assistance/proposals/{id}/decline 422",
  "POST /states/{code}/contacts/{id}/link 422",
  // a comment is the state's, on a version sent to it: the demo data's draft is not
  // (the draft's 409 is checked instead), and it has no draft comments to rewrite
  "POST /states/{code}/versions/{n}/comments 422", "POST /states/{code}/versions/{n}/comments/{comment} 422",
  "POST /states/{code}/versions/{n}/comments/{comment}/delete 422",
  "POST /states/{code}/versions/{n}/comments/{comment}/answer 422"]);
// a body that passes the usual checks of the calls it is sent to, so that the
// path is what is wrong (a roster entry's id, a password of the right length)
const PASSABLE = JSON.stringify({ contact: 1, password: "correct horse battery staple", text: "x",
  offer: 1, note: "x", title: "x", themes: "legislation", regions: "002", languages: "en",
  start: "2025-01-01", end: "2026-01-01" });
// write tokens of several roles (R1540_WRITERS: an expert, an administrator, the Committee,
// FRA's point of contact, a provider): a call's writer is the first the
// permission table lets through, found with a body that cannot be read (so nothing changes)
const writers = (process.env.R1540_WRITERS || "").split(" ").filter(Boolean)
  .map((t) => ({ Authorization: `Bearer ${t}`, "Content-Type": "application/json" }));
async function writerOf(url) {
  for (const w of writers) {
    const res = await fetch(new URL(url, base), { method: "POST", headers: w, body: "[1, 2" });
    await res.arrayBuffer();
    if (res.status !== 403) return w;
  }
  return null;
}
async function refusedOf(url) {
  for (const w of writers) {
    const res = await fetch(new URL(url, base), { headers: { Authorization: w.Authorization } });
    await res.arrayBuffer();
    if (res.status === 403) return w;
  }
  return null;
}
// the query a call needs to answer 200 (and so to have an ETag)
const QUERY_FOR = { "/states/{code}/diff": "?from=1&to=2", "/search": "?q=nuclear" };
async function readerOf(url) {
  for (const w of writers) {
    const res = await fetch(new URL(url, base), { headers: { Authorization: w.Authorization } });
    await res.arrayBuffer();
    if (res.status !== 403) return w;
  }
  return null;
}
// A body over the limit: the server answers before reading it all, so the
// sending may break off (EPIPE) after the answer came; node:http lets us keep it.
function oversized(url, headers) {
  return new Promise((resolve) => {
    const req = http.request(new URL(url, base), { method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => { text += d; });
      res.on("end", () => {
        resolve({ status: res.statusCode, type: res.headers["content-type"] || "", text });
        req.destroy(); // the rest of the body is not wanted
      });
    });
    // a write broken off: the answer may still come; if none does, status 0
    req.on("error", (err) => setTimeout(() => resolve({ status: 0, type: "", text: String(err) }), 2000));
    // the length says 2 MB; the first kilobyte goes, the rest only if asked for
    // the length says 60 MB (over an upload's limit too); the server answers
    // from the headers, or the call gets status 0 after 3 seconds
    req.setHeader("Content-Length", 60000000);
    req.write("a".repeat(1000));
    setTimeout(() => { if (!req.destroyed) { req.destroy(); resolve({ status: 0, type: "", text: "no answer" }); } }, 3000);
  });
}
for (const [tpl, ops] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(ops)) {
    const M = method.toUpperCase(), codes = Object.keys(op.responses);
    const isPublic = op.security.some((s) => Object.keys(s).length === 0) || op.security.length === 0;
    const has = (c) => codes.includes(c) && !seen.has(key(M, tpl, c));
    const real = fill(tpl, REAL);
    if (has("304")) { // the same answer again, with its ETag
      const res = await fetch(new URL(real + (QUERY_FOR[tpl] || ""), base));
      const etag = res.headers.get("etag");
      await res.arrayBuffer();
      if (etag) await check(M, real + (QUERY_FOR[tpl] || ""), 304, { "If-None-Match": etag });
    }
    if (M === "GET" && has("403") && !isPublic) { // a role the permission table refuses
      const refused = await refusedOf(real);
      if (refused) await check(M, real, 403, { Authorization: refused.Authorization });
    }
    if (has("401") && !isPublic)
      await check(M, real, 401, M === "POST" ? { "Content-Type": "application/json" } : {},
                  M === "POST" ? "{}" : undefined);
    if (M === "POST" && has("403") && process.env.R1540_COOKIE) // a session without its CSRF token
      await check(M, real, 403, { Cookie: process.env.R1540_COOKIE, "Content-Type": "application/json" }, "{}");
    const writer = M === "POST" && !isPublic ? await writerOf(real) : { "Content-Type": "application/json" };
    if (M === "POST" && has("400") && writer) await check(M, real, 400, writer, "[1, 2");
    if (M === "POST" && has("413") && writer) await check(M, real, 413, writer, BIG);
    const reader = isPublic ? {} : { Authorization: ((await readerOf(real)) || {}).Authorization };
    if (M === "GET" && /\/(accept|approve|publish)$/.test(tpl) && has("409"))
      await check(M, real, 409, reader); // the draft is not at those steps
    else if (M === "GET" && has("200") && !NOT_GENERIC.has(key(M, tpl, 200)))
      await check(M, real, 200, reader); // the call on the demo data, by a role that may make it
    const bad = BAD_QUERY.find(([p]) => (op.parameters || []).some((x) => (x.name || x.$ref?.split("/").pop()) === p));
    if (M === "GET" && has("422") && bad)
      await check(M, `${real}?${bad[0]}=${bad[1]}`, 422,
                  isPublic ? {} : { Authorization: ((await readerOf(real)) || {}).Authorization });
    const fields = Object.values(op.requestBody?.content || {})[0]?.schema?.properties || {};
    if (M === "POST" && has("422") && writer && Object.keys(fields).length &&
        !NOT_GENERIC.has(key(M, tpl, 422))) // no field given
      await check(M, real, 422, writer, "{}");
    if (has("404") && tpl.includes("{")) {
      const none = fillNone(tpl);
      if (M === "POST") await check(M, none, 404, writer || {}, PASSABLE);
      else await check(M, none, 404, isPublic ? {} : { Authorization: ((await readerOf(real)) || {}).Authorization });
    }
  }
}

// ---- the workflow, step by step, on FRA's draft (after the generic checks, which want it a draft) ----
// an expert sets entries and sends; the state's point of contact writes draft comments, rewrites
// one, deletes one and sends its comments (the version comes back); the expert answers, sends
// again, takes it back and sends it once more; the state accepts; the Committee approves and
// publishes; an expert makes the next draft. Each answer is checked against its schema, and so
// are the 409s of the steps on a published version.
if (process.env.R1540_DRAFT && writers.length >= 4) {
  const [exp, , com, poc] = writers, D = process.env.R1540_DRAFT, V = `/api/v1/states/FRA/versions/${D}`;
  const post = (url, want, who, body = {}) => check("POST", url, want, who, JSON.stringify(body));
  const get = (url, want, who) => check("GET", url, want, { Authorization: who.Authorization });
  await post(`${V}/entries`, 200, exp, { item: "OP1-NPT", mark: "X" });
  await post(`${V}/entries/OP1-BWC`, 200, exp, { mark: "?" });
  await post(`${V}/send`, 200, exp);
  await post(`${V}/return`, 200, exp);
  await post(`${V}/send`, 200, exp);
  await post(`${V}/comments`, 422, poc); // nothing to send: no text and no draft comments yet
  // the draft comments' ids, from their answers
  const comment = async (item) => {
    const res = await fetch(new URL(`${V}/draft-comments`, base),
      { method: "POST", headers: poc, body: JSON.stringify({ item, text: "A comment on " + item }) });
    const text = await res.text();
    return res.status === 201 ? JSON.parse(text).id : null;
  };
  await post(`${V}/draft-comments`, 201, poc, { item: "OP1-CWC", text: "Checked by the contract tests" });
  const c1 = await comment("OP1-NPT"), c2 = await comment("OP1-BWC");
  await post(`${V}/comments/${c1}`, 200, poc, { item: "OP1-NPT", text: "Rewritten" });
  await post(`${V}/comments/${c1}`, 422, poc, { item: "OP1-NPT", text: " " }); // a comment says something
  await post(`${V}/comments/${c2}/delete`, 200, poc, { item: "OP1-BWC" });
  await post(`${V}/comments/${c1}/answer`, 404, exp, { item: "OP1-NPT" }); // not sent yet: the state's own
  await post(`${V}/comments`, 200, poc, { text: "Please look at the comments" });
  await post(`${V}/comments/${c1}/answer`, 200, exp, { item: "OP1-NPT" });
  await post(`${V}/comments/${c1}/answer`, 409, exp, { item: "OP1-NPT" }); // answered once
  await post(`${V}/send`, 200, exp);
  await get(`${V}/accept`, 200, poc);
  await post(`${V}/accept`, 200, poc);
  await get(`${V}/approve`, 200, com);
  await post(`${V}/approve`, 200, com);
  await get(`${V}/publish`, 200, com);
  await post(`${V}/publish`, 200, com);
  await post("/api/v1/states/FRA/versions", 201, exp);
  await post("/api/v1/states/FRA/versions", 409, exp); // one draft at a time
  const P = "/api/v1/states/FRA/versions/1";
  await get(`${P}/send`, 409, exp);
  for (const [step, who] of [["send", exp], ["return", exp], ["accept", poc], ["approve", com], ["publish", com]])
    await post(`${P}/${step}`, 409, who);
  await post(`${P}/entries`, 409, exp, { item: "OP1-NPT", mark: "X" });
  await post(`${P}/entries/OP1-NPT`, 409, exp, { mark: "X" });
  await post(`${P}/draft-comments`, 409, poc, { item: "OP1-NPT", text: "x" });
}

// ---- the records of the other calls, made, changed and removed through the API ------------------
// FRA's point of contact keeps its roster, files a request and submits practices; an
// administrator links a roster entry to an account; an expert records outreach and attendance and reviews practices; the
// provider (IAEA) keeps a programme and an offer. Ids are read from the answers.
if (writers.length >= 5) {
  const [exp, adm, , poc, prov] = writers;
  // a second record like the one just checked, whose id the next calls need
  const make = async (url, who, body) => {
    const res = await fetch(new URL(url, base), { method: "POST", headers: who, body: JSON.stringify(body) });
    return { status: res.status, json: JSON.parse(await res.text()) };
  };
  const C = "/api/v1/states/FRA/contacts";
  await check("POST", C, 201, poc, JSON.stringify({ person: "B. Person", areas: "nuclear", since: "2021-01-01" }));
  const contact = (await make(C, poc, { person: "C. Person", areas: "chemical", since: "2021-01-01" })).json.contact.id;
  await check("POST", `${C}/${contact}`, 200, poc,
    JSON.stringify({ person: "C. Person", function: "Head", areas: "nuclear,chemical", since: "2021-01-01" }));
  await check("POST", `${C}/${contact}/link`, 200, adm, JSON.stringify({ user: "poc" }));
  await check("POST", `${C}/${contact}/link`, 409, adm, JSON.stringify({ user: "exp" })); // an expert's account
  await check("POST", "/api/v1/events/1/attendance", 200, exp, JSON.stringify({ contact, attended: 1 }));
  await check("POST", `${C}/${contact}/remove`, 200, poc, "{}");
  await check("POST", "/api/v1/states/FRA/outreach", 201, exp,
    JSON.stringify({ kind: "letter", date: "2025-01-01", subject: "A second letter" }));
  const entry = (await make("/api/v1/outreach", exp,
    { state: "DEU", kind: "letter", date: "2025-01-02", subject: "A letter" })).json.entry.id;
  await check("POST", "/api/v1/outreach", 201, exp,
    JSON.stringify({ state: "FRA", kind: "letter", date: "2025-01-03", subject: "A third letter" }));
  await check("POST", `/api/v1/states/DEU/outreach/${entry}/answer`, 200, exp,
    JSON.stringify({ answer: "Thanks", date: "2025-02-01" }));
  const programme = { title: "A programme", themes: "legislation", regions: "002", languages: "en",
                      start: "2025-01-01", end: "2026-01-01" };
  await check("POST", "/api/v1/programmes", 201, prov, JSON.stringify(programme));
  const pid = (await make("/api/v1/programmes", prov, programme)).json.programme.id;
  await check("POST", `/api/v1/programmes/${pid}`, 200, prov, JSON.stringify({ ...programme, title: "Renamed" }));
  await check("POST", `/api/v1/programmes/${pid}/offers`, 200, prov, JSON.stringify({ offer: 1 }));
  const offers = JSON.parse(await (await fetch(new URL("/api/v1/assistance/offers?per_page=500", base))).text()).offers;
  const others = offers.find((o) => o.provider !== "IAEA");
  if (others) // the programme's organization (IAEA) does not make it
    await check("POST", `/api/v1/programmes/${pid}/offers`, 409, prov, JSON.stringify({ offer: others.id }));
  else notOk("an offer of another provider than IAEA", JSON.stringify(offers.slice(0, 3)));
  await check("POST", `/api/v1/programmes/${pid}/offers/1/unlink`, 200, prov, "{}");
  await check("POST", `/api/v1/programmes/${pid}/remove`, 200, prov, "{}");
  const request = { title: "A request", kind: "training", items: "OP1-NPT", themes: "legislation", languages: "en" };
  await check("POST", "/api/v1/states/FRA/requests", 201, poc, JSON.stringify(request));
  const rid = (await make("/api/v1/states/FRA/requests", poc, request)).json.request.id;
  await check("POST", `/api/v1/states/FRA/requests/${rid}/withdraw`, 200, poc, "{}");
  await check("POST", `/api/v1/states/FRA/requests/${rid}/withdraw`, 409, poc, "{}");
  await check("POST", `/api/v1/states/FRA/requests/${rid}/feedback`, 409, exp, JSON.stringify({ feedback: "Early." }));
  const offer = { title: "An offer", kinds: "training", themes: "legislation", languages: "en", capacity: 1 };
  await check("POST", "/api/v1/assistance/offers", 201, prov, JSON.stringify(offer));
  const oid = (await make("/api/v1/assistance/offers", prov, offer)).json.offer.id;
  await check("POST", `/api/v1/assistance/offers/${oid}/close`, 200, prov, "{}");
  await check("POST", `/api/v1/assistance/offers/${oid}/close`, 409, prov, "{}");
  await check("POST", `/api/v1/assistance/offers/${oid}/reopen`, 200, prov, "{}");
  await check("POST", `/api/v1/assistance/offers/${oid}/reopen`, 409, prov, "{}");
  // practices: multipart, as the page sends them, in one piece (a body that arrives in
  // pieces once lost a field: tests/http/multipart_pieces.sh holds that case)
  const form = new FormData();
  for (const [k, v] of Object.entries({ title: "A practice", summary: "What worked.", language: "en",
                                         themes: "legislation", state: "FRA" })) form.append(k, v);
  const whole = new Response(form), multipart = new Uint8Array(await whole.arrayBuffer());
  const practice = () => multipart;
  const pocAuth = { Authorization: poc.Authorization, "Content-Type": whole.headers.get("content-type") };
  await check("POST", "/api/v1/practices", 201, pocAuth, practice());
  const ids = [];
  for (let i = 0; i < 2; i++) {
    const res = await fetch(new URL("/api/v1/practices", base), { method: "POST", headers: pocAuth, body: practice() });
    const text = await res.text();
    if (res.status !== 201) { notOk("a practice to review", `status ${res.status}`, text); break; }
    ids.push(JSON.parse(text).practice.id);
  }
  await check("POST", `/api/v1/practices/${ids[0]}/publish`, 200, exp, "{}");
  await check("POST", `/api/v1/practices/${ids[0]}/publish`, 409, exp, "{}");
  await check("POST", `/api/v1/practices/${ids[1]}/return`, 200, exp, JSON.stringify({ note: "Say more." }));
  await check("POST", `/api/v1/practices/${ids[0]}/return`, 409, exp, JSON.stringify({ note: "Too late." }));
  // a report uploaded by the state's point of contact (201), and a file of a kind not taken (415)
  const upload = async (name, type, bytes) => {
    const f = new FormData();
    for (const [k, v] of Object.entries({ kind: "additional-information", date: "2024-01-01", language: "en",
                                           title: "A report" })) f.append(k, v);
    f.append("file", new Blob([bytes], { type }), name);
    const w = new Response(f);
    return { headers: { Authorization: poc.Authorization, "Content-Type": w.headers.get("content-type") },
             body: new Uint8Array(await w.arrayBuffer()) };
  };
  const pdf = await upload("report.pdf", "application/pdf", "%PDF-1.4\n%%EOF\n");
  await check("POST", "/api/v1/states/FRA/reports", 201, pdf.headers, pdf.body);
  const exe = await upload("report.exe", "application/octet-stream", new Uint8Array([0x4d, 0x5a, 0x90, 0]));
  await check("POST", "/api/v1/states/FRA/reports", 415, exe.headers, exe.body);
  await check("POST", "/api/v1/inbox/read", 200, poc, "{}");
  // an expert records the state's feedback on a delivered request (AFG's 1)
  await check("POST", "/api/v1/states/AFG/requests/1/feedback", 200, exp, JSON.stringify({ feedback: "It helped." }));
  // the Committee runs the matching (its proposals recorded: last, as nothing after reads them)
  await check("POST", "/api/v1/assistance/match", 422, writers[2], JSON.stringify({ pick: "x" }));
  await check("POST", "/api/v1/assistance/match", 409, writers[2], JSON.stringify({ pick: "999999" }));
  await check("POST", "/api/v1/assistance/match", 200, writers[2], "{}");
  // the provider answers two of its proposals: accepts one, declines the other; the accepted
  // one is not delivered before the state accepts too (409), the declined one not answered again
  const listed = await fetch(new URL("/api/v1/assistance/proposals?status=proposed", base),
                            { headers: { Authorization: prov.Authorization } });
  const all = JSON.parse(await listed.text()).proposals;
  const mine = all.filter((x) => x.provider === "IAEA").map((x) => x.id);
  if (mine.length >= 2) {
    await check("POST", `/api/v1/assistance/proposals/${mine[0]}/accept`, 200, prov, JSON.stringify({ note: "Yes." }));
    await check("POST", `/api/v1/assistance/proposals/${mine[1]}/decline`, 200, prov, JSON.stringify({ note: "No." }));
    await check("POST", `/api/v1/assistance/proposals/${mine[0]}/deliver`, 409, prov, "{}");
    await check("POST", `/api/v1/assistance/proposals/${mine[1]}/accept`, 409, prov, JSON.stringify({ note: "After all." }));
    await check("POST", `/api/v1/assistance/proposals/${mine[1]}/decline`, 409, prov, JSON.stringify({ note: "Again." }));
    // a note over 4,000 bytes, on each of the three steps that take one
    for (const step of ["accept", "decline", "deliver"])
      await check("POST", `/api/v1/assistance/proposals/${mine[0]}/${step}`, 422, prov, JSON.stringify({ note: "x".repeat(4001) }));
    // the requesting state accepts too, through a point of contact an administrator makes for it
    // (signed in: one Argon2 check), and the provider delivers
    const state = all.find((x) => x.id === mine[0]).state, name = "poc" + state.toLowerCase();
    const secret = "correct horse battery staple";
    await make("/api/v1/users", adm, { name, role: "poc", state, password: secret });
    const res = await fetch(new URL("/api/v1/login", base), { method: "POST",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name, password: secret }) });
    const signedIn = { Cookie: (res.headers.get("set-cookie") || "").match(/r1540_session=[0-9a-f]+/)?.[0] || "",
                       "X-CSRF-Token": res.status === 200 ? JSON.parse(await res.text()).csrf : "",
                       "Content-Type": "application/json" };
    await check("POST", `/api/v1/assistance/proposals/${mine[0]}/accept`, 200, signedIn, JSON.stringify({ note: "Yes." }));
    await check("POST", `/api/v1/assistance/proposals/${mine[0]}/deliver`, 200, prov, "{}");
  } else notOk("the provider has two proposals to answer", JSON.stringify(mine));
  await check("POST", "/api/v1/inbox/settings", 200, poc,
    JSON.stringify({ email: "poc@example.org", lang: "fr", mode: "digest" }));
  // an administrator's calls on a new user, and the reset link they make, used once
  const U = "/api/v1/users/newuser", pw = "correct horse battery staple";
  await check("POST", "/api/v1/users", 201, adm, JSON.stringify({ name: "newuser", role: "expert", password: pw }));
  await check("POST", "/api/v1/users", 409, adm, JSON.stringify({ name: "newuser", role: "expert", password: pw }));
  await check("POST", "/api/v1/users/adm/disable", 409, adm, "{}"); // not oneself
  await check("POST", `${U}/disable`, 200, adm, "{}");
  await check("POST", `${U}/reset`, 409, adm, "{}"); // a disabled account gets no reset link
  await check("POST", `${U}/enable`, 200, adm, "{}");
  await check("POST", `${U}/password`, 200, adm, JSON.stringify({ password: pw + " 2" }));
  await check("POST", "/api/v1/signins/lift", 200, adm, JSON.stringify({ name: "newuser" }));
  await check("POST", `${U}/reset`, 201, adm, "{}");
  const link = (await make(`${U}/reset`, adm, {})).json.reset.link, secret = link.split("/").pop();
  await check("GET", `/api/v1/reset/${secret}`, 200);
  const json = { "Content-Type": "application/json" };
  await check("POST", `/api/v1/reset/${secret}`, 200, json, JSON.stringify({ password: pw + " 3" }));
  await check("POST", `/api/v1/reset/${secret}`, 410, json, JSON.stringify({ password: pw + " 4" }));
  await check("GET", `/api/v1/reset/${secret}`, 410);
  // the new user signs in with that password (one Argon2 check each), and out
  await check("POST", "/api/v1/login", 401, json, JSON.stringify({ name: "newuser", password: pw + " 4" }));
  await check("POST", "/api/v1/login", 415, { "Content-Type": "application/x-www-form-urlencoded" },
              `name=newuser&password=${encodeURIComponent(pw + " 3")}`); // the API's sign-in is JSON
  await check("POST", "/api/v1/login", 200, json, JSON.stringify({ name: "newuser", password: pw + " 3" }));
  const cookie = (last.headers.get("set-cookie") || "").match(/r1540_session=[0-9a-f]+/)?.[0];
  const csrf = last.status === 200 ? JSON.parse(last.text).csrf : "";
  await check("POST", "/api/v1/logout", 200, { Cookie: cookie, "X-CSRF-Token": csrf, "Content-Type": "application/json" }, "{}");
  // R1540_LOCKED: a name whose failed sign-ins from this address openapi.sh recorded (five)
  if (process.env.R1540_LOCKED)
    await check("POST", "/api/v1/login", 429, json, JSON.stringify({ name: process.env.R1540_LOCKED, password: pw }));
  // the state's point of contact opens a notification of the workflow and marks it read
  const inbox = JSON.parse(await (await fetch(new URL("/api/v1/inbox", base), { headers: { Authorization: poc.Authorization } })).text());
  const note = inbox.notifications?.[0]?.id;
  if (note) {
    await check("GET", `/api/v1/inbox/${note}`, 200, { Authorization: poc.Authorization });
    await check("POST", `/api/v1/inbox/${note}/read`, 200, poc, "{}");
  } else notOk("the point of contact has a notification", JSON.stringify(inbox).slice(0, 300));
}

// ---- a form field holding a NUL byte: 422 on every POST, before any handler (server.c) -------
// Only for the POSTs whose own field rules were not met above (those without fields, mostly).
for (const [tpl, ops] of Object.entries(doc.paths)) {
  const op = ops.post;
  if (!op || !op.responses["422"] || seen.has(key("POST", tpl, 422))) continue;
  const real = fill(tpl, REAL);
  const isPublic = op.security.length === 0 || op.security.some((x) => Object.keys(x).length === 0);
  const own = !isPublic && !op.security.some((x) => "bearer" in x); // the caller's own tokens: a session
  const who = isPublic ? {} : own ? { Cookie: process.env.R1540_COOKIE, "X-CSRF-Token": process.env.R1540_CSRF }
    : await writerOf(real);
  if (!who) { notOk(`POST ${tpl}: a writer the permission table lets through`); continue; }
  const field = Object.keys(Object.values(op.requestBody?.content || {})[0]?.schema?.properties || {})[0] || "x";
  const { "Content-Type": _, ...auth } = who;
  await check("POST", real, 422, { ...auth, "Content-Type": "application/x-www-form-urlencoded" }, `${field}=a%00b`);
}

// ---- what was not seen -------------------------------------------------------------------
const missing = [];
for (const [tpl, ops] of Object.entries(doc.paths))
  for (const [method, op] of Object.entries(ops))
    for (const c of Object.keys(op.responses).filter((c) => c !== "default"))
      if (!seen.has(key(method, tpl, c))) missing.push(key(method, tpl, c));
const total = Object.values(doc.paths).reduce((a, ops) =>
  a + Object.values(ops).reduce((b, op) => b + Object.keys(op.responses).length - 1, 0), 0);
console.log(`# documented answers seen: ${total - missing.length} of ${total}`);
if (process.env.R1540_MISSING) (await import("node:fs")).writeFileSync(process.env.R1540_MISSING, missing.join("\n") + "\n");
console.log(`# next ${n}`);
