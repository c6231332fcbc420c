import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { root } from "#tests/setup/paths.ts";
import { checkContent } from "./check.server.ts";

const fixture = path.join(root, "tests/fixtures/content/valid");
const made: string[] = [];

/** A copy of the valid fixture with one thing broken. */
function broken(edit: (dir: string) => void) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "rapport-content-"));
  made.push(dir);
  cpSync(fixture, dir, { recursive: true });
  edit(dir);
  return dir;
}

function replaceIn(file: string, from: string | RegExp, to: string) {
  const text = readFileSync(file, "utf8");
  const next = text.replace(from, to);
  if (next === text) throw new Error(`fixture edit did nothing in ${file}`);
  writeFileSync(file, next);
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const lines = async (dir: string) => (await checkContent(dir)).map((p) => `${p.file}:${p.line}: ${p.message}`);

describe("content:check", () => {
  test("the valid fixture is clean", async () => {
    expect(await lines(fixture)).toEqual([]);
  });

  test("the real courses/ folder is clean", async () => {
    expect(await lines(path.join(root, "courses"))).toEqual([]);
  }, 60_000);

  test.each([
    [
      "missing frontmatter",
      (d: string) => replaceIn(path.join(d, "02-advanced/01-deep.mdx"), /^---[\s\S]*?---\n/, ""),
      "02-advanced/01-deep.mdx:1: missing frontmatter: start the file with --- title, summary, minutes, level, competencies ---",
    ],
    [
      "a missing title",
      (d: string) => replaceIn(path.join(d, "01-basics/02-second.mdx"), "title: Second lesson\n", ""),
      '01-basics/02-second.mdx:2: missing "title"',
    ],
    [
      "bad minutes",
      (d: string) => replaceIn(path.join(d, "01-basics/02-second.mdx"), "minutes: 7", "minutes: soon"),
      "01-basics/02-second.mdx:4: minutes must be a whole number from 1 to 120",
    ],
    [
      "an unknown competency",
      (d: string) => replaceIn(path.join(d, "01-basics/02-second.mdx"), "[empathy]", "[empathy, charisma]"),
      '01-basics/02-second.mdx:6: unknown competency "charisma"',
    ],
    [
      "an unknown level in a course",
      (d: string) => replaceIn(path.join(d, "02-advanced/course.yml"), "level: L2", "level: L7"),
      '02-advanced/course.yml:3: unknown level "L7"',
    ],
    [
      "invalid YAML",
      (d: string) =>
        replaceIn(path.join(d, "02-advanced/course.yml"), "summary: The next level.", "summary: [unclosed"),
      "02-advanced/course.yml:3: course.yml is not valid YAML",
    ],
    [
      "a broken link between lessons",
      (d: string) =>
        replaceIn(path.join(d, "02-advanced/01-deep.mdx"), "/courses/basics/first", "/courses/basics/fourth"),
      "02-advanced/01-deep.mdx:11: broken link to /courses/basics/fourth",
    ],
    [
      "a duplicate course slug",
      (d: string) => cpSync(path.join(d, "02-advanced"), path.join(d, "03-advanced"), { recursive: true }),
      '03-advanced/course.yml:1: duplicate course slug "advanced" (also 02-advanced)',
    ],
    [
      "a duplicate lesson number",
      (d: string) =>
        writeFileSync(path.join(d, "01-basics/02-again.mdx"), readFileSync(path.join(d, "01-basics/02-second.mdx"))),
      "01-basics/02-second.mdx:1: duplicate lesson number 02 (also again)",
    ],
    [
      "a locale variant with another structure",
      (d: string) => replaceIn(path.join(d, "01-basics/01-first.uk.mdx"), "## До побачення", "### До побачення"),
      "01-basics/01-first.uk.mdx:17: structure differs from the English lesson: expected a ## heading (English line 17), found a ### heading",
    ],
    [
      "a locale variant missing a component",
      (d: string) => replaceIn(path.join(d, "01-basics/01-first.uk.mdx"), /<SayThis[^\n]*\n/, ""),
      "01-basics/01-first.uk.mdx:17: structure differs from the English lesson: expected <SayThis> (English line 19), found the end of the file",
    ],
    [
      "a locale variant with other minutes",
      (d: string) => replaceIn(path.join(d, "01-basics/01-first.uk.mdx"), "minutes: 5", "minutes: 6"),
      "01-basics/01-first.uk.mdx:4: minutes is 6 but the English lesson says 5",
    ],
    [
      "a translation of no lesson",
      (d: string) =>
        writeFileSync(path.join(d, "01-basics/03-ghost.es.mdx"), readFileSync(path.join(d, "01-basics/02-second.mdx"))),
      '01-basics/03-ghost.es.mdx:1: translation without an English lesson "ghost"',
    ],
    [
      "an unknown locale",
      (d: string) =>
        writeFileSync(
          path.join(d, "01-basics/02-second.fr.mdx"),
          readFileSync(path.join(d, "01-basics/02-second.mdx")),
        ),
      '01-basics/02-second.fr.mdx:1: unknown locale "fr"',
    ],
    [
      "an unknown component",
      (d: string) =>
        replaceIn(
          path.join(d, "01-basics/02-second.mdx"),
          "## Only section",
          "## Only section\n\n<Marquee>hi</Marquee>",
        ),
      "01-basics/02-second.mdx:11: unknown component <Marquee>",
    ],
    [
      "MDX that does not compile",
      (d: string) => replaceIn(path.join(d, "01-basics/02-second.mdx"), "</Term>", ""),
      "01-basics/02-second.mdx:11: MDX does not compile: Expected a closing tag for `<Term>`",
    ],
    [
      "a level that differs from the course",
      (d: string) => replaceIn(path.join(d, "01-basics/02-second.mdx"), "level: L1", "level: L2"),
      "01-basics/02-second.mdx:5: level L2 differs from the course's L1",
    ],
    [
      "a single-choice question with two correct options",
      (d: string) =>
        replaceIn(
          path.join(d, "01-basics/quizzes/basics-final.yml"),
          '{ id: a, text: "Dear customer.", feedback',
          '{ id: a, text: "Dear customer.", correct: true, feedback',
        ),
      '01-basics/quizzes/basics-final.yml:10: question "opening": a single question needs exactly one correct option (has 2)',
    ],
    [
      "a question without a correct answer",
      (d: string) =>
        replaceIn(
          path.join(d, "01-basics/quizzes/basics-final.yml"),
          "{ id: b, text: \"I'm sorry for the wait, I'll check now.\", correct: true,",
          "{ id: b, text: \"I'm sorry for the wait, I'll check now.\",",
        ),
      '01-basics/quizzes/basics-final.yml:47: question "refund": a best-response question needs exactly one correct option (has 0)',
    ],
    [
      "an unknown competency in a quiz",
      (d: string) =>
        replaceIn(
          path.join(d, "01-basics/quizzes/basics-final.yml"),
          "competencies: [communication, empathy]",
          "competencies: [communication, telepathy]",
        ),
      '01-basics/quizzes/basics-final.yml:21: question "parts": unknown competency "telepathy"',
    ],
    [
      "a duplicate question id",
      (d: string) => replaceIn(path.join(d, "01-basics/quizzes/basics-final.yml"), "  - id: caps", "  - id: parts"),
      '01-basics/quizzes/basics-final.yml:29: duplicate question id "parts"',
    ],
    [
      "a duplicate quiz id in two courses",
      (d: string) => {
        mkdirSync(path.join(d, "02-advanced/quizzes"), { recursive: true });
        cpSync(
          path.join(d, "01-basics/quizzes/basics-final.yml"),
          path.join(d, "02-advanced/quizzes/basics-final.yml"),
        );
      },
      '02-advanced/quizzes/basics-final.yml:1: duplicate quiz id "basics-final" (also in 01-basics)',
    ],
    [
      "a translation whose correct answer differs",
      (d: string) =>
        replaceIn(
          path.join(d, "01-basics/quizzes/basics-final.uk.yml"),
          '{ id: "true", feedback',
          '{ id: "true", correct: true, feedback',
        ),
      "01-basics/quizzes/basics-final.uk.yml:",
    ],
    [
      "a translation whose question ids differ",
      (d: string) =>
        replaceIn(path.join(d, "01-basics/quizzes/basics-final.uk.yml"), "  - id: steps", "  - id: sequence"),
      "01-basics/quizzes/basics-final.uk.yml:9: question ids differ from the English quiz",
    ],
    [
      "a lesson naming a quiz that does not exist",
      (d: string) =>
        replaceIn(
          path.join(d, "01-basics/02-second.mdx"),
          "## Only section",
          '## Only section\n\n<Quiz id="no-such-quiz" />',
        ),
      '01-basics/02-second.mdx:11: <Quiz id="no-such-quiz" /> names no quiz',
    ],
    [
      "an unreachable scenario step",
      (d: string) => replaceIn(path.join(d, "scenarios/fixture-chat.yml"), "next: angry }", "next: checking }"),
      'scenarios/fixture-chat.yml:44: step "angry" cannot be reached from "opening"',
    ],
    [
      "an unknown next step",
      (d: string) =>
        replaceIn(
          path.join(d, "scenarios/fixture-chat.yml"),
          'next: checking }\n      - { id: b, text: "Calm',
          'next: nowhere }\n      - { id: b, text: "Calm',
        ),
      'scenarios/fixture-chat.yml:42: step "opening", reply "a": unknown next step "nowhere"',
    ],
    [
      "a step with no way out",
      (d: string) =>
        replaceIn(
          path.join(d, "scenarios/fixture-chat.yml"),
          / {4}freeText:\n {6}prompt: "Tell her what happens next and when."\n[\s\S]*?(?= {2}- id: thanks)/,
          "",
        ),
      'scenarios/fixture-chat.yml:49: step "checking" needs exactly one of replies, freeText, end or endings (has none): a step with no way out',
    ],
    [
      "a loop that never ends",
      (d: string) => {
        const file = path.join(d, "scenarios/fixture-chat.yml");
        replaceIn(
          file,
          '    end: { resolved: false, outcome: "She cancels." }',
          '    freeText: { prompt: "Try again.", next: lost }',
        );
      },
      'scenarios/fixture-chat.yml:63: step "lost" has no way out: no path from it reaches an end',
    ],
    [
      "a required action that cannot be done",
      (d: string) => replaceIn(path.join(d, "scenarios/fixture-chat.yml"), "value: logistics", "value: marketing"),
      'scenarios/fixture-chat.yml:36: required action "to-logistics" cannot be done: "marketing" is not a possible escalate value',
    ],
    [
      "an unknown article",
      (d: string) => replaceIn(path.join(d, "scenarios/fixture-chat.yml"), "value: late-orders", "value: lost-parcels"),
      'scenarios/fixture-chat.yml:35: required action "link-late" cannot be done: "lost-parcels" is not a possible link-article value',
    ],
    [
      "a scenario translation with another structure",
      (d: string) =>
        replaceIn(
          path.join(d, "scenarios/fixture-chat.pt-BR.yml"),
          'mood: -2, competencies: { empathy: -1 }, feedback: "Worse."',
          'mood: -1, competencies: { empathy: -1 }, feedback: "Worse."',
        ),
      "scenarios/fixture-chat.pt-BR.yml:48: structure differs from the English scenario (steps.1.replies.1.mood: -2 in English, -1 here)",
    ],
    [
      "a private (direct-message) step outside a social scenario",
      (d: string) =>
        replaceIn(
          path.join(d, "scenarios/fixture-chat.yml"),
          '  - id: angry\n    customer: "excuse me??"',
          '  - id: angry\n    private: true\n    customer: "excuse me??"',
        ),
      'scenarios/fixture-chat.yml:45: step "angry": private is true or false, and only social scenarios have it',
    ],
    [
      "a ladder level requiring a quiz that does not exist",
      (d: string) =>
        replaceIn(path.join(d, "ladder.yml"), "id: basics-final, minScore: 80", "id: no-such-quiz, minScore: 80"),
      'ladder.yml:7: level L1 requires the quiz "no-such-quiz", which does not exist',
    ],
    [
      "a ladder track starting from a level that does not exist",
      (d: string) => replaceIn(path.join(d, "ladder.yml"), "    from: L2", "    from: L9"),
      'ladder.yml:31: track "quality-assurance": unknown level "L9"',
    ],
    [
      "a lesson linking to a scenario that does not exist",
      (d: string) =>
        replaceIn(
          path.join(d, "01-basics/02-second.mdx"),
          "## Only section",
          '## Only section\n\n<ScenarioLink id="no-such-scenario" />',
        ),
      '01-basics/02-second.mdx:11: <ScenarioLink id="no-such-scenario" /> names no scenario',
    ],
  ])("catches %s", async (_name, edit, expected) => {
    const found = await lines(broken(edit));
    expect(
      found.some((line) => line.startsWith(expected)),
      `expected a line starting with:\n${expected}\ngot:\n${found.join("\n")}`,
    ).toBe(true);
  });

  // Each mistake is one problem at its own line, with nothing cascading from it.
  test.each([
    [
      "a step named like the start of an article id (late / late-orders)",
      (d: string) => {
        const file = path.join(d, "scenarios/fixture-chat.yml");
        replaceIn(file, "next: when-then }", "next: thanks }");
        replaceIn(file, "  - id: when-then\n", "  - id: late\n");
      },
      ['scenarios/fixture-chat.yml:66: step "late" cannot be reached from "opening"'],
    ],
    [
      "a typo in one next: (no unreachable step or dead end follows from it)",
      (d: string) => replaceIn(path.join(d, "scenarios/fixture-chat.yml"), "next: thanks\n", "next: thank\n"),
      ['scenarios/fixture-chat.yml:53: step "checking": unknown next step "thank"'],
    ],
    [
      "a misspelt key (one problem, not an unknown key and a missing one)",
      (d: string) => replaceIn(path.join(d, "01-basics/quizzes/basics-final.yml"), "passMark: 70", "pasMark: 70"),
      ['01-basics/quizzes/basics-final.yml:4: unknown key "pasMark": did you mean "passMark"?'],
    ],
    [
      "<Quiz id='…' /> with single quotes",
      (d: string) =>
        replaceIn(
          path.join(d, "01-basics/02-second.mdx"),
          "## Only section",
          "## Only section\n\n<Quiz id='no-such-quiz' />",
        ),
      ['01-basics/02-second.mdx:11: <Quiz id="no-such-quiz" /> names no quiz in courses/*/quizzes/'],
    ],
    [
      "a <Quiz> whose id is on its own line",
      (d: string) =>
        replaceIn(
          path.join(d, "01-basics/02-second.mdx"),
          "## Only section",
          '## Only section\n\nText.\n\n<Quiz\n  id="no-such-quiz"\n/>',
        ),
      ['01-basics/02-second.mdx:13: <Quiz id="no-such-quiz" /> names no quiz in courses/*/quizzes/'],
    ],
    [
      "a <Quiz> inside a code example (not checked: it is text)",
      (d: string) =>
        replaceIn(
          path.join(d, "01-basics/02-second.mdx"),
          "## Only section",
          '## Only section\n\n```mdx\n<Quiz id="no-such-quiz" />\n```',
        ),
      [],
    ],
    [
      "an English lesson copied into a translation",
      (d: string) => cpSync(path.join(d, "01-basics/01-first.mdx"), path.join(d, "01-basics/01-first.uk.mdx")),
      [
        "01-basics/01-first.uk.mdx:11: untranslated: 1 of 1 paragraphs are the English ones word for word (the first is here)",
      ],
    ],
    [
      "a quiz translation that kept the English texts",
      (d: string) =>
        writeFileSync(
          path.join(d, "01-basics/quizzes/basics-final.uk.yml"),
          readFileSync(path.join(d, "01-basics/quizzes/basics-final.yml"), "utf8"),
        ),
      [
        "01-basics/quizzes/basics-final.uk.yml:13: untranslated: 18 of 18 texts are the English ones word for word (the first is here)",
      ],
    ],
    [
      "an unknown Callout kind",
      (d: string) => replaceIn(path.join(d, "01-basics/01-first.mdx"), 'kind="tip"', 'kind="hint"'),
      ['01-basics/01-first.mdx:13: unknown Callout kind "hint" (use tip, warning, policy)'],
    ],
    [
      "a course without a final quiz",
      (d: string) => {
        replaceIn(path.join(d, "02-advanced/quizzes/advanced-final.yml"), "final: true", "final: false");
      },
      [
        "02-advanced/course.yml:1: the course has no final quiz: add quizzes/<id>.yml with final: true (a course completes when its lessons are done and that quiz is passed)",
      ],
    ],
    [
      "a course translation without a title",
      (d: string) => replaceIn(path.join(d, "01-basics/course.yml"), "uk: { title: Основи, ", "uk: { "),
      ['01-basics/course.yml:6: missing "title"'],
    ],
    [
      "lessons in a language the course has no title in",
      (d: string) => replaceIn(path.join(d, "01-basics/course.yml"), /translations:\n.*\n/, ""),
      [
        "01-basics/course.yml:1: lessons are translated into uk, but the course has no uk title: add translations: uk: { title, summary }",
      ],
    ],
    [
      "a ladder title missing a language",
      (d: string) => replaceIn(path.join(d, "ladder.yml"), ', uk: "Фахівець" }', " }"),
      ['ladder.yml:3: level "L1": the title needs uk'],
    ],
    [
      "a ladder minScore written as a fraction",
      (d: string) => replaceIn(path.join(d, "ladder.yml"), "minScore: 80", "minScore: 0.8"),
      ["ladder.yml:7: minScore 0.8 looks like a fraction: scores are percentages, write 80"],
    ],
    [
      "a ladder minRubric outside its scale",
      (d: string) => replaceIn(path.join(d, "ladder.yml"), "minRubric: 3", "minRubric: 30"),
      ['ladder.yml:9: level "L1": minRubric is a mean rubric level from 1 to 4'],
    ],
    [
      "a scenario without a failing ending (its translation keeps the English structure)",
      (d: string) => {
        for (const file of ["fixture-chat.yml", "fixture-chat.pt-BR.yml"]) {
          replaceIn(path.join(d, "scenarios", file), "end: { resolved: false", "end: { resolved: true");
          replaceIn(path.join(d, "scenarios", file), "id: forgotten, resolved: false", "id: forgotten, resolved: true");
        }
      },
      ["scenarios/fixture-chat.yml:38: a scenario needs a path that goes wrong: an ending with resolved: false"],
    ],
    [
      "required actions that contradict each other",
      (d: string) => {
        for (const file of ["fixture-chat.yml", "fixture-chat.pt-BR.yml"])
          replaceIn(
            path.join(d, "scenarios", file),
            "  - { id: link-late,",
            '  - { id: set-low, type: set-priority, value: low, label: "Set priority to Low" }\n  - { id: link-late,',
          );
      },
      [
        'scenarios/fixture-chat.yml:35: required action "set-low" contradicts required action "set-high": the ticket cannot end with both set-priority high and low',
      ],
    ],
    [
      "a bare < in prose, at its own line",
      (d: string) =>
        replaceIn(
          path.join(d, "01-basics/02-second.mdx"),
          "## Only section",
          "## Only section\n\nReplies in <3 minutes feel instant.",
        ),
      [
        "01-basics/02-second.mdx:11: MDX does not compile: Unexpected character `3` (U+0033) before name, expected a character that can start a name, such as a letter, `$`, or `_`",
      ],
    ],
    [
      "a course.yml that is not YAML (its lessons' links still count as there)",
      (d: string) =>
        replaceIn(path.join(d, "02-advanced/course.yml"), "summary: The next level.", "summary: [unclosed"),
      [
        "02-advanced/course.yml:3: course.yml is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
      ],
    ],
    [
      "a malformed quiz file",
      (d: string) =>
        writeFileSync(path.join(d, "01-basics/quizzes/basics-final.yml"), "id: basics-final\ntitle: [\n  - oops: {\n"),
      [
        "01-basics/quizzes/basics-final.yml:4: basics-final.yml is not valid YAML: Flow map in block collection must be sufficiently indented and end with a }",
      ],
    ],
    [
      "an empty course.yml",
      (d: string) => writeFileSync(path.join(d, "02-advanced/course.yml"), ""),
      ["02-advanced/course.yml:1: the file is empty: write a course (course.yml) here"],
    ],
    [
      "an empty lesson",
      (d: string) => writeFileSync(path.join(d, "02-advanced/02-empty.mdx"), "\n"),
      [
        "02-advanced/02-empty.mdx:1: the file is empty: start it with --- title, summary, minutes, level, competencies ---",
      ],
    ],
    [
      "a quiz put in the scenarios folder",
      (d: string) =>
        cpSync(path.join(d, "02-advanced/quizzes/advanced-final.yml"), path.join(d, "scenarios/advanced-final.yml")),
      [
        "scenarios/advanced-final.yml:1: this looks like a quiz (courses/<course>/quizzes/), not a scenario (courses/scenarios/): move it where it belongs",
      ],
    ],
    [
      "a scenario put in a course's quizzes folder",
      (d: string) =>
        cpSync(path.join(d, "scenarios/fixture-chat.yml"), path.join(d, "02-advanced/quizzes/fixture-chat.yml")),
      [
        "02-advanced/quizzes/fixture-chat.yml:1: this looks like a scenario (courses/scenarios/), not a quiz (courses/<course>/quizzes/): move it where it belongs",
      ],
    ],
    [
      "a 5 MB lesson",
      (d: string) => {
        const frontmatter =
          "---\ntitle: Huge\nsummary: Too big.\nminutes: 5\nlevel: L2\ncompetencies: [records]\n---\n\n";
        writeFileSync(path.join(d, "02-advanced/02-huge.mdx"), frontmatter + "Words and more words. ".repeat(240_000));
      },
      ["02-advanced/02-huge.mdx:1: the file is 5.0 MB; at most 200 KB is read: split it"],
    ],
    [
      "a bank that draws more questions than it holds",
      (d: string) => {
        replaceIn(path.join(d, "01-basics/quizzes/basics-final.yml"), "draw: { count: 2 }", "draw: { count: 9 }");
        replaceIn(path.join(d, "01-basics/quizzes/basics-final.uk.yml"), "draw: { count: 2 }", "draw: { count: 9 }");
      },
      ["01-basics/quizzes/basics-final.yml:8: draw.count is 9, but the quiz has only 5 questions"],
    ],
    [
      "a final that gates a level without a bank twice its length",
      (d: string) => {
        replaceIn(path.join(d, "01-basics/quizzes/basics-final.yml"), "draw: { count: 2 }", "draw: { count: 3 }");
        replaceIn(path.join(d, "01-basics/quizzes/basics-final.uk.yml"), "draw: { count: 2 }", "draw: { count: 3 }");
      },
      [
        "01-basics/quizzes/basics-final.yml:8: this final gates L1, so each attempt draws from a bank at least twice its length: it asks 3 of 5 questions (add questions, or draw: { count: 2 })",
      ],
    ],
    [
      "a final that gates a level with no bank at all",
      (d: string) => {
        replaceIn(path.join(d, "01-basics/quizzes/basics-final.yml"), "draw: { count: 2 }\n", "");
        replaceIn(path.join(d, "01-basics/quizzes/basics-final.uk.yml"), "draw: { count: 2 }\n", "");
      },
      [
        "01-basics/quizzes/basics-final.yml:3: this final gates L1, so each attempt draws from a bank at least twice its length: it asks 5 of 5 questions (add questions, or draw: { count: 2 })",
      ],
    ],
    [
      "pools that leave a question out, share one, name an unknown one and overdraw",
      (d: string) => {
        const pools =
          "draw:\n  pools:\n    - { competency: communication, count: 1 }\n    - { questions: [opening, nothing], count: 1 }\n    - { questions: [steps], count: 2 }";
        replaceIn(path.join(d, "01-basics/quizzes/basics-final.yml"), "draw: { count: 2 }", pools);
        replaceIn(path.join(d, "01-basics/quizzes/basics-final.uk.yml"), "draw: { count: 2 }", pools);
      },
      [
        "01-basics/quizzes/basics-final.yml:9: in no pool, so never asked: refund (a pool takes questions by their first competency or by name)",
        '01-basics/quizzes/basics-final.yml:11: draw.pools: no question "nothing" in this quiz',
        '01-basics/quizzes/basics-final.yml:11: question "opening" is in pools 1 and 2: a question belongs to one pool',
        "01-basics/quizzes/basics-final.yml:12: pool 3 draws 2 but holds 1 question",
      ],
    ],
    [
      "a translation that draws differently from the English quiz",
      (d: string) =>
        replaceIn(path.join(d, "01-basics/quizzes/basics-final.uk.yml"), "draw: { count: 2 }", "draw: { count: 1 }"),
      [
        '01-basics/quizzes/basics-final.uk.yml:8: final, passMark, maxAttempts, waitMinutes, shuffle, draw and review must be the same as in the English quiz (draw: {"count":2,"per":"competency"} in English, {"count":1,"per":"competency"} here)',
      ],
    ],
    [
      "a review that opens after the last attempt of a quiz without a limit",
      (d: string) =>
        replaceIn(
          path.join(d, "02-advanced/quizzes/advanced-final.yml"),
          "passMark: 70",
          "passMark: 70\nreview: { answers: after-last-attempt }",
        ),
      [
        "02-advanced/quizzes/advanced-final.yml:5: review.answers: after-last-attempt never comes without maxAttempts; set maxAttempts or choose another time",
      ],
    ],
    [
      "a review whose feedback would give away answers it still hides",
      (d: string) =>
        replaceIn(
          path.join(d, "02-advanced/quizzes/advanced-final.yml"),
          "passMark: 70",
          "passMark: 70\nreview: { answers: after-pass, feedback: always }",
        ),
      [
        "02-advanced/quizzes/advanced-final.yml:5: review.feedback (always) would show what review.answers (after-pass) still hides: feedback gives answers away, so show it no sooner",
      ],
    ],
    [
      "a list of waits with a wrong one",
      (d: string) =>
        replaceIn(
          path.join(d, "02-advanced/quizzes/advanced-final.yml"),
          "passMark: 70",
          "passMark: 70\nwaitMinutes: [10, soon]",
        ),
      [
        "02-advanced/quizzes/advanced-final.yml:5: waitMinutes must be a whole number of minutes or a list of them, e.g. [10, 60, 1440]",
      ],
    ],
  ])("reports %s as exactly its own problem", async (_name, edit, expected) => {
    expect(await lines(broken(edit))).toEqual(expected);
  });

  // Scenario format 2: conditions, branches, endings, difficulty, several conversations.
  const chat = (d: string) => path.join(d, "scenarios/fixture-chat.yml");
  const multi = (d: string) => path.join(d, "scenarios/fixture-multi.yml");
  /** The same edit in the English file and its translation, so only the rule under test speaks. */
  const both = (d: string, from: string, to: string) => {
    for (const file of ["fixture-chat.yml", "fixture-chat.pt-BR.yml"])
      replaceIn(path.join(d, "scenarios", file), from, to);
  };
  test.each([
    [
      "a misspelt problem in a condition",
      (d: string) => replaceIn(chat(d), "{ when: { reply: no-next-step }", "{ when: { reply: no-next-stp }"),
      [
        'scenarios/fixture-chat.yml:56: step "checking", branch 2: unknown problem "no-next-stp": did you mean "no-next-step"? (known: rude, blame, banned, shouting, no-greeting, no-name, no-empathy, no-apology, no-next-step, no-closing, long-sentences)',
      ],
    ],
    [
      "a condition that is not a mapping",
      (d: string) =>
        replaceIn(
          chat(d),
          "{ when: { reply: no-next-step }, next: when-then }",
          "{ when: no-next-step, next: when-then }",
        ),
      [
        'scenarios/fixture-chat.yml:56: step "checking", branch 2: when is a mapping, such as { reply: rude } or { done: [to-billing], never: rude }',
      ],
    ],
    [
      "reply: on a reply the trainee chooses",
      (d: string) =>
        replaceIn(
          chat(d),
          'feedback: "Good.", next: checking }',
          'feedback: "Good.", next: checking, branches: [{ when: { reply: rude }, next: angry }] }',
        ),
      [
        'scenarios/fixture-chat.yml:42: step "opening", reply "a", branch 1: reply: looks at a free-text reply; here the trainee chooses a reply (use done, missed, escalated, ever or never)',
      ],
    ],
    [
      "a condition naming a required action that does not exist",
      (d: string) =>
        replaceIn(chat(d), "done: [set-high, to-logistics], never", "done: [set-high, to-logistic], never"),
      [
        'scenarios/fixture-chat.yml:60: step "thanks", ending "reshipped": done names no required action "to-logistic" (known: set-high, link-late, to-logistics)',
      ],
    ],
    [
      "a condition naming a team that is not an escalation target",
      (d: string) => replaceIn(chat(d), "{ when: { reply: no-next-step }", "{ when: { escalated: marketing }"),
      [
        'scenarios/fixture-chat.yml:56: step "checking", branch 2: escalated names no team "marketing" (teams: tier-2, logistics)',
      ],
    ],
    [
      "a last ending with a when",
      (d: string) =>
        both(d, "{ id: forgotten, resolved: false", "{ id: forgotten, when: { missed: set-high }, resolved: false"),
      [
        'scenarios/fixture-chat.yml:62: step "thanks": the last ending ("forgotten") has no when: it is what happens when none before it holds',
      ],
    ],
    [
      "an ending the ones before it always take first",
      (d: string) =>
        both(
          d,
          "when: { done: to-logistics }, resolved: true",
          "when: { done: [to-logistics, set-high], never: rude }, resolved: true",
        ),
      [
        'scenarios/fixture-chat.yml:61: step "thanks": ending "reshipped-late" can never happen: the endings before it cover every case it covers',
      ],
    ],
    [
      "a branch the ones before it always take first",
      (d: string) =>
        both(
          d,
          "        - { when: { reply: no-next-step }, next: when-then }\n",
          "        - { when: { reply: no-next-step }, next: when-then }\n        - { when: { reply: banned }, next: lost }\n",
        ),
      [
        'scenarios/fixture-chat.yml:57: step "checking", branch 3 can never be taken: the branches before it cover every case it covers',
      ],
    ],
    [
      "a scenario with one resolved ending",
      (d: string) =>
        both(
          d,
          "id: reshipped-late, when: { done: to-logistics }, resolved: true",
          "id: reshipped-late, when: { done: to-logistics }, resolved: false",
        ),
      [
        "scenarios/fixture-chat.yml:38: a scenario needs at least two endings with resolved: true (a good one and a lesser one), besides the one that goes wrong",
      ],
    ],
    [
      "a rude path to the best ending",
      (d: string) => both(d, "done: [set-high, to-logistics], never: rude }", "done: [set-high, to-logistics] }"),
      [
        'scenarios/fixture-chat.yml:60: a rude reply (blame, a banned phrase or shouting) at step "checking" can still end in the best ending "reshipped": add never: rude to its when, or branch rude replies away',
      ],
    ],
    [
      "a resolved ending after a rude reply with no help-desk work",
      (d: string) => both(d, "when: { done: to-logistics }, resolved: true", "when: { never: banned }, resolved: true"),
      [
        'scenarios/fixture-chat.yml:61: a rude reply at step "checking" with no help-desk work done can still end in "reshipped-late", which is resolved: require the work (done: …) or add never: rude',
      ],
    ],
    [
      "a walkout to a step that can end resolved",
      (d: string) => both(d, "start: opening\n", "walkout: thanks\nstart: opening\n"),
      [
        'scenarios/fixture-chat.yml:37: walkout names step "thanks", which can end resolved: a customer who walks out has not been helped',
      ],
    ],
    [
      "a difficulty outside its scale",
      (d: string) => both(d, "start: opening\n", "difficulty: { hard: { patience: 9 } }\nstart: opening\n"),
      ["scenarios/fixture-chat.yml:37: patience must be a whole number from 0 to 5"],
    ],
    [
      "a translation whose branch differs",
      (d: string) =>
        replaceIn(
          path.join(d, "scenarios/fixture-chat.pt-BR.yml"),
          "{ when: { reply: rude }, mood: -2,",
          "{ when: { reply: rude }, mood: -1,",
        ),
      [
        'scenarios/fixture-chat.pt-BR.yml:55: structure differs from the English scenario (steps.2.freeText.branches.0: [{"reply":["rude"]},-2,"offended"] in English, [{"reply":["rude"]},-1,"offended"] here)',
      ],
    ],
    [
      "customer keys at the top level beside conversations",
      (d: string) => replaceIn(multi(d), "conversations:\n", "start: ana-opening\nconversations:\n"),
      ["scenarios/fixture-multi.yml:21: start belongs inside each conversation when the scenario has conversations:"],
    ],
    [
      "a step id used in two conversations",
      (d: string) => {
        const text = readFileSync(multi(d), "utf8");
        writeFileSync(multi(d), text.replaceAll("ben-lost", "ana-lost"));
      },
      [
        'scenarios/fixture-multi.yml:86: step ids must be unique in the file ("ana-lost" is also a step of conversation "ana")',
      ],
    ],
    [
      "a ladder requirement with an unknown difficulty",
      (d: string) => replaceIn(path.join(d, "ladder.yml"), "difficulty: normal }", "difficulty: heroic }"),
      ['ladder.yml:9: level "L1": unknown difficulty "heroic" (use easy, normal, hard)'],
    ],
  ])("reports %s as exactly its own problem", async (_name, edit, expected) => {
    expect(await lines(broken(edit))).toEqual(expected);
  });

  test("the command prints file:line: message and exits non-zero; 0 when clean", async () => {
    const run = promisify(execFile);
    const dir = broken((d) => replaceIn(path.join(d, "01-basics/02-second.mdx"), "[empathy]", "[charisma]"));
    const failure = await run(process.execPath, ["--import", "tsx", "scripts/content-check.ts", dir], {
      cwd: root,
    }).catch((e: { code: number; stderr: string }) => e);
    expect("code" in failure && failure.code).toBe(1);
    expect((failure as { stderr: string }).stderr).toContain(
      `${dir}/01-basics/02-second.mdx:6: unknown competency "charisma"`,
    );
    const clean = await run(process.execPath, ["--import", "tsx", "scripts/content-check.ts", fixture], { cwd: root });
    expect(clean.stdout).toContain("is clean");
  }, 60_000);
});
