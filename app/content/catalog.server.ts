// The catalogue: every course, lesson, quiz, scenario and the ladder, as the capabilities
// use them. In production everything comes precompiled from build/content/content.json
// (written by `npm run build`, which refuses broken content), so no request waits for a
// compile. Without a build the tree is read from courses/ (again after a second, so an edit
// shows on reload) and each lesson is compiled on first view and whenever its file changes;
// in development a page whose content is broken shows the problems.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Locale } from "#app/utils/i18n.ts";
import { reportToTerminal, showProblems } from "./dev-problems.server.ts";
import { checkLessonBody, checkLessonTranslation, type Known } from "./lessons.server.ts";
import { type Localized, localesOf, pick } from "./localized.ts";
import { renderArticle } from "./markdown.server.ts";
import { compileMdxFile, MdxCompileError } from "./mdx/compile.server.ts";
import { plainText } from "./mdx/metadata.ts";
import { type Problem } from "./problems.ts";
import { type ContentTree, type LessonVariant, readTree } from "./read.server.ts";
import { checkTree } from "./rules.server.ts";
import { type Ladder } from "./schemas/ladder.ts";
import { type QuizFile, type ReviewPart, type ReviewTime } from "./schemas/quiz.ts";
import { type Scenario } from "./schemas/scenario.ts";
import { type Channel, type Competency, type Level, type QuestionKind, type Track } from "./vocabulary.ts";

export type TitleAndSummary = { title: string; summary: string };

export type LessonMeta = {
  slug: string;
  minutes: number;
  level: Level;
  competencies: Competency[];
  text: Localized<TitleAndSummary>;
  /** Locales with their own variant of this lesson (English always). */
  locales: Locale[];
};

export type CourseMeta = {
  slug: string;
  order: number;
  level: Level;
  track: Track | null;
  competencies: Competency[];
  text: Localized<TitleAndSummary>;
  finalQuizId: string | null;
  lessons: LessonMeta[];
};

/** What the browser may see of a question before the attempt is submitted. */
export type PublicQuestion = {
  id: string;
  kind: QuestionKind;
  competencies: Competency[];
  prompt: string;
  /** best-response: the customer's message and where it came from. */
  customer: string | null;
  channel: Channel | null;
  /** Options for choice kinds; the items to order for ordering (in authored = correct order). */
  options: Array<{ id: string; text: string }>;
};

/** Server only: sent with a submitted attempt's result, never before. */
export type QuestionKey = {
  /** Correct option ids (choice kinds), or the item ids in the correct order (ordering). */
  correct: string[];
  feedback: Record<string, string>;
  explanation: string;
};

/**
 * A bank: each attempt asks `count` questions, taking from each pool its `count`, or (when
 * the pools have none) a share proportional to the pool's size.
 */
export type QuizDraw = { count: number; pools: Array<{ ids: string[]; count: number | null }> };
export type QuizReview = Record<ReviewPart, ReviewTime>;
export type QuizRules = {
  passMark: number;
  maxAttempts: number | null;
  /** Minutes to wait after the 1st, 2nd… attempt that does not pass; the last repeats. Empty: no wait. */
  waitMinutes: number[];
  shuffle: boolean;
  draw: QuizDraw | null;
  review: QuizReview;
};
export type QuizVariant = { title: string; questions: PublicQuestion[]; keys: Record<string, QuestionKey> };
export type Quiz = {
  id: string;
  courseSlug: string;
  final: boolean;
  rules: QuizRules;
  variants: Localized<QuizVariant>;
};

export type ScenarioBundle = { id: string; variants: Localized<Scenario> };

export type Catalogue = {
  courses: CourseMeta[];
  /** Quizzes with their keys: this stays on the server (build/content, not build/client). */
  quizzes: Record<string, Quiz>;
  /** Scenarios with their articles rendered to HTML; server only, like the quizzes. */
  scenarios: Record<string, ScenarioBundle>;
  ladder: Ladder;
};

export type PrecompiledContent = Catalogue & {
  /** Compiled lesson code by "course/lesson/locale". */
  code: Record<string, string>;
  /** Each lesson's headings and paragraphs as plain text, by "course/lesson/locale" (for search). */
  text: Record<string, string>;
};

export const PRECOMPILED_PATH = path.resolve("build/content/content.json");

export function contentRoot() {
  return path.resolve(process.env.CONTENT_DIR ?? "courses");
}

