// docs/curriculum.md, written from courses/topics.yml and the content itself by
// `npm run content:map`, so the map cannot drift from the lessons, quizzes and scenarios
// it cites. The output depends only on the files: everything is sorted, nothing is dated,
// and curriculum-map.server.test.ts fails when the checked-in file differs.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { locales, type Locale } from "#app/utils/i18n.ts";
import { type Problem } from "./problems.ts";
import { type ContentTree, type CourseEntry, readTree } from "./read.server.ts";
import { checkTree } from "./rules.server.ts";
import { type Topic, type TopicsFile } from "./schemas/topics.ts";
import { readTopics, TOPICS_FILE, checkTopicReferences } from "./topics.server.ts";
import {
  channels,
  type Level,
  levels,
  type QuestionKind,
  questionKinds,
  type Track,
  tracks,
  translationLocales,
} from "./vocabulary.ts";

export const CURRICULUM_MAP = "docs/curriculum.md";
/** Where docs/curriculum.md finds the content files. */
const LINK_BASE = "../courses";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
const link = (label: string, file: string) => `[${cell(label)}](${LINK_BASE}/${file})`;
const row = (cells: Array<string | number>) => `| ${cells.map(String).join(" | ")} |`;
const table = (head: string[], rows: Array<Array<string | number>>) =>
  [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");
const byNumber = (a: number, b: number) => a - b;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type QuizInfo = {
  id: string;
  course: CourseEntry;
  final: boolean;
  file: string;
  questions: string[];
  kinds: QuestionKind[];
};

/** The tree as the map needs it: order, files and ids, English first. */
function index(tree: ContentTree) {
  const courses = [...tree.courses].sort((a, b) => a.order - b.order);
  const courseOrder = new Map(courses.map((c, i) => [c.slug, i]));
  const lessons = new Map<string, { course: CourseEntry; order: number; file: string }>();
  const quizzes = new Map<string, QuizInfo>();
  for (const course of courses) {
    for (const lesson of course.lessons) {
      const english = lesson.variants.en;
      if (english) lessons.set(`${course.slug}/${lesson.slug}`, { course, order: lesson.order, file: english.file });
    }
    for (const quiz of course.quizzes) {
      const english = quiz.variants.en;
      if (english)
        quizzes.set(quiz.id, {
          id: quiz.id,
          course,
          final: english.data.final,
          file: english.file,
          questions: english.data.questions.map((q) => q.id),
          kinds: english.data.questions.map((q) => q.kind),
        });
    }
  }
  const scenarios = tree.scenarios
    .flatMap((entry) => {
      const english = entry.variants.en;
      return english ? [{ id: entry.id, entry, data: english.data, file: english.file }] : [];
    })
    .sort((a, b) => byText(a.data.level, b.data.level) || byText(a.id, b.id));
  return { courses, courseOrder, lessons, quizzes, scenarios };
}

type Index = ReturnType<typeof index>;

function sortedLessons(refs: string[], ix: Index) {
  const key = (ref: string) => {
    const lesson = ix.lessons.get(ref);
    return lesson ? [ix.courseOrder.get(lesson.course.slug) ?? 0, lesson.order] : [Infinity, 0];
  };
  return [...refs].sort((a, b) => {
    const [ca = 0, la = 0] = key(a);
    const [cb = 0, lb = 0] = key(b);
    return byNumber(ca, cb) || byNumber(la, lb) || byText(a, b);
  });
}

/** Course order, then each course's lesson checks before its final, then the quiz's own order. */
function sortedQuestions(refs: string[], ix: Index) {
  const key = (ref: string) => {
    const [quizId = "", questionId = ""] = ref.split("#");
    const quiz = ix.quizzes.get(quizId);
    if (!quiz) return { course: Infinity, final: 0, quizId, at: 0 };
    return {
      course: ix.courseOrder.get(quiz.course.slug) ?? 0,
      final: quiz.final ? 1 : 0,
      quizId,
      at: quiz.questions.indexOf(questionId),
    };
  };
  return [...refs].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (
      byNumber(ka.course, kb.course) ||
      byNumber(ka.final, kb.final) ||
      byText(ka.quizId, kb.quizId) ||
      byNumber(ka.at, kb.at)
    );
  });
}

