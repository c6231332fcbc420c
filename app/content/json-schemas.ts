// JSON Schemas of the content files, generated from the zod schemas, so an editor with a
// YAML language server checks quizzes, scenarios and the ladder while the author types.
// `npm run content:schemas` writes them to docs/schemas/; a test fails when they are stale.
import { z } from "zod";
import { courseSchema } from "./schemas/course.ts";
import { ladderSchema } from "./schemas/ladder.ts";
import { lessonFrontmatterSchema } from "./schemas/lesson.ts";
import { quizSchema } from "./schemas/quiz.ts";
import { scenarioSchema } from "./schemas/scenario.ts";
import { topicsSchema } from "./schemas/topics.ts";

export const SCHEMA_DIR = "docs/schemas";

const kinds = {
  "course.schema.json": { schema: courseSchema, title: "Rapport course (course.yml)" },
  "lesson-frontmatter.schema.json": { schema: lessonFrontmatterSchema, title: "Rapport lesson frontmatter" },
  "quiz.schema.json": { schema: quizSchema, title: "Rapport quiz (courses/<course>/quizzes/<id>.yml)" },
  "scenario.schema.json": { schema: scenarioSchema, title: "Rapport scenario (courses/scenarios/<id>.yml)" },
  "ladder.schema.json": { schema: ladderSchema, title: "Rapport career ladder (courses/ladder.yml)" },
  "topics.schema.json": { schema: topicsSchema, title: "Rapport curriculum topics (courses/topics.yml)" },
};

/** File name → schema text, as written to docs/schemas/. */
export function jsonSchemas(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(kinds).map(([file, { schema, title }]) => {
      // The input side: what an author writes, before defaults fill in the rest.
      const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-07" });
      const document = {
        ...json,
        title,
        description:
          "Generated from app/content/schemas by npm run content:schemas; rules across fields and files are checked by npm run content:check.",
      };
      return [file, `${JSON.stringify(document, null, 2)}\n`];
    }),
  );
}
