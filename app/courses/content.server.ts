// Reads the content tree under courses/ into a structure, noting every problem with its
// file and line. Used by the checker, the precompile step and (in dev) the pages.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { isMap, LineCounter, parseDocument } from "yaml";
import { type QuizEntry, readQuizzes } from "#app/quizzes/content.server.ts";
import { isLocale, type Locale, locales } from "#app/utils/i18n.ts";
import {
  type Competency,
  competencies,
  isCompetency,
  type Level,
  levels,
  SLUG,
  type Track,
  tracks,
} from "./model.ts";

export type Problem = { file: string; line: number; message: string };

export type LessonFile = {
  /** Path relative to the content root, e.g. "01-support-role/01-what-support-does.uk.mdx". */
  file: string;
  absolutePath: string;
  locale: Locale;
  title: string;
  summary: string;
  minutes: number;
  level: Level;
  competencies: Competency[];
  source: string;
};

export type LessonEntry = {
  slug: string;
  order: number;
  variants: Partial<Record<Locale, LessonFile>>;
  /** The English file is there, even if it has problems of its own. */
  hasEnglishFile: boolean;
};

export type CourseEntry = {
  slug: string;
  order: number;
  dir: string;
  file: string;
  level: Level;
  track: Track | null;
  title: string;
  summary: string;
  competencies: Competency[];
  translations: Partial<Record<Locale, { title: string; summary: string }>>;
  lessons: LessonEntry[];
  quizzes: QuizEntry[];
};

export type ContentTree = { root: string; courses: CourseEntry[]; problems: Problem[] };

const NUMBERED = /^(\d+)-(.+)$/;
const LESSON_FILE = /^(\d+)-([^.]+)(?:\.([A-Za-z-]+))?\.mdx$/;

/** Parses YAML and returns a function giving the line of a top-level key (1-based). */
function parseYaml(text: string, lineOffset: number) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (key?: string) => {
    if (key && isMap(doc.contents)) {
      const pair = doc.contents.items.find((item) => String((item.key as { value?: unknown })?.value) === key);
      const offset = (pair?.key as { range?: [number] } | undefined)?.range?.[0];
      if (offset !== undefined) return lineCounter.linePos(offset).line + lineOffset;
    }
    return 1 + lineOffset;
  };
  const error = doc.errors[0];
  return {
    value: error ? null : (doc.toJS() as unknown),
    error: error
      ? { message: error.message.split("\n")[0] ?? "invalid YAML", line: lineCounter.linePos(error.pos[0]).line + lineOffset }
      : null,
    lineOf,
  };
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function checkCompetencies(value: unknown, file: string, line: number, problems: Problem[]): Competency[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ file, line, message: `competencies must be a non-empty list of: ${competencies.join(", ")}` });
    return [];
  }
  const known: Competency[] = [];
  for (const item of value) {
    if (isCompetency(item)) known.push(item);
    else problems.push({ file, line, message: `unknown competency "${String(item)}" (known: ${competencies.join(", ")})` });
  }
  return known;
}

function text(record: Record<string, unknown>, key: string, file: string, line: number, problems: Problem[], max = 200) {
  const value = record[key];
  if (typeof value !== "string" || !value.trim()) {
    problems.push({ file, line, message: `missing "${key}"` });
    return "";
  }
  if (value.length > max) problems.push({ file, line, message: `"${key}" is longer than ${max} characters` });
  return value.trim();
}

