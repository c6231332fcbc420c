// The vocabulary of content, shared by the server, the checker and the pages.
import { type Locale } from "#app/utils/i18n.ts";

export const competencies = [
  "communication",
  "empathy",
  "problem-solving",
  "tools",
  "time-management",
  "records",
  "analytics",
  "collaboration",
  "leadership",
] as const;
export type Competency = (typeof competencies)[number];

export const levels = ["L1", "L2", "L3", "L4", "L5"] as const;
export type Level = (typeof levels)[number];

export const tracks = ["technical-support", "customer-success", "quality-assurance"] as const;
export type Track = (typeof tracks)[number];

/** The components authors may use in lessons (docs/authoring.md). */
export const mdxComponentNames = ["Callout", "Checklist", "SayThis", "Term", "ScenarioLink", "Quiz"] as const;

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isCompetency(value: unknown): value is Competency {
  return typeof value === "string" && (competencies as readonly string[]).includes(value);
}

export type LessonMeta = {
  slug: string;
  title: string;
  summary: string;
  minutes: number;
  level: Level;
  competencies: Competency[];
  /** Locales with their own variant of this lesson (English always). */
  locales: Locale[];
};

export type CourseMeta = {
  slug: string;
  order: number;
  level: Level;
  track: Track | null;
  competencies: Competency[];
  title: string;
  summary: string;
  /** Titles and summaries per locale, where the course gives them. */
  translations: Partial<Record<Locale, { title: string; summary: string }>>;
  finalQuizId: string | null;
  lessons: Array<LessonMeta & { translations: Partial<Record<Locale, { title: string; summary: string }>> }>;
};

export function localizedCourse(course: CourseMeta, locale: Locale) {
  const t = course.translations[locale];
  return { title: t?.title ?? course.title, summary: t?.summary ?? course.summary };
}

export function localizedLesson(lesson: CourseMeta["lessons"][number], locale: Locale) {
  const t = lesson.translations[locale];
  return { title: t?.title ?? lesson.title, summary: t?.summary ?? lesson.summary, translated: Boolean(t) || locale === "en" };
}
