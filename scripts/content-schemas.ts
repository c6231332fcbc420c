// npm run content:schemas — writes the JSON Schemas of the content files to docs/schemas/
// (checked in: editors read them; app/content/json-schemas.test.ts fails when they are stale).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { jsonSchemas, SCHEMA_DIR } from "#app/content/json-schemas.ts";

mkdirSync(SCHEMA_DIR, { recursive: true });
for (const [file, text] of Object.entries(jsonSchemas())) writeFileSync(path.join(SCHEMA_DIR, file), text);
console.log(`Wrote ${Object.keys(jsonSchemas()).length} JSON Schemas to ${SCHEMA_DIR}/`);
