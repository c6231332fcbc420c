// Rules on a lesson's body, from the metadata its compile took from the syntax tree:
// components and their attributes, references to quizzes, scenarios and lessons, and a
// translation's structure and words against the English lesson.
import { type LessonMetadata } from "./mdx/metadata.ts";
import { type Problem } from "./problems.ts";
import { type LessonVariant } from "./read.server.ts";
import { untranslatedCopy } from "./rules.server.ts";
import { calloutKinds, mdxComponentNames } from "./vocabulary.ts";

/** What a lesson may point at: the addresses and ids that exist. */
export type Known = { paths: Set<string>; quizzes: Set<string>; scenarios: Set<string> };

const required: Record<string, string[]> = {
  Quiz: ["id"],
  ScenarioLink: ["id"],
  SayThis: ["say", "notThis"],
  Term: ["word"],
};

const describe = (kind: string) => (/^h\d$/.test(kind) ? `a ${"#".repeat(Number(kind[1]))} heading` : kind);

export function checkLessonBody(lesson: LessonVariant, metadata: LessonMetadata, known: Known): Problem[] {
  const problems: Problem[] = [];
  const at = (line: number, message: string) => problems.push({ file: lesson.file, line, message });
  for (const heading of metadata.headings)
    if (heading.depth === 1) at(heading.line, "use ## for sections: the lesson title comes from the frontmatter");
  for (const use of metadata.components) {
    if (!mdxComponentNames.some((name) => name === use.name)) {
      at(use.line, `unknown component <${use.name}> (authors may use ${mdxComponentNames.join(", ")})`);
      continue;
    }
    for (const name of required[use.name] ?? []) {
      if (!(name in use.attributes)) at(use.line, `<${use.name}> needs ${name}="…"`);
      else if (use.attributes[name] === null) at(use.line, `<${use.name}>: write ${name}="…" as plain text, not {…}`);
    }
    const kind = use.attributes.kind;
    if (use.name === "Callout" && kind !== undefined && !calloutKinds.some((k) => k === kind))
      at(use.line, `unknown Callout kind "${kind ?? "{…}"}" (use ${calloutKinds.join(", ")})`);
    const id = use.attributes.id;
    if (use.name === "Quiz" && id && !known.quizzes.has(id))
      at(use.line, `<Quiz id="${id}" /> names no quiz in courses/*/quizzes/`);
    if (use.name === "ScenarioLink" && id && !known.scenarios.has(id))
      at(use.line, `<ScenarioLink id="${id}" /> names no scenario in courses/scenarios/`);
  }
  for (const link of metadata.links) {
    const target = link.url.replace(/[#?].*$/, "").replace(/\/$/, "");
    if (/^\/(courses|quizzes|scenarios)(\/|$)/.test(target) && !known.paths.has(target))
      at(link.line, `broken link to ${target}`);
  }
  return problems;
}

/** A translation keeps the English lesson's headings, components and links in order, in its own words. */
export function checkLessonTranslation(
  english: { lesson: LessonVariant; metadata: LessonMetadata },
  variant: { lesson: LessonVariant; metadata: LessonMetadata },
): Problem[] {
  const file = variant.lesson.file;
  const a = english.metadata.structure;
  const b = variant.metadata.structure;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const want = a[i];
    const got = b[i];
    if (want?.kind === got?.kind) continue;
    const expected = want ? `${describe(want.kind)} (English line ${want.line})` : "nothing more";
    return [
      {
        file,
        line: got?.line ?? b.at(-1)?.line ?? 1,
        message: `structure differs from the English lesson: expected ${expected}, found ${got ? describe(got.kind) : "the end of the file"}`,
      },
    ];
  }
  const prose = (m: LessonMetadata): Array<[number, string]> =>
    m.prose.filter((p) => p.text.length >= 20 && /\s/.test(p.text)).map((p) => [p.line, p.text]);
  const copy = untranslatedCopy(prose(english.metadata), prose(variant.metadata));
  if (copy) return [{ file, line: copy.at, message: copy.message.replace("texts", "paragraphs") }];
  if (english.lesson.data.title === variant.lesson.data.title)
    return [
      {
        file,
        line: variant.lesson.lineAt(["title"]),
        message: "untranslated: the title is the English lesson's title",
      },
    ];
  return [];
}
