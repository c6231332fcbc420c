// Rules across files: translations against their English file, courses against their
// lessons and quizzes, the ladder against what exists. Each problem is placed with the
// file's own locator; a file that already failed its schema adds nothing more here.
import { type Locale, locales } from "#app/utils/i18n.ts";
import { keyPatternWarnings } from "./key-patterns.ts";
import { type Problem } from "./problems.ts";
import { type ContentTree, type CourseEntry, type Located } from "./read.server.ts";
import { type QuizFile } from "./schemas/quiz.ts";
import { type Branch, type ScenarioFile } from "./schemas/scenario.ts";
import { stepPaths } from "./schemas/scenario-graph.ts";
import { type Path } from "./yaml.ts";

type Pair = [Path, unknown];

const say = (problems: Problem[], where: { file: string; lineAt: (p: Path) => number }, path: Path, message: string) =>
  problems.push({ file: where.file, line: where.lineAt(path), message });

/** A list's length marker reads as "3 items"; every other value as JSON. */
const show = (value: unknown) =>
  typeof value === "object" && value !== null && !Array.isArray(value) && "length" in value
    ? `${String(value.length)} items`
    : JSON.stringify(value);

/** The first place where two structures differ; list lengths come before their items. */
function firstDifference(english: Pair[], variant: Pair[]) {
  for (let i = 0; i < Math.max(english.length, variant.length); i++) {
    const [pathA, a] = english[i] ?? [[], undefined];
    const [pathB, b] = variant[i] ?? [[], undefined];
    if (pathA.join(".") !== pathB.join(".") || JSON.stringify(a) !== JSON.stringify(b)) {
      return {
        path: pathB.length ? pathB : pathA,
        detail: `${pathA.join(".")}: ${show(a)} in English, ${show(b)} here`,
      };
    }
  }
  return null;
}

const list = <T>(path: Path, items: T[], each: (item: T, at: Path, index: number) => Pair[]): Pair[] => [
  [path, { length: items.length }],
  ...items.flatMap((item, i) => each(item, [...path, i], i)),
];

/** Everything but the words of a scenario: what a translation keeps identical. */
function scenarioStructure(s: ScenarioFile): Pair[] {
  const sorted = (v: unknown[]) => [...v].map(String).sort();
  const branches = (items: Branch[], at: (k: number) => Path, count: Path): Pair[] =>
    items.length ? list(count, items, (b, _, k): Pair[] => [[at(k), [b.when, b.mood, b.next]]]) : [];
  return [
    [["channel"], s.channel],
    [["level"], s.level],
    [["competencies"], sorted(s.competencies)],
    [["review"], s.review],
    [["minutes"], s.minutes],
    [["difficulty"], s.difficulty],
    [["categories"], s.categories],
    [["teams"], s.teams],
    ...list(["articles"], s.articles, (a, at): Pair[] => [[[...at, "id"], a.id]]),
    ...list(["conversations"], s.conversations, (c): Pair[] => [
      [
        [...c.path, "id"],
        [c.id, c.joinsAfter],
      ],
      [[...c.path, "persona", "mood"], c.persona.mood],
      [[...c.path, "persona", "crm"], Object.keys(c.persona.crm).length],
      [[...c.path, "ticket"], c.ticket],
      ...list([...c.path, "requiredActions"], c.requiredActions, (a, at): Pair[] => [[at, [a.id, a.type, a.value]]]),
      [[...c.path, "start"], c.start],
      [[...c.path, "walkout"], c.walkout],
      ...list([...c.path, "steps"], c.steps, (step, _, i): Pair[] => {
        const paths = stepPaths(c, i);
        return [
          [[...paths.step, "id"], step.id],
          [[...paths.step, "private"], step.private],
          ...(step.replies
            ? list([...paths.step, "replies"], step.replies, (r, rAt, j): Pair[] => [
                [[...rAt, "id"], r.id],
                [[...rAt, "mood"], r.mood],
                [[...rAt, "competencies"], r.competencies],
                [[...rAt, "next"], r.next],
                ...branches(r.branches, (k) => paths.branch(j, k), [...rAt, "branches"]),
              ])
            : []),
          [[...paths.step, "freeText", "next"], step.freeText?.next ?? null],
          ...branches(step.freeText?.branches ?? [], (k) => paths.branch(null, k), [
            ...paths.step,
            "freeText",
            "branches",
          ]),
          ...(step.endings
            ? list([...paths.step, step.endKey ?? "end"], step.endings, (e, _, j): Pair[] => [
                [paths.ending(j), [e.id, e.when, e.resolved, e.maxCsat]],
              ])
            : [[[...paths.step, "end"], null] satisfies Pair]),
        ];
      }),
    ]),
    ...list(["rubric"], s.rubric, (c, at): Pair[] => [
      [[...at, "id"], c.id],
      [[...at, "competencies"], sorted(c.competencies)],
    ]),
  ];
}

