// Reads the content tree under courses/ into typed entries, each file through its schema,
// noting every problem at its line. Rules within one file live in the schemas; rules
// across files live in rules.server.ts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { type z } from "zod";
import { isLocale, type Locale } from "#app/utils/i18n.ts";
import { contextOf, FileProblems, type Problem } from "./problems.ts";
import { type CourseFile, courseSchema } from "./schemas/course.ts";
import { type Ladder, ladderSchema } from "./schemas/ladder.ts";
import { type LessonFrontmatter, lessonFrontmatterSchema } from "./schemas/lesson.ts";
import { type QuizFile, quizSchema } from "./schemas/quiz.ts";
import { type ScenarioFile, scenarioSchema } from "./schemas/scenario.ts";
import { authorErrors } from "./schemas/shared.ts";
import { SLUG, translationLocales } from "./vocabulary.ts";
import { type Path, parseYaml } from "./yaml.ts";

/** Larger files are refused before they are parsed or compiled. */
export const MAX_LESSON_BYTES = 200 * 1024;
export const MAX_YAML_BYTES = 512 * 1024;

export type Located<T> = {
  /** Relative to the content root, e.g. "01-support-role/quizzes/support-role-final.uk.yml". */
  file: string;
  absolutePath: string;
  locale: Locale;
  data: T;
  lineAt: (path: Path) => number;
};

export type LessonVariant = Located<LessonFrontmatter> & { source: string };
/** `hasEnglishFile`: the English file exists, even if it has problems (its translations are no orphans). */
export type LessonEntry = {
  slug: string;
  order: number;
  hasEnglishFile: boolean;
  variants: Partial<Record<Locale, LessonVariant>>;
};
export type QuizEntry = {
  id: string;
  courseSlug: string;
  hasEnglishFile: boolean;
  variants: Partial<Record<Locale, Located<QuizFile>>>;
};
export type ScenarioEntry = {
  id: string;
  hasEnglishFile: boolean;
  variants: Partial<Record<Locale, Located<ScenarioFile>>>;
};
export type CourseEntry = {
  slug: string;
  order: number;
  dir: string;
  file: string;
  course: Located<CourseFile> | null;
  lessons: LessonEntry[];
  quizzes: QuizEntry[];
};

export type ContentTree = {
  root: string;
  courses: CourseEntry[];
  scenarios: ScenarioEntry[];
  ladder: Located<Ladder> | null;
  /** Ids of the files that exist, valid or not: a reference to a broken file is not a second problem. */
  present: { courses: Set<string>; quizzes: Set<string>; scenarios: Set<string> };
  problems: Problem[];
};

const NUMBERED = /^(\d+)-(.+)$/;
const LESSON_FILE = /^(\d+)-([^.]+)(?:\.([A-Za-z-]+))?\.mdx$/;
const YAML_FILE = /^([^.]+)(?:\.([A-Za-z-]+))?\.ya?ml$/;
const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const otherLocales = translationLocales.join(", ");

type Kind = "lesson" | "course" | "quiz" | "scenario" | "ladder";
const kindNames: Record<Kind, string> = {
  lesson: "a lesson's frontmatter",
  course: "a course (course.yml)",
  quiz: "a quiz (courses/<course>/quizzes/)",
  scenario: "a scenario (courses/scenarios/)",
  ladder: "the career ladder (courses/ladder.yml)",
};

/** What a YAML file looks like it is, from its top-level keys, to name a file in the wrong place. */
function looksLike(value: unknown): Kind | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  if ("questions" in value) return "quiz";
  if ("steps" in value || "persona" in value) return "scenario";
  if ("levels" in value && "tracks" in value) return "ladder";
  if ("level" in value && "competencies" in value && "summary" in value && !("id" in value)) return "course";
  return null;
}