function readCourseFile(dir: string, rel: string, problems: Problem[]) {
  const file = `${rel}/course.yml`;
  let source: string;
  try {
    source = readFileSync(path.join(dir, "course.yml"), "utf8");
  } catch {
    problems.push({ file, line: 1, message: "missing course.yml (title, summary, level, competencies)" });
    return null;
  }
  const yaml = parseYaml(source, 0);
  if (yaml.error) {
    problems.push({ file, line: yaml.error.line, message: `course.yml is not valid YAML: ${yaml.error.message}` });
    return null;
  }
  const data = asRecord(yaml.value);
  if (!data) {
    problems.push({ file, line: 1, message: "course.yml must be a mapping of keys" });
    return null;
  }
  const title = text(data, "title", file, yaml.lineOf("title"), problems, 120);
  const summary = text(data, "summary", file, yaml.lineOf("summary"), problems, 400);
  const level = data.level;
  if (!(levels as readonly unknown[]).includes(level)) {
    problems.push({ file, line: yaml.lineOf("level"), message: `unknown level "${String(level)}" (known: ${levels.join(", ")})` });
  }
  const track = data.track ?? null;
  if (track !== null && !(tracks as readonly unknown[]).includes(track)) {
    problems.push({ file, line: yaml.lineOf("track"), message: `unknown track "${String(track)}" (known: ${tracks.join(", ")})` });
  }
  const courseCompetencies = checkCompetencies(data.competencies, file, yaml.lineOf("competencies"), problems);
  const translations: CourseEntry["translations"] = {};
  const rawTranslations = data.translations === undefined ? {} : asRecord(data.translations);
  if (!rawTranslations) {
    problems.push({ file, line: yaml.lineOf("translations"), message: "translations must map a locale to its title and summary" });
  } else {
    for (const [locale, value] of Object.entries(rawTranslations)) {
      const entry = asRecord(value);
      if (!isLocale(locale) || locale === "en") {
        problems.push({ file, line: yaml.lineOf("translations"), message: `unknown locale "${locale}" in translations (use ${locales.filter((l) => l !== "en").join(", ")})` });
      } else if (!entry || typeof entry.title !== "string" || typeof entry.summary !== "string") {
        problems.push({ file, line: yaml.lineOf("translations"), message: `translation "${locale}" needs a title and a summary` });
      } else {
        translations[locale] = { title: entry.title, summary: entry.summary };
      }
    }
  }
  return {
    file,
    title,
    summary,
    level: (levels as readonly unknown[]).includes(level) ? (level as Level) : "L1",
    track: (tracks as readonly unknown[]).includes(track) ? (track as Track) : null,
    competencies: courseCompetencies,
    translations,
  };
}

/** Splits "---\nyaml\n---\nbody" and checks the lesson's frontmatter. */
function readLessonFile(absolutePath: string, file: string, locale: Locale, problems: Problem[]): LessonFile | null {
  const source = readFileSync(absolutePath, "utf8");
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
  if (!match) {
    problems.push({ file, line: 1, message: "missing frontmatter: start the file with --- title, summary, minutes, level, competencies ---" });
    return null;
  }
  const yaml = parseYaml(match[1] ?? "", 1);
  if (yaml.error) {
    problems.push({ file, line: yaml.error.line, message: `frontmatter is not valid YAML: ${yaml.error.message}` });
    return null;
  }
  const data = asRecord(yaml.value);
  if (!data) {
    problems.push({ file, line: 2, message: "frontmatter must be a mapping of keys" });
    return null;
  }
  const before = problems.length;
  const title = text(data, "title", file, yaml.lineOf("title"), problems, 120);
  const summary = text(data, "summary", file, yaml.lineOf("summary"), problems, 300);
  const minutes = data.minutes;
  if (typeof minutes !== "number" || !Number.isInteger(minutes) || minutes < 1 || minutes > 120) {
    problems.push({ file, line: yaml.lineOf("minutes"), message: "minutes must be a whole number from 1 to 120" });
  }
  const level = data.level;
  if (!(levels as readonly unknown[]).includes(level)) {
    problems.push({ file, line: yaml.lineOf("level"), message: `unknown level "${String(level)}" (known: ${levels.join(", ")})` });
  }
  const lessonCompetencies = checkCompetencies(data.competencies, file, yaml.lineOf("competencies"), problems);
  for (const key of Object.keys(data)) {
    if (!["title", "summary", "minutes", "level", "competencies"].includes(key)) {
      problems.push({ file, line: yaml.lineOf(key), message: `unknown frontmatter key "${key}"` });
    }
  }
  if (problems.length > before) return null;
  return {
    file,
    absolutePath,
    locale,
    title,
    summary,
    minutes: Number(minutes),
    level: level as Level,
    competencies: lessonCompetencies,
    source,
  };
}

