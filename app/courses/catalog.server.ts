// The courses as the pages see them. In production everything comes precompiled from
// build/content/content.json (written by `npm run build`), so no request waits for a
// compile. In development the tree is read from courses/ and each lesson is compiled on
// first view and again whenever its file changes.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Locale } from "#app/utils/i18n.ts";
import { compileMdxFile } from "./compile.server.ts";
import { type ContentTree, readContentTree } from "./content.server.ts";
import { type QuizMeta, type QuizVariant } from "#app/quizzes/model.ts";
import { readLadder } from "#app/ladder/content.server.ts";
import { type Ladder } from "#app/ladder/model.ts";
import { type ScenarioBundle } from "#app/scenarios/model.ts";
import { type CourseMeta } from "./model.ts";

export type PrecompiledContent = {
  courses: CourseMeta[];
  /** Compiled lesson code by "course/lesson/locale". */
  code: Record<string, string>;
  /** Quizzes with their keys: this file stays on the server (build/content, not build/client). */
  quizzes: Record<string, Quiz>;
  /** Scenarios with their articles rendered to HTML; server only, like the quizzes. */
  scenarios: Record<string, ScenarioBundle>;
  ladder: Ladder;
};

export type Quiz = QuizMeta & { variants: Partial<Record<Locale, QuizVariant>> };

export function quizzesFromTree(tree: ContentTree): Record<string, Quiz> {
  const quizzes: Record<string, Quiz> = {};
  for (const course of tree.courses) {
    for (const quiz of course.quizzes) {
      const english = quiz.variants.en;
      if (!english) continue;
      const variants: Quiz["variants"] = {};
      for (const [locale, entry] of Object.entries(quiz.variants)) if (entry) variants[locale as Locale] = entry.variant;
      quizzes[quiz.id] = {
        id: quiz.id,
        courseSlug: course.slug,
        final: english.final,
        rules: english.rules,
        locales: Object.keys(variants),
        variants,
      };
    }
  }
  return quizzes;
}

export const PRECOMPILED_PATH = path.resolve("build/content/content.json");

export function contentRoot() {
  return path.resolve(process.env.CONTENT_DIR ?? "courses");
}

export function courseMetaFromTree(tree: ContentTree): CourseMeta[] {
  return tree.courses.map((course) => ({
    slug: course.slug,
    order: course.order,
    level: course.level,
    track: course.track,
    competencies: course.competencies,
    title: course.title,
    summary: course.summary,
    translations: course.translations,
    finalQuizId: course.quizzes.find((quiz) => quiz.variants.en?.final)?.id ?? null,
    lessons: course.lessons.flatMap((lesson) => {
      const en = lesson.variants.en;
      if (!en) return [];
      const translations: CourseMeta["lessons"][number]["translations"] = {};
      for (const [locale, variant] of Object.entries(lesson.variants)) {
        if (locale !== "en" && variant) translations[locale as Locale] = { title: variant.title, summary: variant.summary };
      }
      return [
        {
          slug: lesson.slug,
          title: en.title,
          summary: en.summary,
          minutes: en.minutes,
          level: en.level,
          competencies: en.competencies,
          locales: Object.keys(lesson.variants) as Locale[],
          translations,
        },
      ];
    }),
  }));
}

let precompiled: PrecompiledContent | null | undefined;

export function loadPrecompiled() {
  if (precompiled === undefined) {
    const usePrecompiled = process.env.NODE_ENV === "production" && existsSync(PRECOMPILED_PATH);
    precompiled = usePrecompiled ? (JSON.parse(readFileSync(PRECOMPILED_PATH, "utf8")) as PrecompiledContent) : null;
  }
  return precompiled;
}

/**
 * Without a build (development, tests, scripts) content is read from disk, and kept for a
 * second: an edit shows on the next reload, while a page or a script that looks up the
 * catalogue thousands of times does not read every file thousands of times.
 */
const FRESH_MS = 1000;
const readCache = new Map<string, { at: number; value: unknown }>();
export function fromDisk<T>(what: string, read: (root: string) => T): T {
  const root = contentRoot();
  const key = `${what}:${root}`;
  const hit = readCache.get(key);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.value as T;
  const value = read(root);
  readCache.set(key, { at: Date.now(), value });
  return value;
}

export function getCourses(): CourseMeta[] {
  return loadPrecompiled()?.courses ?? fromDisk("courses", (root) => courseMetaFromTree(readContentTree(root)));
}

export function getQuizzes(): Record<string, Quiz> {
  return loadPrecompiled()?.quizzes ?? fromDisk("quizzes", (root) => quizzesFromTree(readContentTree(root)));
}

/** A quiz by id (looked up, never a path), with the variant for the locale or English. */
export function findQuiz(quizId: string) {
  const quizzes = getQuizzes();
  return Object.hasOwn(quizzes, quizId) ? (quizzes[quizId] ?? null) : null;
}

export function findCourse(courseSlug: string) {
  return getCourses().find((course) => course.slug === courseSlug) ?? null;
}

/**
 * The lesson's compiled code in the wanted locale, or English when that locale has no
 * variant. Slugs are looked up in the catalogue, never joined into file paths.
 */
export async function getLessonCode(courseSlug: string, lessonSlug: string, locale: Locale) {
  const course = findCourse(courseSlug);
  const lesson = course?.lessons.find((l) => l.slug === lessonSlug);
  if (!course || !lesson) return null;
  const shown: Locale = lesson.locales.includes(locale) ? locale : "en";
  const ready = loadPrecompiled();
  if (ready) {
    const code = ready.code[`${course.slug}/${lesson.slug}/${shown}`];
    return code ? { code, locale: shown } : null;
  }
  const tree = readContentTree(contentRoot());
  const file = tree.courses.find((c) => c.slug === course.slug)?.lessons.find((l) => l.slug === lesson.slug)?.variants[shown];
  if (!file) return null;
  const { code } = await compileMdxFile(file.absolutePath, file.source);
  return { code, locale: shown };
}

export function getLadder(): Ladder {
  return loadPrecompiled()?.ladder ?? fromDisk("ladder", (root) => readLadder(root, []));
}