function tooLarge(absolutePath: string, file: string, limit: number, problems: Problem[]) {
  const { size } = statSync(absolutePath);
  if (size <= limit) return false;
  const mb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`);
  problems.push({ file, line: 1, message: `the file is ${mb(size)}; at most ${mb(limit)} is read: split it` });
  return true;
}

type Read<T> = (absolutePath: string, problems: Problem[], read: (into: Problem[]) => T | null) => T | null;

/**
 * Parsed files by path, size and modification time, with their problems: development
 * reads the tree every second, and an unchanged file is not parsed again.
 */
function fileCache<T>(): Read<T> {
  const entries = new Map<string, { key: string; value: T | null; problems: Problem[] }>();
  return (absolutePath, problems, read) => {
    const stat = statSync(absolutePath);
    const key = `${stat.mtimeMs}:${stat.size}`;
    const hit = entries.get(absolutePath);
    if (hit?.key === key) {
      problems.push(...hit.problems);
      return hit.value;
    }
    const own: Problem[] = [];
    const value = read(own);
    problems.push(...own);
    entries.set(absolutePath, { key, value, problems: own });
    return value;
  };
}

const lessonCache = fileCache<LessonVariant>();
const courseCache = fileCache<Located<CourseFile>>();
const quizCache = fileCache<Located<QuizFile>>();
const scenarioCache = fileCache<Located<ScenarioFile>>();
const ladderCache = fileCache<Located<Ladder>>();

function readYamlFile<T>(
  absolutePath: string,
  file: string,
  schema: z.ZodType<T>,
  kind: Kind,
  problems: Problem[],
  source = readFileSync(absolutePath, "utf8"),
  lineOffset = 0,
): { data: T; lineAt: (p: Path) => number } | null {
  const yaml = parseYaml(source, lineOffset);
  if (!yaml.ok) {
    problems.push({
      file,
      line: yaml.line,
      message:
        yaml.message === "the file is empty"
          ? `the file is empty: write ${kindNames[kind]} here`
          : `${path.basename(file)} is not valid YAML: ${yaml.message}`,
    });
    return null;
  }
  const seems = looksLike(yaml.value);
  if (seems && seems !== kind && kind !== "lesson") {
    problems.push({
      file,
      line: 1,
      message: `this looks like ${kindNames[seems]}, not ${kindNames[kind]}: move it where it belongs`,
    });
    return null;
  }
  const parsed = schema.safeParse(yaml.value, { error: authorErrors, reportInput: true });
  if (parsed.success) return { data: parsed.data, lineAt: yaml.lineAt };
  const found = new FileProblems(file, yaml.lineAt);
  found.fromIssues(parsed.error.issues, (p) => contextOf(yaml.value, p));
  problems.push(...found.list);
  return null;
}

function readLesson(absolutePath: string, file: string, locale: Locale, problems: Problem[]): LessonVariant | null {
  return lessonCache(absolutePath, problems, (into) => {
    if (tooLarge(absolutePath, file, MAX_LESSON_BYTES, into)) return null;
    const source = readFileSync(absolutePath, "utf8");
    if (!source.trim()) {
      into.push({
        file,
        line: 1,
        message: "the file is empty: start it with --- title, summary, minutes, level, competencies ---",
      });
      return null;
    }
    const match = FRONTMATTER.exec(source);
    if (!match) {
      into.push({
        file,
        line: 1,
        message: "missing frontmatter: start the file with --- title, summary, minutes, level, competencies ---",
      });
      return null;
    }
    const read = readYamlFile(absolutePath, file, lessonFrontmatterSchema, "lesson", into, match[1] ?? "", 1);
    return read && { file, absolutePath, locale, data: read.data, lineAt: read.lineAt, source };
  });
}

function readYaml<T>(
  cache: Read<Located<T>>,
  absolutePath: string,
  file: string,
  locale: Locale,
  schema: z.ZodType<T>,
  kind: Kind,
  problems: Problem[],
): Located<T> | null {
  return cache(absolutePath, problems, (into) => {
    if (tooLarge(absolutePath, file, MAX_YAML_BYTES, into)) return null;
    const read = readYamlFile(absolutePath, file, schema, kind, into);
    return read && { file, absolutePath, locale, data: read.data, lineAt: read.lineAt };
  });
}

/** `<id>.yml` or `<id>.<locale>.yml`; the problem names what the folder holds. */
function yamlName(name: string, rel: string, what: string, problems: Problem[]) {
  const match = YAML_FILE.exec(name);
  if (!match || !SLUG.test(match[1] ?? "")) {
    problems.push({
      file: rel,
      line: 1,
      message: `${what} files are named <id>.yml, or <id>.<locale>.yml for a translation`,
    });
    return null;
  }
  const locale = match[2] ?? "en";
  if (!isLocale(locale) || (match[2] && locale === "en")) {
    problems.push({ file: rel, line: 1, message: `unknown locale "${locale}" (use ${otherLocales})` });
    return null;
  }
  return { id: match[1] ?? "", locale };
}

const listDir = (dir: string) => {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => !e.name.startsWith("."))
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return [];
  }
};

function readQuizzes(dir: string, relCourse: string, courseSlug: string, problems: Problem[], present: Set<string>) {
  const quizzes = new Map<string, QuizEntry>();
  for (const entry of listDir(path.join(dir, "quizzes"))) {
    const rel = `${relCourse}/quizzes/${entry.name}`;
    const name = yamlName(entry.name, rel, "quiz", problems);
    if (!name) continue;
    present.add(name.id);
    const quiz = quizzes.get(name.id) ?? { id: name.id, courseSlug, hasEnglishFile: false, variants: {} };
    quizzes.set(name.id, quiz);
    if (name.locale === "en") quiz.hasEnglishFile = true;
    const read = readYaml(
      quizCache,
      path.join(dir, "quizzes", entry.name),
      rel,
      name.locale,
      quizSchema,
      "quiz",
      problems,
    );
    if (!read) continue;
    if (read.data.id !== name.id)
      problems.push({ file: rel, line: read.lineAt(["id"]), message: `id must be "${name.id}", the file's name` });
    quiz.variants[name.locale] = read;
  }
  return [...quizzes.values()];
}

