// Validates data/openapi.json (or the file named) with a real OpenAPI 3.1
// validator (@seriousme/openapi-schema-validator); prints TAP lines.
import { Validator } from "@seriousme/openapi-schema-validator";
import { readFileSync } from "node:fs";

const file = process.argv[2] || "data/openapi.json";
const doc = JSON.parse(readFileSync(file, "utf8"));
const validator = new Validator();
const res = await validator.validate(doc);
if (res.valid && validator.version === "3.1") {
  console.log(`ok - ${file}: a valid OpenAPI ${validator.version} description`);
} else {
  console.log(`not ok - ${file}: not a valid OpenAPI 3.1 description (version ${validator.version})`);
  for (const e of [].concat(res.errors || []).slice(0, 10)) console.log("#   " + JSON.stringify(e));
}
