// course.yml: what a course is, in English, with its titles in the other languages.
import { z } from "zod";
import { competencyList, level, text, track, translationLocale } from "./shared.ts";

const titleAndSummary = z.strictObject({ title: text(120), summary: text(400) });

export const courseSchema = z.strictObject({
  title: text(120),
  summary: text(400),
  level,
  track: track.nullable().default(null),
  competencies: competencyList,
  translations: z.partialRecord(translationLocale, titleAndSummary).default({}),
});

export type CourseFile = z.output<typeof courseSchema>;