/** The public part of each question and the server-only key, split once. */
function splitQuiz(quiz: QuizFile): QuizVariant {
  const keys: QuizVariant["keys"] = {};
  const questions = quiz.questions.map((q): PublicQuestion => {
    const base = {
      id: q.id,
      kind: q.kind,
      competencies: q.competencies,
      prompt: q.prompt,
      customer: null,
      channel: null,
    };
    if (q.kind === "ordering") {
      keys[q.id] = { correct: q.items.map((i) => i.id), feedback: {}, explanation: q.explanation };
      return { ...base, options: q.items.map(({ id, text }) => ({ id, text })) };
    }
    keys[q.id] = {
      correct: q.options.filter((o) => o.correct).map((o) => o.id),
      feedback: Object.fromEntries(q.options.map((o) => [o.id, o.feedback])),
      explanation: q.explanation,
    };
    const options = q.options.map((o) => ({ id: o.id, text: "text" in o ? o.text : "" }));
    return q.kind === "best-response"
      ? { ...base, customer: q.customer, channel: q.channel, options }
      : { ...base, options };
  });
  return { title: quiz.title, questions, keys };
}

/**
 * A final keeps which answers were wrong, the key and the feedback until the last allowed
 * attempt (never, when attempts are unlimited); the score shows at once. A lesson check
 * shows everything after each attempt. An author's `review:` overrides part by part (ADR 022).
 */
function reviewOf(quiz: QuizFile): QuizReview {
  const key: ReviewTime = !quiz.final ? "always" : quiz.maxAttempts === null ? "never" : "after-last-attempt";
  const { score = "always", wrong = key, answers = key, feedback = key } = quiz.review;
  return { score, wrong, answers, feedback };
}

function drawOf(quiz: QuizFile): QuizDraw | null {
  const spec = quiz.draw;
  if (!spec) return null;
  if ("pools" in spec) {
    return {
      count: spec.pools.reduce((sum, p) => sum + p.count, 0),
      pools: spec.pools.map((p) => ({
        ids: quiz.questions
          .filter((q) => (p.questions ? p.questions.includes(q.id) : q.competencies[0] === p.competency))
          .map((q) => q.id),
        count: p.count,
      })),
    };
  }
  if (spec.per === "bank") return { count: spec.count, pools: [{ ids: quiz.questions.map((q) => q.id), count: null }] };
  const byCompetency = new Map<string, string[]>();
  for (const q of quiz.questions) {
    const first = q.competencies[0] ?? "";
    byCompetency.set(first, [...(byCompetency.get(first) ?? []), q.id]);
  }
  return { count: spec.count, pools: [...byCompetency.values()].map((ids) => ({ ids, count: null })) };
}

export function quizRules(quiz: QuizFile): QuizRules {
  const { passMark, maxAttempts, waitMinutes, shuffle } = quiz;
  return {
    passMark,
    maxAttempts,
    waitMinutes: waitMinutes === null ? [] : typeof waitMinutes === "number" ? [waitMinutes] : waitMinutes,
    shuffle,
    draw: drawOf(quiz),
    review: reviewOf(quiz),
  };
}

/** Maps each present variant, keeping English required. */
function localized<A, B>(variants: Partial<Record<Locale, A>>, map: (value: A) => B): Localized<B> | null {
  const en = variants.en;
  if (en === undefined) return null;
  const out: Localized<B> = { en: map(en) };
  for (const locale of ["pt-BR", "es", "uk"] as const) {
    const value = variants[locale];
    if (value !== undefined) out[locale] = map(value);
  }
  return out;
}

