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

const [base, docFile, token, writeToken] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(docFile, "utf8"));
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(doc, "openapi.json");
let n = Number(process.env.TAP_FROM || 0);
const ok = (name) => console.log(`ok ${++n} - ${name}`);
const notOk = (name, ...why) => {
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

async function check(method, url, want, headers = {}, body) {
  const name = `${method} ${url} → ${want}`;
  const path = new URL(url, base).pathname.replace(/^\/api\/v1/, "") || "/";
  const op = operation(method, path);
  if (!op) return notOk(name, "no operation in the description");
  const answer = resolve(op.responses[String(want)]);
  if (!answer) return notOk(name, `status ${want} is not documented`);
  const res = await fetch(new URL(url, base), { method, headers, body, redirect: "manual" });
  const text = await res.text();
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
  if (validate(JSON.parse(text))) ok(name);
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
// with a session (R1540_COOKIE, R1540_CSRF): the caller's own tokens
if (process.env.R1540_COOKIE) {
  const session = { Cookie: process.env.R1540_COOKIE, "X-CSRF-Token": process.env.R1540_CSRF,
                    "Content-Type": "application/json" };
  calls.push(["GET", "/api/v1/tokens", 200, session], ["GET", "/api/v1/tokens", 403, bearer],
    ["POST", "/api/v1/tokens", 201, session, JSON.stringify({ label: "contract", expires: "2099-01-01" })],
    ["POST", "/api/v1/tokens", 422, session, JSON.stringify({ scope: "admin" })],
    ["POST", "/api/v1/tokens/999999/revoke", 404, session, "{}"]);
}
for (const [method, url, want, headers, body] of calls) await check(method, url, want, headers, body);
console.log(`# next ${n}`);
