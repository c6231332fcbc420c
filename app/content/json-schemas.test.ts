import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { root } from "#tests/setup/paths.ts";
import { jsonSchemas, SCHEMA_DIR } from "./json-schemas.ts";

describe("JSON Schemas for editors", () => {
  test("docs/schemas/ is what npm run content:schemas writes from the zod schemas (run it after changing a schema)", () => {
    const generated = jsonSchemas();
    const dir = path.join(root, SCHEMA_DIR);
    expect(readdirSync(dir).sort()).toEqual(Object.keys(generated).sort());
    for (const [file, text] of Object.entries(generated)) {
      expect(readFileSync(path.join(dir, file), "utf8"), `${SCHEMA_DIR}/${file} is stale`).toBe(text);
    }
  });

  test("they describe what an author writes: required keys, closed objects, the vocabulary", () => {
    const quiz: unknown = JSON.parse(jsonSchemas()["quiz.schema.json"] ?? "{}");
    expect(quiz).toMatchObject({
      type: "object",
      required: expect.arrayContaining(["id", "title", "final", "passMark", "questions"]),
      additionalProperties: false,
    });
    expect(JSON.stringify(quiz)).toContain('"best-response"');
    const scenario = jsonSchemas()["scenario.schema.json"] ?? "";
    expect(scenario).toContain('"escalate"');
    expect(scenario).not.toContain('"html"');
  });
});