/**
 * Where on the ladder a topic is taught, assessed by a question and practised: a track course's
 * lessons and questions count for its track, not for the level it starts from, so the core
 * ladder and each track can be read on their own.
 */
type Place = Level | Track;
const places: readonly Place[] = [...levels, ...tracks];

function coursePlace(course: CourseEntry | undefined): Place | undefined {
  const data = course?.course?.data;
  return data ? (data.track ?? data.level) : undefined;
}

function topicPlaces(topic: Topic, ix: Index) {
  const within = (found: Array<Place | undefined>) => new Set(found.filter((p) => p !== undefined));
  return {
    taught: within(topic.lessons.map((ref) => coursePlace(ix.lessons.get(ref)?.course))),
    assessed: within(topic.questions.map((ref) => coursePlace(ix.quizzes.get(ref.split("#")[0] ?? "")?.course))),
    practised: within(topic.scenarios.map((id) => ix.scenarios.find((s) => s.id === id)?.data.level)),
  };
}

/** "L1, L2, L4 · customer-success" for every place a topic appears, core ladder first. */
function ladderCell(topic: Topic, ix: Index) {
  const { taught, assessed, practised } = topicPlaces(topic, ix);
  const all = new Set([...taught, ...assessed, ...practised]);
  const core = levels.filter((l) => all.has(l));
  const branches = tracks.filter((t) => all.has(t));
  return [core.join(", "), branches.join(", ")].filter(Boolean).join(" · ");
}

function topicRow(topic: Topic, labels: Map<string, string>, ix: Index) {
  const lessons = sortedLessons(topic.lessons, ix).map((ref) => link(ref, ix.lessons.get(ref)?.file ?? ""));
  const questions = sortedQuestions(topic.questions, ix).map((ref) =>
    link(ref, ix.quizzes.get(ref.split("#")[0] ?? "")?.file ?? ""),
  );
  const order = new Map(ix.scenarios.map((s, i) => [s.id, i]));
  const scenarios = [...topic.scenarios]
    .sort((a, b) => byNumber(order.get(a) ?? 0, order.get(b) ?? 0))
    .map((id) => link(id, ix.scenarios.find((s) => s.id === id)?.file ?? ""));
  return [
    cell(topic.title),
    topic.namedIn.map((id) => labels.get(id) ?? id).join(", "),
    ladderCell(topic, ix),
    lessons.join("<br>"),
    questions.join("<br>") || "—",
    scenarios.join("<br>") || "—",
  ];
}

const ofAll = (have: number, all: number) => (have === all ? String(all) : `${have} of ${all}`);

/** "all", "none", or what a course still lacks in one language. */
function courseLocale(course: CourseEntry, locale: Exclude<Locale, "en">) {
  const lessons = course.lessons.filter((l) => l.variants.en);
  const quizzes = course.quizzes.filter((q) => q.variants.en);
  const lessonsIn = lessons.filter((l) => l.variants[locale]).length;
  const quizzesIn = quizzes.filter((q) => q.variants[locale]).length;
  const title = Boolean(course.course?.data.translations[locale]);
  if (title && lessonsIn === lessons.length && quizzesIn === quizzes.length) return "all";
  if (!title && lessonsIn === 0 && quizzesIn === 0) return "none";
  return [
    title ? "" : "no title",
    lessonsIn < lessons.length ? `${lessonsIn}/${lessons.length} lessons` : "",
    quizzesIn < quizzes.length ? `${quizzesIn}/${quizzes.length} quizzes` : "",
  ]
    .filter(Boolean)
    .join(", ");
}