export function readContentTree(root: string): ContentTree {
  const problems: Problem[] = [];
  const courses: CourseEntry[] = [];
  let entries: string[];
  try {
    entries = readdirSync(root).sort();
  } catch {
    return { root, courses, problems: [{ file: root, line: 1, message: "content folder not found" }] };
  }
  for (const name of entries) {
    const dir = path.join(root, name);
    if (!statSync(dir).isDirectory() || name.startsWith(".")) continue;
    // Practice scenarios have their own format and checker (docs/authoring.md, "Scenarios").
    if (name === "scenarios") continue;
    const numbered = NUMBERED.exec(name);
    if (!numbered || !SLUG.test(numbered[2] ?? "")) {
      problems.push({ file: name, line: 1, message: "course folders are named NN-slug (digits, a dash, lower-case words joined by dashes)" });
      continue;
    }
    const slug = numbered[2] ?? "";
    const course = readCourseFile(dir, name, problems);
    if (!course) continue;
    const lessons = new Map<string, LessonEntry>();
    const orders = new Map<number, string>();
    for (const fileName of readdirSync(dir).sort()) {
      if (fileName === "course.yml" || fileName === "quizzes" || fileName.startsWith(".")) continue;
      const rel = `${name}/${fileName}`;
      if (!fileName.endsWith(".mdx")) {
        problems.push({ file: rel, line: 1, message: "unexpected file: a course folder holds course.yml and NN-slug.mdx lessons" });
        continue;
      }
      const lessonMatch = LESSON_FILE.exec(fileName);
      const lessonSlug = lessonMatch?.[2] ?? "";
      const locale = lessonMatch?.[3] ?? "en";
      if (!lessonMatch || !SLUG.test(lessonSlug)) {
        problems.push({ file: rel, line: 1, message: "lesson files are named NN-slug.mdx, or NN-slug.<locale>.mdx for a translation" });
        continue;
      }
      if (!isLocale(locale) || (lessonMatch[3] && locale === "en")) {
        problems.push({ file: rel, line: 1, message: `unknown locale "${locale}" (use ${locales.filter((l) => l !== "en").join(", ")})` });
        continue;
      }
      const order = Number(lessonMatch[1]);
      const lesson = readLessonFile(path.join(dir, fileName), rel, locale, problems);
      const entry = lessons.get(lessonSlug) ?? { slug: lessonSlug, order, variants: {}, hasEnglishFile: false };
      if (locale === "en") entry.hasEnglishFile = true;
      if (entry.order !== order) {
        problems.push({ file: rel, line: 1, message: `number ${lessonMatch[1]} differs from the English lesson's` });
      }
      if (locale === "en") {
        const taken = orders.get(order);
        if (taken) problems.push({ file: rel, line: 1, message: `duplicate lesson number ${lessonMatch[1]} (also ${taken})` });
        orders.set(order, lessonSlug);
      }
      if (lesson) {
        if (lesson.level !== course.level) {
          problems.push({ file: rel, line: 1, message: `level ${lesson.level} differs from the course's ${course.level}` });
        }
        entry.variants[locale] = lesson;
      }
      lessons.set(lessonSlug, entry);
    }
    for (const lesson of lessons.values()) {
      if (!lesson.hasEnglishFile) {
        const any = Object.values(lesson.variants)[0];
        problems.push({ file: any?.file ?? name, line: 1, message: `translation without an English lesson "${lesson.slug}"` });
      }
    }
    const sorted = [...lessons.values()].filter((l) => l.variants.en).sort((a, b) => a.order - b.order);
    if (sorted.length === 0) problems.push({ file: course.file, line: 1, message: "the course has no lessons" });
    const quizzes = readQuizzes(dir, name, slug, problems);
    const finals = quizzes.filter((quiz) => quiz.variants.en?.final);
    if (finals.length > 1) {
      problems.push({ file: `${name}/quizzes`, line: 1, message: `more than one final quiz: ${finals.map((q) => q.id).join(", ")}` });
    }
    courses.push({ slug, order: Number(numbered[1]), dir: name, ...course, lessons: sorted, quizzes });
  }
  const quizIds = new Map<string, string>();
  for (const course of courses) {
    for (const quiz of course.quizzes) {
      const other = quizIds.get(quiz.id);
      if (other) problems.push({ file: quiz.variants.en?.file ?? course.dir, line: 1, message: `duplicate quiz id "${quiz.id}" (also in ${other})` });
      quizIds.set(quiz.id, course.dir);
    }
  }
  const seen = new Map<string, string>();
  for (const course of courses) {
    const other = seen.get(course.slug);
    if (other) problems.push({ file: course.file, line: 1, message: `duplicate course slug "${course.slug}" (also ${other})` });
    seen.set(course.slug, course.dir);
  }
  return { root, courses, problems };
}