function quizRules(q: QuizFile): Pair[] {
  return [
    [["final"], q.final],
    [["passMark"], q.passMark],
    [["maxAttempts"], q.maxAttempts],
    [["waitMinutes"], q.waitMinutes],
    [["shuffle"], q.shuffle],
    [["draw"], q.draw],
    [["review"], q.review],
  ];
}

/** Texts long enough to be prose, by path: ids, enum values and short labels are left out. */
function proseOf(value: unknown, at: Path = []): Array<[Path, string]> {
  if (typeof value === "string") return value.length >= 20 && /\s/.test(value) ? [[at, value]] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => proseOf(item, [...at, i]));
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([k, v]) => proseOf(v, [...at, k]));
  return [];
}

/** A translation where most texts are the English ones word for word was copied, not translated. */
export function untranslatedCopy<At>(english: Array<[At, string]>, variant: Array<[At, string]>) {
  const source = new Set(english.map(([, text]) => text.trim()));
  const copies = variant.filter(([, text]) => source.has(text.trim()));
  const first = copies[0];
  if (!first || copies.length * 2 < variant.length) return null;
  return {
    at: first[0],
    message: `untranslated: ${copies.length} of ${variant.length} texts are the English ones word for word (the first is here)`,
  };
}

function checkTranslation<T>(
  kind: "quiz" | "scenario",
  english: Located<T>,
  variant: Located<T>,
  structure: (data: T) => Pair[],
  problems: Problem[],
) {
  const difference = firstDifference(structure(english.data), structure(variant.data));
  if (difference) {
    say(problems, variant, difference.path, `structure differs from the English ${kind} (${difference.detail})`);
    return;
  }
  const copy = untranslatedCopy(proseOf(english.data), proseOf(variant.data));
  if (copy) say(problems, variant, copy.at, copy.message);
}

function checkQuizTranslation(english: Located<QuizFile>, variant: Located<QuizFile>, problems: Problem[]) {
  const ruleDiff = firstDifference(quizRules(english.data), quizRules(variant.data));
  if (ruleDiff) {
    say(
      problems,
      variant,
      ruleDiff.path,
      `final, passMark, maxAttempts, waitMinutes, shuffle, draw and review must be the same as in the English quiz (${ruleDiff.detail})`,
    );
  }
  const ids = (q: QuizFile) => q.questions.map((question) => question.id).join(", ");
  if (ids(english.data) !== ids(variant.data)) {
    say(
      problems,
      variant,
      ["questions"],
      `question ids differ from the English quiz (English: ${ids(english.data)}; here: ${ids(variant.data)})`,
    );
    return;
  }
  variant.data.questions.forEach((question, i) => {
    const original = english.data.questions[i];
    if (!original) return;
    const at = ["questions", i];
    const where = `question "${question.id}"`;
    if (original.kind !== question.kind) {
      say(problems, variant, [...at, "kind"], `${where}: kind differs from the English quiz`);
      return;
    }
    const options = (q: typeof question) => (q.kind === "ordering" ? q.items : q.options);
    const key = options(question)
      .map((o) => o.id)
      .join();
    if (
      options(original)
        .map((o) => o.id)
        .join() !== key
    ) {
      say(
        problems,
        variant,
        [...at, question.kind === "ordering" ? "items" : "options"],
        `${where}: option ids differ from the English quiz`,
      );
    } else if (question.kind !== "ordering" && original.kind !== "ordering") {
      const j = question.options.findIndex((o, k) => o.correct !== original.options[k]?.correct);
      if (j >= 0)
        say(problems, variant, [...at, "options", j], `${where}: correct answers differ from the English quiz`);
    }
    if ([...question.competencies].sort().join() !== [...original.competencies].sort().join())
      say(problems, variant, [...at, "competencies"], `${where}: competencies differ from the English quiz`);
  });
  if (problems.some((p) => p.file === variant.file)) return;
  const copy = untranslatedCopy(proseOf(english.data), proseOf(variant.data));
  if (copy) say(problems, variant, copy.at, copy.message);
}