function totals(ix: Index) {
  const questionsOf = (quizzes: QuizInfo[]) => quizzes.reduce((n, q) => n + q.questions.length, 0);
  const quizList = [...ix.quizzes.values()];
  const out: string[] = [];

  out.push("### By course", "");
  out.push(
    table(
      ["Course", "Level", "Track", "Lessons", "Lesson-check questions", "Final questions", ...translationLocales],
      ix.courses.map((course) => {
        const quizzes = quizList.filter((q) => q.course === course);
        return [
          link(course.slug, course.file),
          course.course?.data.level ?? "?",
          course.course?.data.track ?? "—",
          course.lessons.filter((l) => l.variants.en).length,
          questionsOf(quizzes.filter((q) => !q.final)),
          questionsOf(quizzes.filter((q) => q.final)),
          ...translationLocales.map((locale) => courseLocale(course, locale)),
        ];
      }),
    ),
    "",
  );

  const levelOf = (course: CourseEntry) => course.course?.data.level;
  out.push("### By level", "", "Track courses count at the level they start from.", "");
  const levelRows = levels.map((level) => {
    const courses = ix.courses.filter((c) => levelOf(c) === level);
    const quizzes = quizList.filter((q) => levelOf(q.course) === level);
    return [
      level,
      courses.length,
      courses.filter((c) => c.course?.data.track).length,
      courses.reduce((n, c) => n + c.lessons.filter((l) => l.variants.en).length, 0),
      questionsOf(quizzes.filter((q) => !q.final)),
      questionsOf(quizzes.filter((q) => q.final)),
      ix.scenarios.filter((s) => s.data.level === level).length,
    ];
  });
  const sum = (i: number) => levelRows.reduce((n, r) => n + Number(r[i]), 0);
  out.push(
    table(
      ["Level", "Courses", "Of them tracks", "Lessons", "Lesson-check questions", "Final questions", "Scenarios"],
      [...levelRows, ["**All**", sum(1), sum(2), sum(3), sum(4), sum(5), sum(6)]],
    ),
    "",
  );

  out.push("### Questions by kind and level", "");
  const kindRows = levels.map((level) => {
    const quizzes = quizList.filter((q) => levelOf(q.course) === level);
    const kinds = questionKinds.map((kind) =>
      quizzes.reduce((n, q) => n + q.kinds.filter((k) => k === kind).length, 0),
    );
    return [level, ...kinds, kinds.reduce((a, b) => a + b, 0)];
  });
  out.push(
    table(
      ["Level", ...questionKinds, "All"],
      [
        ...kindRows,
        [
          "**All**",
          ...questionKinds.map((_, i) => kindRows.reduce((n, r) => n + Number(r[i + 1]), 0)),
          kindRows.reduce((n, r) => n + Number(r.at(-1)), 0),
        ],
      ],
    ),
    "",
  );

  out.push(
    "### By locale",
    "",
    "English is the reference; a count below the English one is what is not yet translated.",
    "",
  );
  const lessonEntries = ix.courses.flatMap((c) => c.lessons.filter((l) => l.variants.en));
  const quizEntries = ix.courses.flatMap((c) => c.quizzes.filter((q) => q.variants.en));
  out.push(
    table(
      ["Locale", "Course titles", "Lessons", "Quizzes", "Questions", "Scenarios"],
      locales.map((locale) => {
        const titled = ix.courses.filter((c) => locale === "en" || Boolean(c.course?.data.translations[locale]));
        const quizzesIn = quizEntries.filter((q) => q.variants[locale]);
        return [
          locale,
          ofAll(titled.length, ix.courses.length),
          ofAll(lessonEntries.filter((l) => l.variants[locale]).length, lessonEntries.length),
          ofAll(quizzesIn.length, quizEntries.length),
          ofAll(
            quizzesIn.reduce((n, q) => n + (q.variants[locale]?.data.questions.length ?? 0), 0),
            quizEntries.reduce((n, q) => n + (q.variants.en?.data.questions.length ?? 0), 0),
          ),
          ofAll(ix.scenarios.filter((s) => s.entry.variants[locale]).length, ix.scenarios.length),
        ];
      }),
    ),
    "",
  );

  out.push("### Scenarios by channel and level", "");
  const channelRows = channels.map((channel) => {
    const counts = levels.map(
      (level) => ix.scenarios.filter((s) => s.data.channel === channel && s.data.level === level).length,
    );
    return [channel, ...counts, counts.reduce((a, b) => a + b, 0)];
  });
  out.push(
    table(
      ["Channel", ...levels, "All"],
      [
        ...channelRows,
        [
          "**All**",
          ...levels.map((_, i) => channelRows.reduce((n, r) => n + Number(r[i + 1]), 0)),
          ix.scenarios.length,
        ],
      ],
    ),
    "",
  );
  return out;
}