/** The valid part of the tree as the capabilities see it; problems are listed elsewhere. */
export function catalogueFromTree(tree: ContentTree): Catalogue {
  const courses: CourseMeta[] = [];
  const quizzes: Record<string, Quiz> = {};
  for (const course of tree.courses) {
    const info = course.course?.data;
    for (const quiz of course.quizzes) {
      const variants = localized(quiz.variants, (v) => splitQuiz(v.data));
      const english = quiz.variants.en?.data;
      if (!variants || !english) continue;
      quizzes[quiz.id] = {
        id: quiz.id,
        courseSlug: course.slug,
        final: english.final,
        rules: quizRules(english),
        variants,
      };
    }
    if (!info) continue;
    const text: Localized<TitleAndSummary> = { en: { title: info.title, summary: info.summary }, ...info.translations };
    courses.push({
      slug: course.slug,
      order: course.order,
      level: info.level,
      track: info.track,
      competencies: info.competencies,
      text,
      finalQuizId: course.quizzes.find((quiz) => quiz.variants.en?.data.final)?.id ?? null,
      lessons: course.lessons.flatMap((lesson) => {
        const english = lesson.variants.en?.data;
        const lessonText = localized(lesson.variants, (v) => ({ title: v.data.title, summary: v.data.summary }));
        if (!english || !lessonText) return [];
        const { minutes, level, competencies } = english;
        return [{ slug: lesson.slug, minutes, level, competencies, text: lessonText, locales: localesOf(lessonText) }];
      }),
    });
  }
  const scenarios: Record<string, ScenarioBundle> = {};
  for (const entry of tree.scenarios) {
    const variants = localized(entry.variants, (v): Scenario => ({
      ...v.data,
      articles: v.data.articles.map((a) => ({ ...a, html: renderArticle(a.body) })),
    }));
    if (variants) scenarios[entry.id] = { id: entry.id, variants };
  }
  return {
    courses: courses.sort((a, b) => a.order - b.order),
    quizzes,
    scenarios,
    ladder: tree.ladder?.data ?? { levels: [], tracks: [] },
  };
}

/**
 * What a lesson may link to or embed: every file that exists, valid or not, so a broken
 * course.yml is one problem and not also a broken link in every lesson that points at it.
 */
export function knownTargets(tree: ContentTree): Known {
  const paths = new Set<string>(["/courses", "/scenarios"]);
  for (const course of tree.courses) {
    paths.add(`/courses/${course.slug}`);
    for (const lesson of course.lessons) if (lesson.hasEnglishFile) paths.add(`/courses/${course.slug}/${lesson.slug}`);
  }
  for (const id of tree.present.quizzes) paths.add(`/quizzes/${id}`);
  for (const id of tree.present.scenarios) paths.add(`/scenarios/${id}`);
  return { paths, quizzes: tree.present.quizzes, scenarios: tree.present.scenarios };
}

let precompiled: PrecompiledContent | null | undefined;

function loadPrecompiled() {
  if (precompiled === undefined) {
    const usePrecompiled = process.env.NODE_ENV === "production" && existsSync(PRECOMPILED_PATH);
    // Written by scripts/precompile-content.ts from this module's own types, after every check.
    precompiled = usePrecompiled ? (JSON.parse(readFileSync(PRECOMPILED_PATH, "utf8")) as PrecompiledContent) : null;
  }
  return precompiled;
}

type FromDisk = { root: string; at: number; tree: ContentTree; catalogue: Catalogue; problems: Problem[] };

/**
 * Without a build (development, tests, scripts) content is read from disk and kept for a
 * second: an edit shows on the next reload, while a page that looks up the catalogue
 * thousands of times does not read every file thousands of times.
 */
const FRESH_MS = 1000;
let disk: FromDisk | null = null;

function fromDisk(): FromDisk {
  const root = contentRoot();
  if (disk && disk.root === root && Date.now() - disk.at < FRESH_MS) return disk;
  const tree = readTree(root);
  const problems = [...tree.problems, ...checkTree(tree)];
  disk = { root, at: Date.now(), tree, catalogue: catalogueFromTree(tree), problems };
  reportToTerminal(problems, root);
  return disk;
}

/** The catalogue, after showing (in development) the problems of the files asked for. */
function catalogue(scope: (file: string) => boolean): Catalogue {
  const ready = loadPrecompiled();
  if (ready) return ready;
  const state = fromDisk();
  showProblems(
    state.problems.filter((p) => scope(p.file)),
    state.root,
  );
  return state.catalogue;
}

const isCourseFile = (file: string) => file !== "ladder.yml" && !file.startsWith("scenarios/");
const courseDir = (slug: string) => fromDisk().tree.courses.find((c) => c.slug === slug)?.dir;