function readCourse(
  root: string,
  name: string,
  problems: Problem[],
  present: ContentTree["present"],
): CourseEntry | null {
  const numbered = NUMBERED.exec(name);
  if (!numbered || !SLUG.test(numbered[2] ?? "")) {
    problems.push({
      file: name,
      line: 1,
      message: "course folders are named NN-slug (digits, a dash, lower-case words joined by dashes)",
    });
    return null;
  }
  const dir = path.join(root, name);
  const slug = numbered[2] ?? "";
  present.courses.add(slug);
  const file = `${name}/course.yml`;
  const entry: CourseEntry = {
    slug,
    order: Number(numbered[1]),
    dir: name,
    file,
    course: null,
    lessons: [],
    quizzes: [],
  };
  const lessons = new Map<string, LessonEntry>();
  let hasCourseFile = false;
  for (const item of listDir(dir)) {
    const rel = `${name}/${item.name}`;
    if (item.name === "course.yml") {
      hasCourseFile = true;
      entry.course = readYaml(courseCache, path.join(dir, item.name), rel, "en", courseSchema, "course", problems);
      continue;
    }
    if (item.name === "quizzes" && item.isDirectory()) continue;
    const lesson = LESSON_FILE.exec(item.name);
    if (!item.name.endsWith(".mdx") || !item.isFile()) {
      problems.push({
        file: rel,
        line: 1,
        message: "unexpected file: a course folder holds course.yml, NN-slug.mdx lessons and quizzes/",
      });
      continue;
    }
    if (!lesson || !SLUG.test(lesson[2] ?? "")) {
      problems.push({
        file: rel,
        line: 1,
        message: "lesson files are named NN-slug.mdx, or NN-slug.<locale>.mdx for a translation",
      });
      continue;
    }
    const locale = lesson[3] ?? "en";
    if (!isLocale(locale) || (lesson[3] && locale === "en")) {
      problems.push({ file: rel, line: 1, message: `unknown locale "${locale}" (use ${otherLocales})` });
      continue;
    }
    const lessonSlug = lesson[2] ?? "";
    const order = Number(lesson[1]);
    const known = lessons.get(lessonSlug) ?? { slug: lessonSlug, order, hasEnglishFile: false, variants: {} };
    lessons.set(lessonSlug, known);
    if (known.order !== order)
      problems.push({ file: rel, line: 1, message: `number ${lesson[1]} differs from the English lesson's` });
    const variant = readLesson(path.join(dir, item.name), rel, locale, problems);
    if (variant) known.variants[locale] = variant;
    if (locale === "en") {
      known.hasEnglishFile = true;
      known.order = order;
    }
  }
  if (!hasCourseFile)
    problems.push({ file, line: 1, message: "missing course.yml (title, summary, level, competencies)" });
  entry.lessons = [...lessons.values()].sort((a, b) => a.order - b.order);
  entry.quizzes = readQuizzes(dir, name, slug, problems, present.quizzes);
  return entry;
}