/** What each topic still lacks, and how far each level and track covers the topics. */
function gaps(topics: TopicsFile, ix: Index) {
  const out: string[] = ["## Gaps", ""];
  const list = (heading: string, items: Topic[]) => [
    `- **${heading}** (${items.length})${items.length ? ":" : ": none."}`,
    ...items.map((t) => `  - ${t.title} (\`${t.id}\`)`),
  ];
  out.push(
    "Every topic has a lesson and a question or a scenario (content:check refuses one without). What some still lack:",
    "",
    ...list(
      "No quiz question, assessed by a scenario only",
      topics.topics.filter((t) => t.questions.length === 0),
    ),
    ...list(
      "No scenario, assessed by questions only",
      topics.topics.filter((t) => t.scenarios.length === 0),
    ),
    "",
    "### Topics by level and track",
    "",
    "How many topics each level's core courses and scenarios, and each track's courses, teach, assess with a question and practise in a scenario. A topic counts wherever it appears, so a column does not add up to the number of topics.",
    "",
  );
  const each = topics.topics.map((t) => topicPlaces(t, ix));
  const count = (place: Place, kind: "taught" | "assessed" | "practised") =>
    each.filter((p) => p[kind].has(place)).length;
  out.push(
    table(
      ["Level or track", "Taught", "Assessed by a question", "Practised in a scenario"],
      places.map((place) => [place, count(place, "taught"), count(place, "assessed"), count(place, "practised")]),
    ),
    "",
  );
  return out;
}

/** The generated docs/curriculum.md. */
export function curriculumMap(tree: ContentTree, topics: TopicsFile): string {
  const ix = index(tree);
  const labels = new Map(topics.sources.map((s) => [s.id, s.label]));
  const out: string[] = [
    "# Curriculum map",
    "",
    `<!-- Generated by npm run content:map from courses/${TOPICS_FILE} and the content in courses/. Do not edit by hand. -->`,
    "",
    `Every topic that the source role descriptions name, with the lessons that teach it, the quiz questions that assess it and the practice scenarios where it is practised. This file is generated: to change a row, edit \`courses/${TOPICS_FILE}\` and run \`npm run content:map\`. \`npm run content:check\` refuses a topic whose lesson, question or scenario does not exist, or that has no lesson, or neither a question nor a scenario; and reports this file at its first stale line when it differs from a fresh generation.`,
    "",
  ];
  const withScenario = topics.topics.filter((t) => t.scenarios.length > 0).length;
  out.push(
    `**${topics.topics.length} topics** in ${topics.groups.length} groups. Every one is taught by at least one lesson and assessed by at least one question or scenario; ${withScenario} of them are also practised in a scenario.`,
    "",
    "**Named in** says which source names the topic. **Levels and tracks** says where on the ladder a topic is taught, assessed or practised: the levels of the core courses and scenarios, then the specialist tracks whose courses cover it.",
    "",
    table(
      ["Label", "Source", "File", "Language"],
      topics.sources.map((s) => [`**${cell(s.label)}**`, cell(s.role), `\`${cell(s.file)}\``, s.language]),
    ),
    "",
  );
  for (const group of topics.groups) {
    out.push(`## ${group.title}`, "");
    out.push(
      table(
        ["Topic", "Named in", "Levels and tracks", "Taught in", "Assessed by", "Practised in"],
        topics.topics.filter((t) => t.group === group.id).map((t) => topicRow(t, labels, ix)),
      ),
      "",
    );
  }

  out.push(...gaps(topics, ix));

  out.push("## Content no topic cites yet", "");
  const citedLessons = new Set(topics.topics.flatMap((t) => t.lessons));
  const citedQuestions = new Set(topics.topics.flatMap((t) => t.questions));
  const citedScenarios = new Set(topics.topics.flatMap((t) => t.scenarios));
  const loneLessons = [...ix.lessons.entries()].filter(([ref]) => !citedLessons.has(ref));
  const loneScenarios = ix.scenarios.filter((s) => !citedScenarios.has(s.id));
  const allQuestions = [...ix.quizzes.values()].flatMap((q) => q.questions.map((id) => `${q.id}#${id}`));
  out.push(
    `- Lessons: ${loneLessons.map(([ref, l]) => link(ref, l.file)).join(", ") || "none"}.`,
    `- Scenarios: ${loneScenarios.map((s) => link(s.id, s.file)).join(", ") || "none"}.`,
    `- Questions: ${allQuestions.length - allQuestions.filter((q) => citedQuestions.has(q)).length} of ${allQuestions.length} are cited by no topic (a topic cites the questions that assess it best, not every one).`,
    "",
  );

  out.push("## Totals", "");
  out.push(...totals(ix));

  out.push("### Scenarios", "");
  const practised = (id: string) => topics.topics.filter((t) => t.scenarios.includes(id)).length;
  out.push(
    table(
      ["Scenario", "Title", "Channel", "Level", "Locales", "Topics practised"],
      ix.scenarios.map((s) => [
        link(s.id, s.file),
        cell(s.data.title),
        s.data.channel,
        s.data.level,
        locales.filter((l) => s.entry.variants[l]).join(", "),
        practised(s.id),
      ]),
    ),
    "",
  );
  return `${out.join("\n").trimEnd()}\n`;
}