function checkCourse(course: CourseEntry, problems: Problem[]) {
  const info = course.course;
  const numbers = new Map<number, string>();
  for (const lesson of course.lessons) {
    const english = lesson.variants.en;
    if (!lesson.hasEnglishFile) {
      for (const variant of Object.values(lesson.variants))
        problems.push({
          file: variant.file,
          line: 1,
          message: `translation without an English lesson "${lesson.slug}"`,
        });
      continue;
    }
    const taken = numbers.get(lesson.order);
    if (taken && english)
      problems.push({
        file: english.file,
        line: 1,
        message: `duplicate lesson number ${String(lesson.order).padStart(2, "0")} (also ${taken})`,
      });
    numbers.set(lesson.order, lesson.slug);
    for (const variant of Object.values(lesson.variants)) {
      if (info && variant.data.level !== info.data.level)
        say(problems, variant, ["level"], `level ${variant.data.level} differs from the course's ${info.data.level}`);
      if (!english || variant === english) continue;
      for (const key of ["minutes", "level"] as const) {
        if (english.data[key] !== variant.data[key])
          say(
            problems,
            variant,
            [key],
            `${key} is ${variant.data[key]} but the English lesson says ${english.data[key]}`,
          );
      }
      if ([...english.data.competencies].sort().join() !== [...variant.data.competencies].sort().join())
        say(problems, variant, ["competencies"], "competencies differ from the English lesson's");
    }
  }
  if (course.lessons.length === 0) problems.push({ file: course.file, line: 1, message: "the course has no lessons" });
  if (info) {
    const translated = new Set<Locale>(course.lessons.flatMap((l) => Object.values(l.variants).map((v) => v.locale)));
    for (const locale of locales) {
      if (locale !== "en" && translated.has(locale) && !info.data.translations[locale])
        say(
          problems,
          info,
          ["translations"],
          `lessons are translated into ${locale}, but the course has no ${locale} title: add translations: ${locale}: { title, summary }`,
        );
    }
  }
  const finals = course.quizzes.filter((quiz) => quiz.variants.en?.data.final);
  const brokenQuiz = course.quizzes.some((quiz) => quiz.hasEnglishFile && !quiz.variants.en);
  if (finals.length === 0 && !brokenQuiz) {
    problems.push({
      file: course.file,
      line: 1,
      message:
        "the course has no final quiz: add quizzes/<id>.yml with final: true (a course completes when its lessons are done and that quiz is passed)",
    });
  }
  for (const extra of finals.slice(1)) {
    const english = extra.variants.en;
    if (english) say(problems, english, ["final"], `more than one final quiz: ${finals.map((q) => q.id).join(", ")}`);
  }
  for (const quiz of course.quizzes) {
    const english = quiz.variants.en;
    for (const variant of Object.values(quiz.variants)) {
      if (variant.locale === "en") continue;
      if (!quiz.hasEnglishFile)
        problems.push({ file: variant.file, line: 1, message: `translation without an English quiz "${quiz.id}"` });
      else if (english) checkQuizTranslation(english, variant, problems);
    }
  }
}

/** Warnings, not problems: a guessable key still works, so it is shown but never fails a build. */
export function warnTree(tree: ContentTree): Problem[] {
  return tree.courses.flatMap((course) =>
    course.quizzes.flatMap((quiz) =>
      Object.values(quiz.variants).flatMap((variant) => keyPatternWarnings(variant, variant.locale === "en")),
    ),
  );
}