function readScenarios(root: string, problems: Problem[], present: Set<string>) {
  const scenarios = new Map<string, ScenarioEntry>();
  for (const item of listDir(path.join(root, "scenarios"))) {
    const rel = `scenarios/${item.name}`;
    const name = yamlName(item.name, rel, "scenario", problems);
    if (!name) continue;
    present.add(name.id);
    const scenario = scenarios.get(name.id) ?? { id: name.id, hasEnglishFile: false, variants: {} };
    scenarios.set(name.id, scenario);
    if (name.locale === "en") scenario.hasEnglishFile = true;
    const read = readYaml(
      scenarioCache,
      path.join(root, "scenarios", item.name),
      rel,
      name.locale,
      scenarioSchema,
      "scenario",
      problems,
    );
    if (!read) continue;
    if (read.data.id !== name.id)
      problems.push({ file: rel, line: read.lineAt(["id"]), message: `id must be "${name.id}", the file's name` });
    scenario.variants[name.locale] = read;
  }
  return [...scenarios.values()];
}

const TRANSLATION = new RegExp(`\\.(?:${translationLocales.join("|")})\\.(yml|mdx)$`);

/**
 * A translation repeats the English structure, so a structural mistake made in both is
 * reported once, on the English file.
 */
function withoutEchoes(problems: Problem[]) {
  const english = new Set(problems.map((p) => `${p.file}\u0000${p.message}`));
  return problems.filter((p) => {
    const original = p.file.replace(TRANSLATION, ".$1");
    return original === p.file || !english.has(`${original}\u0000${p.message}`);
  });
}

export function readTree(root: string): ContentTree {
  const problems: Problem[] = [];
  const present = { courses: new Set<string>(), quizzes: new Set<string>(), scenarios: new Set<string>() };
  const tree: ContentTree = { root, courses: [], scenarios: [], ladder: null, present, problems };
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    problems.push({ file: ".", line: 1, message: `content folder ${root} not found` });
    return tree;
  }
  let hasLadder = false;
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    if (entry.name === "ladder.yml") {
      hasLadder = true;
      tree.ladder = readYaml(
        ladderCache,
        path.join(root, entry.name),
        entry.name,
        "en",
        ladderSchema,
        "ladder",
        problems,
      );
    } else if (entry.name === "topics.yml") {
      // The curriculum's topic list, read and checked against this tree by topics.server.ts.
      continue;
    } else if (entry.name === "scenarios" && entry.isDirectory()) {
      tree.scenarios = readScenarios(root, problems, present.scenarios);
    } else if (entry.isDirectory()) {
      const course = readCourse(root, entry.name, problems, present);
      if (course) tree.courses.push(course);
    } else {
      problems.push({
        file: entry.name,
        line: 1,
        message: "unexpected file: courses/ holds course folders, scenarios/, ladder.yml and topics.yml",
      });
    }
  }
  if (!hasLadder) problems.push({ file: "ladder.yml", line: 1, message: "the career ladder (ladder.yml) is missing" });
  tree.problems = withoutEchoes(problems);
  return tree;
}