export type CurriculumMapResult = { problems: Problem[]; markdown: string | null };

/**
 * The map of the content under `root`, or the problems that stop it: a map of broken content
 * would leave out what failed to read.
 */
export function mapCurriculum(root: string): CurriculumMapResult {
  const tree = readTree(root);
  const read = readTopics(root);
  const problems = [...tree.problems, ...checkTree(tree), ...read.problems];
  if (!read.exists)
    problems.push({ file: TOPICS_FILE, line: 1, message: "the topic list is missing: the map is generated from it" });
  if (read.topics) problems.push(...checkTopicReferences(tree, read.topics));
  if (problems.length || !read.topics) return { problems, markdown: null };
  return { problems, markdown: curriculumMap(tree, read.topics.data) };
}

/** The checked-in map against a fresh generation: one problem, at the first line that differs. */
export function mapDrift(current: string | null, fresh: string, file: string): Problem[] {
  if (current === null) return [{ file, line: 1, message: "the curriculum map is missing: run npm run content:map" }];
  if (current === fresh) return [];
  const have = current.split("\n");
  const want = fresh.split("\n");
  let line = 0;
  while (line < have.length && line < want.length && have[line] === want[line]) line++;
  return [
    {
      file,
      line: line + 1,
      message: `out of date with ${TOPICS_FILE} and the content from this line on: run npm run content:map`,
    },
  ];
}

/**
 * What content:check adds for the repository's own content: its topic list must exist and
 * the map at `mapFile` must be what content:map would write now. Problems of the content or
 * of topics.yml are left to checkContent, which reports them at their own lines.
 */
export function checkCurriculumMap(folder: string, mapFile: string): Problem[] {
  const root = path.resolve(folder);
  if (!readTopics(root).exists)
    return [
      {
        file: path.join(folder, TOPICS_FILE),
        line: 1,
        message: "the topic list is missing: docs/curriculum.md is generated from it",
      },
    ];
  const { markdown } = mapCurriculum(root);
  if (markdown === null) return [];
  const at = path.resolve(mapFile);
  return mapDrift(existsSync(at) ? readFileSync(at, "utf8") : null, markdown, mapFile);
}
