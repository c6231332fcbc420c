// The frontmatter of a lesson (NN-slug.mdx and its translations).
import { z } from "zod";
import { competencyList, level, text, wholeNumber } from "./shared.ts";

export const lessonFrontmatterSchema = z.strictObject({
  title: text(120),
  summary: text(300),
  minutes: wholeNumber(1, 120, "minutes"),
  level,
  competencies: competencyList,
});

export type LessonFrontmatter = z.output<typeof lessonFrontmatterSchema>;