export function checkTree(tree: ContentTree): Problem[] {
  const problems: Problem[] = [];
  const courseDirs = new Map<string, string>();
  const quizCourses = new Map<string, string>();
  for (const course of tree.courses) {
    checkCourse(course, problems);
    const other = courseDirs.get(course.slug);
    if (other)
      problems.push({ file: course.file, line: 1, message: `duplicate course slug "${course.slug}" (also ${other})` });
    courseDirs.set(course.slug, course.dir);
    for (const quiz of course.quizzes) {
      const where = quizCourses.get(quiz.id);
      const file = quiz.variants.en?.file ?? `${course.dir}/quizzes/${quiz.id}.yml`;
      if (where) problems.push({ file, line: 1, message: `duplicate quiz id "${quiz.id}" (also in ${where})` });
      quizCourses.set(quiz.id, course.dir);
    }
  }
  for (const scenario of tree.scenarios) {
    const english = scenario.variants.en;
    for (const variant of Object.values(scenario.variants)) {
      if (variant.locale === "en") continue;
      if (!scenario.hasEnglishFile)
        problems.push({
          file: variant.file,
          line: 1,
          message: `translation without an English scenario "${scenario.id}"`,
        });
      else if (english) checkTranslation("scenario", english, variant, scenarioStructure, problems);
    }
  }
  const ladder = tree.ladder;
  if (ladder) {
    const stages = [
      ...ladder.data.levels.map((stage, i) => ({ stage, at: ["levels", i], what: `level ${stage.id}` })),
      ...ladder.data.tracks.map((stage, i) => ({ stage, at: ["tracks", i], what: `track ${stage.id}` })),
    ];
    for (const { stage, at, what } of stages) {
      const { courses, quizzes, scenarios } = stage.requires;
      courses.forEach((id, i) => {
        if (!tree.present.courses.has(id))
          say(
            problems,
            ladder,
            [...at, "requires", "courses", i],
            `${what} requires the course "${id}", which does not exist`,
          );
      });
      quizzes.forEach((q, i) => {
        if (!tree.present.quizzes.has(q.id))
          say(
            problems,
            ladder,
            [...at, "requires", "quizzes", i],
            `${what} requires the quiz "${q.id}", which does not exist`,
          );
      });
      scenarios.forEach((s, i) => {
        if (!tree.present.scenarios.has(s.id))
          say(
            problems,
            ladder,
            [...at, "requires", "scenarios", i],
            `${what} requires the scenario "${s.id}", which does not exist`,
          );
      });
    }
  }
  checkGatingBanks(tree, problems);
  return problems;
}

/**
 * A final quiz that a level needs (itself, or through its course) draws each attempt from a
 * bank at least twice as long, so a retake asks mostly other questions.
 */
function checkGatingBanks(tree: ContentTree, problems: Problem[]) {
  const ladder = tree.ladder?.data;
  if (!ladder) return;
  const gates = new Map<string, string>();
  for (const stage of [...ladder.levels, ...ladder.tracks]) {
    for (const q of stage.requires.quizzes) if (!gates.has(q.id)) gates.set(q.id, stage.id);
    for (const slug of stage.requires.courses) {
      const final = tree.courses.find((c) => c.slug === slug)?.quizzes.find((q) => q.variants.en?.data.final);
      if (final && !gates.has(final.id)) gates.set(final.id, stage.id);
    }
  }
  for (const course of tree.courses) {
    for (const quiz of course.quizzes) {
      const english = quiz.variants.en;
      const stage = gates.get(quiz.id);
      if (!english || !stage || !english.data.final) continue;
      const bank = english.data.questions.length;
      const spec = english.data.draw;
      const asked = !spec ? bank : "count" in spec ? spec.count : spec.pools.reduce((sum, p) => sum + p.count, 0);
      if (asked * 2 <= bank) continue;
      say(
        problems,
        english,
        spec ? ["draw"] : ["final"],
        `this final gates ${stage}, so each attempt draws from a bank at least twice its length: it asks ${asked} of ${bank} questions (add questions, or draw: { count: ${Math.floor(bank / 2)} })`,
      );
    }
  }
}