export const getCourses = () => catalogue(isCourseFile).courses;
export const getQuizzes = () => catalogue((file) => /\/quizzes\//.test(file)).quizzes;
export const getScenarios = () => catalogue((file) => file.startsWith("scenarios/")).scenarios;
export const getLadder = () => catalogue((file) => file === "ladder.yml").ladder;

export function findCourse(slug: string) {
  const dir = loadPrecompiled() ? null : courseDir(slug);
  const { courses } = catalogue((file) => (dir ? file.startsWith(`${dir}/`) && !file.includes("/quizzes/") : false));
  return courses.find((course) => course.slug === slug) ?? null;
}

/** A quiz by id (looked up, never a path). */
export function findQuiz(id: string) {
  const { quizzes } = catalogue((file) => file.includes(`/quizzes/${id}.`));
  return Object.hasOwn(quizzes, id) ? (quizzes[id] ?? null) : null;
}

/** A scenario by id (looked up, never a path). */
export function findScenario(id: string) {
  const { scenarios } = catalogue((file) => file.startsWith(`scenarios/${id}.`));
  return Object.hasOwn(scenarios, id) ? (scenarios[id] ?? null) : null;
}

async function compileChecked(variant: LessonVariant, known: Known) {
  try {
    const compiled = await compileMdxFile(variant.absolutePath, variant.source);
    return { compiled, problems: checkLessonBody(variant, compiled.metadata, known) };
  } catch (error) {
    if (!(error instanceof MdxCompileError)) throw error;
    return {
      compiled: null,
      problems: [{ file: variant.file, line: error.line, message: `MDX does not compile: ${error.message}` }],
    };
  }
}

/**
 * The lesson's compiled code in the wanted locale, or English when that locale has no
 * variant. Slugs are looked up in the catalogue, never joined into file paths.
 */
export async function getLessonCode(courseSlug: string, lessonSlug: string, locale: Locale) {
  const course = findCourse(courseSlug);
  const lesson = course?.lessons.find((l) => l.slug === lessonSlug);
  if (!course || !lesson) return null;
  const shown = pick(lesson.text, locale).locale;
  const ready = loadPrecompiled();
  if (ready) {
    const code = ready.code[`${course.slug}/${lesson.slug}/${shown}`];
    return code ? { code, locale: shown } : null;
  }
  const state = fromDisk();
  const entry = state.tree.courses.find((c) => c.slug === course.slug)?.lessons.find((l) => l.slug === lesson.slug);
  const variant = entry?.variants[shown];
  const english = entry?.variants.en;
  if (!variant || !english) return null;
  const known = knownTargets(state.tree);
  const own = await compileChecked(variant, known);
  const problems = [...own.problems];
  if (variant !== english && own.compiled) {
    const reference = await compileChecked(english, known);
    if (reference.compiled) {
      problems.push(
        ...checkLessonTranslation(
          { lesson: english, metadata: reference.compiled.metadata },
          { lesson: variant, metadata: own.compiled.metadata },
        ),
      );
    }
  }
  reportToTerminal(problems, state.root, variant.file);
  showProblems(problems, state.root);
  if (!own.compiled) {
    const [first] = own.problems;
    throw new MdxCompileError(first?.message ?? "the lesson does not compile", first?.line ?? 1);
  }
  return { code: own.compiled.code, locale: shown };
}

const versions = new WeakMap<FromDisk, string>();

/**
 * Changes whenever the content does: what caches built from the whole catalogue (the
 * search index) are keyed by. The precompiled content is read once per process, so it has
 * one version; content read from disk is fingerprinted by its lesson sources and catalogue.
 */
export function contentVersion() {
  if (loadPrecompiled()) return "precompiled";
  const state = fromDisk();
  let version = versions.get(state);
  if (!version) {
    const hash = createHash("sha256").update(JSON.stringify(state.catalogue));
    for (const course of state.tree.courses)
      for (const lesson of course.lessons)
        for (const variant of Object.values(lesson.variants)) hash.update(variant.source);
    version = hash.digest("hex");
    versions.set(state, version);
  }
  return version;
}

/**
 * Every lesson's plain text by "course/lesson/locale". Precompiled at build; without a build
 * each lesson is compiled (once per file modification, like a lesson view), so the first
 * search in development waits for every lesson.
 */
export async function getLessonTexts(): Promise<Record<string, string>> {
  const ready = loadPrecompiled();
  if (ready) return ready.text;
  const texts: Record<string, string> = {};
  for (const course of fromDisk().tree.courses) {
    for (const lesson of course.lessons) {
      for (const variant of Object.values(lesson.variants)) {
        try {
          const { metadata } = await compileMdxFile(variant.absolutePath, variant.source);
          texts[`${course.slug}/${lesson.slug}/${variant.locale}`] = plainText(metadata);
        } catch (error) {
          // A lesson that does not compile shows its problems where it is read; search skips its body.
          if (!(error instanceof MdxCompileError)) throw error;
        }
      }
    }
  }
  return texts;
}
