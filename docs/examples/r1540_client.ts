// A client of the r1540 API generated from its OpenAPI description
// (docs/api.md, "A generated client"): openapi-typescript turns
// /api/v1/openapi.json into the types of r1540_api.d.ts, and openapi-fetch
// makes the calls, typed by them, so that a wrong path, parameter or member
// is a compile error. It lists the states (every page) and downloads the
// newest published matrix of one state as CSV.
//
//   npx openapi-typescript http://localhost:8080/api/v1/openapi.json -o r1540_api.d.ts
//   npx tsc --strict --module nodenext --target es2022 r1540_client.ts
//   node r1540_client.js http://localhost:8080 FRA matrix.csv
import { writeFileSync } from "node:fs";
import createClient from "openapi-fetch";
import type { paths } from "./r1540_api.js";

const [base = "http://localhost:8080", code = "FRA", out = "matrix.csv"] = process.argv.slice(2);
const api = createClient<paths>({ baseUrl: new URL("/api/v1", base).href });

// Every state, 50 a page, following the answer's page and pages.
async function allStates(): Promise<string[]> {
  const codes: string[] = [];
  for (let page = 1; ; page++) {
    const { data, error } = await api.GET("/states", { params: { query: { page, per_page: 50 } } });
    if (!data) throw new Error(`GET /states: ${error?.error.message}`);
    for (const s of data.states) codes.push(`${s.code} ${s.name}`);
    if (page >= (data.pages ?? 1)) return codes;
  }
}

// The number of the state's newest published version, or 0.
async function newestPublished(state: string): Promise<number> {
  const { data, error } = await api.GET("/versions", { params: { query: { state } } });
  if (!data) throw new Error(`GET /versions: ${error?.error.message}`);
  return data.versions.reduce((n, v) => Math.max(n, v.number), 0);
}

const states = await allStates();
console.log(`${states.length} states, from ${states[0]} to ${states[states.length - 1]}`);
const n = await newestPublished(code);
if (!n) throw new Error(`${code} has no published matrix`);
const { data: csv, response } = await api.GET("/states/{code}/versions/{n}/download/{format}", {
  params: { path: { code, n, format: "csv" } },
  parseAs: "arrayBuffer",
});
if (!csv) throw new Error(`download: ${response.status}`);
writeFileSync(out, Buffer.from(csv));
console.log(`${code} version ${n}: ${csv.byteLength} bytes of CSV in ${out}`);
