// `npm run content:check`: every problem under courses/ as file:line: message.
import { locales } from "#app/utils/i18n.ts";
import { readLadder } from "#app/ladder/content.server.ts";
import { readScenarios } from "#app/scenarios/content.server.ts";
import { compileMdx, MdxCompileError } from "./compile.server.ts";
import { type LessonFile, type Problem, readContentTree } from "./content.server.ts";
import { mdxComponentNames } from "./model.ts";

type Token = { kind: string; line: number };

/** The shape of a lesson body: headings, components and links, in order, with their lines. */
export function bodyTokens(source: string): Token[] {
  const tokens: Token[] = [];
  const lines = source.split(/\r?\n/);
  let inFrontmatter = lines[0] === "---";
  let inFence = false;
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (inFrontmatter) {
      if (index > 0 && line === "---") inFrontmatter = false;
      return;
    }
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) return;
    const heading = /^(#{1,6})\s/.exec(line);
    if (heading) tokens.push({ kind: `h${heading[1]?.length}`, line: lineNo });
    for (const match of line.matchAll(/<([A-Z][A-Za-z0-9]*)/g)) tokens.push({ kind: `<${match[1]}>`, line: lineNo });
    for (const match of line.matchAll(/<Quiz\s+id="([^"]*)"/g)) tokens.push({ kind: `quiz ${match[1]}`, line: lineNo });
    for (const match of line.matchAll(/<ScenarioLink\s+id="([^"]*)"/g)) tokens.push({ kind: `scenario ${match[1]}`, line: lineNo });
    for (const match of line.matchAll(/\]\((\/[^)\s]*)\)/g)) tokens.push({ kind: `link ${match[1]}`, line: lineNo });
  });
  return tokens;
}

function describe(kind: string) {
  return kind.startsWith("h") && kind.length === 2 ? `a ${"#".repeat(Number(kind[1]))} heading` : kind;
}

function checkBody(lesson: LessonFile, paths: Set<string>, ids: { quizzes: Set<string>; scenarios: Set<string> }, problems: Problem[]) {
  for (const token of bodyTokens(lesson.source)) {
    if (token.kind === "h1") {
      problems.push({ file: lesson.file, line: token.line, message: "use ## for sections: the lesson title comes from the frontmatter" });
    } else if (token.kind.startsWith("<")) {
      const name = token.kind.slice(1, -1);
      if (!(mdxComponentNames as readonly string[]).includes(name)) {
        problems.push({ file: lesson.file, line: token.line, message: `unknown component <${name}> (authors may use ${mdxComponentNames.join(", ")})` });
      }
    } else if (token.kind.startsWith("quiz ")) {
      const id = token.kind.slice(5);
      if (!ids.quizzes.has(id)) problems.push({ file: lesson.file, line: token.line, message: `<Quiz id="${id}" /> names no quiz in courses/*/quizzes/` });
    } else if (token.kind.startsWith("scenario ")) {
      const id = token.kind.slice(9);
      if (!ids.scenarios.has(id)) problems.push({ file: lesson.file, line: token.line, message: `<ScenarioLink id="${id}" /> names no scenario in courses/scenarios/` });
    } else if (token.kind.startsWith("link ")) {
      const target = token.kind.slice(5).replace(/[#?].*$/, "").replace(/\/$/, "");
      if ((target.startsWith("/courses") || target.startsWith("/quizzes")) && !paths.has(target)) {
        problems.push({ file: lesson.file, line: token.line, message: `broken link to ${target}` });
      }
    }
  }
}

function checkVariant(english: LessonFile, variant: LessonFile, problems: Problem[]) {
  for (const key of ["minutes", "level"] as const) {
    if (english[key] !== variant[key]) {
      problems.push({ file: variant.file, line: 1, message: `${key} is ${variant[key]} but the English lesson says ${english[key]}` });
    }
  }
  if ([...english.competencies].sort().join() !== [...variant.competencies].sort().join()) {
    problems.push({ file: variant.file, line: 1, message: "competencies differ from the English lesson's" });
  }
  const a = bodyTokens(english.source);
  const b = bodyTokens(variant.source);
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const want = a[i];
    const got = b[i];
    if (want?.kind === got?.kind) continue;
    const line = got?.line ?? b.at(-1)?.line ?? 1;
    const expected = want ? `${describe(want.kind)} (English line ${want.line})` : "nothing more";
    problems.push({
      file: variant.file,
      line,
      message: `structure differs from the English lesson: expected ${expected}, found ${got ? describe(got.kind) : "the end of the file"}`,
    });
    return;
  }
}

export async function checkContent(root: string): Promise<Problem[]> {
  const tree = readContentTree(root);
  const problems = [...tree.problems];
  const paths = new Set<string>();
  const quizIds = new Set(tree.courses.flatMap((course) => course.quizzes.map((quiz) => quiz.id)));
  const scenarioIds = new Set(readScenarios(root, problems).map((scenario) => scenario.id));
  readLadder(root, problems, {
    courses: new Set(tree.courses.map((course) => course.slug)),
    quizzes: quizIds,
    scenarios: scenarioIds,
  });
  for (const course of tree.courses) {
    paths.add(`/courses/${course.slug}`);
    for (const quiz of course.quizzes) paths.add(`/quizzes/${quiz.id}`);
    for (const lesson of course.lessons) paths.add(`/courses/${course.slug}/${lesson.slug}`);
  }
  for (const course of tree.courses) {
    for (const lesson of course.lessons) {
      const english = lesson.variants.en;
      for (const locale of locales) {
        const variant = lesson.variants[locale];
        if (!variant) continue;
        checkBody(variant, paths, { quizzes: quizIds, scenarios: scenarioIds }, problems);
        if (english && variant !== english) checkVariant(english, variant, problems);
        try {
          await compileMdx(variant.source);
        } catch (error) {
          if (!(error instanceof MdxCompileError)) throw error;
          problems.push({ file: variant.file, line: error.line, message: `MDX does not compile: ${error.message}` });
        }
      }
    }
  }
  return problems.sort((x, y) => x.file.localeCompare(y.file) || x.line - y.line);
}

export function formatProblems(problems: Problem[], root: string) {
  return problems.map((p) => `${root}/${p.file}:${p.line}: ${p.message}`).join("\n");
}
