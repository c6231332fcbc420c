import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { fixture, fixtureTopics, removeCopies, withTopics } from "#tests/fixtures/topics.ts";
import { checkContent } from "./check.server.ts";
import { readTree } from "./read.server.ts";
import { readTopics, topicProblems } from "./topics.server.ts";

afterEach(removeCopies);

const change = (from: string, to: string) => {
  if (!fixtureTopics.includes(from)) throw new Error(`not in the fixture topics: ${from}`);
  return fixtureTopics.replace(from, to);
};

const lines = (dir: string) => topicProblems(readTree(dir)).map((p) => `${p.file}:${p.line}: ${p.message}`);

describe("courses/topics.yml", () => {
  test("a topic list whose every reference exists is clean, in content:check too", async () => {
    const dir = withTopics();
    expect(lines(dir)).toEqual([]);
    expect(await checkContent(dir)).toEqual([]);
  });

  test("a content folder without a topic list has nothing to check", () => {
    const read = readTopics(fixture);
    expect(read).toMatchObject({ topics: null, exists: false, problems: [] });
  });

  test.each([
    [
      "a renamed lesson",
      change("      - basics/first", "      - basics/fourth"),
      ['topics.yml:14: topic "empathy": the course "basics" has no lesson "fourth" (renamed or removed?)'],
    ],
    [
      "a course that does not exist",
      change(
        "      - advanced/deep\n    questions:\n      - advanced-final",
        "      - expert/deep\n    questions:\n      - advanced-final",
      ),
      ['topics.yml:25: topic "records": no course "expert" (in expert/deep)'],
    ],
    [
      "a quiz that does not exist",
      change("basics-final#opening", "basics-quiz#opening"),
      ['topics.yml:17: topic "empathy": no quiz "basics-quiz" (in basics-quiz#opening)'],
    ],
    [
      "a question that is not in the quiz",
      change("basics-final#opening", "basics-final#closing"),
      ['topics.yml:17: topic "empathy": the quiz "basics-final" has no question "closing" (renamed or removed?)'],
    ],
    [
      "a scenario that does not exist",
      change("      - fixture-chat", "      - fixture-email"),
      ['topics.yml:19: topic "empathy": no scenario "fixture-email"'],
    ],
    [
      "a topic taught by no lesson",
      change(
        "    lessons:\n      - advanced/deep\n    questions:\n      - advanced-final",
        "    questions:\n      - advanced-final",
      ),
      ['topics.yml:20: topic "records": missing "lessons"'],
    ],
    [
      "a topic assessed by nothing",
      change("    questions:\n      - advanced-final#records\n", "    questions: []\n"),
      [
        'topics.yml:20: topic "records" is assessed by nothing: add questions: [quiz-id#question-id] or scenarios: [scenario-id]',
      ],
    ],
    [
      "a topic whose lesson list is empty",
      change(
        "    lessons:\n      - advanced/deep\n    questions:\n      - advanced-final",
        "    lessons: []\n    questions:\n      - advanced-final",
      ),
      [
        'topics.yml:24: topic "records": a topic needs at least one lesson that teaches it: add lessons: [course/lesson]',
      ],
    ],
    [
      "a misspelt questions key",
      change("    questions:\n      - advanced-final#records", "    questons:\n      - advanced-final#records"),
      ['topics.yml:26: unknown key "questons": did you mean "questions"?'],
    ],
    [
      "a duplicate topic id",
      change("  - id: records", "  - id: empathy"),
      ['topics.yml:20: duplicate topic id "empathy"'],
    ],
    [
      "an unknown group",
      change("    group: kpis", "    group: metrics"),
      ['topics.yml:22: topic "records": unknown group "metrics" (known: skills, kpis)'],
    ],
    [
      "an unknown source",
      change("namedIn: [coord]", "namedIn: [csa]"),
      ['topics.yml:23: topic "records": unknown source "csa" (known: mgr, coord)'],
    ],
    [
      "a topic with no source",
      change("namedIn: [coord]", "namedIn: []"),
      ['topics.yml:23: topic "records": namedIn needs at least one source (an id from sources)'],
    ],
    [
      "a group with no topics",
      change("  - { id: kpis, title: KPIs }", "  - { id: kpis, title: KPIs }\n  - { id: tools, title: Tools }"),
      ['topics.yml:7: group "tools" has no topics: remove it or add one'],
    ],
    [
      "a reference listed twice",
      change("      - basics/first", "      - advanced/deep"),
      ['topics.yml:14: topic "empathy": "advanced/deep" is listed twice'],
    ],
    [
      "a lesson written without its course",
      change("      - basics/first", "      - first"),
      ['topics.yml:14: topic "empathy": lessons are written course/lesson, e.g. "support-role/what-support-does"'],
    ],
    [
      "a question written without its quiz",
      change("basics-final#opening", "opening"),
      [
        'topics.yml:17: topic "empathy": questions are written quiz-id#question-id, e.g. "support-role-final#track-fit"',
      ],
    ],
    [
      "a misspelt key",
      change(
        "    lessons:\n      - advanced/deep\n      - basics/first",
        "    lesons:\n      - advanced/deep\n      - basics/first",
      ),
      ['topics.yml:12: unknown key "lesons": did you mean "lessons"?'],
    ],
    [
      "invalid YAML",
      change("    title: Records", "    title: [Records"),
      [
        "topics.yml:22: topics.yml is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
      ],
    ],
    ["an empty file", "", ["topics.yml:1: the file is empty: write sources, groups and topics here"]],
  ])("reports %s at its own line", (_name, topics, expected) => {
    expect(lines(withTopics(topics))).toEqual(expected);
  });

  test("a renamed question is one problem in topics.yml, with the quiz and its translation still consistent", async () => {
    const dir = withTopics(fixtureTopics, (d) => {
      for (const file of ["basics-final.yml", "basics-final.uk.yml"]) {
        const at = path.join(d, "01-basics/quizzes", file);
        writeFileSync(at, readFileSync(at, "utf8").replace("  - id: refund\n", "  - id: refund-request\n"));
      }
    });
    expect((await checkContent(dir)).map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([
      'topics.yml:16: topic "empathy": the quiz "basics-final" has no question "refund" (renamed or removed?)',
    ]);
  });

  test("a broken quiz is reported in its own file, not again for every topic that cites it", async () => {
    const dir = withTopics(fixtureTopics, (d) =>
      writeFileSync(path.join(d, "02-advanced/quizzes/advanced-final.yml"), "id: advanced-final\ntitle: [\n"),
    );
    const problems = await checkContent(dir);
    expect(problems.map((p) => p.file)).toEqual(["02-advanced/quizzes/advanced-final.yml"]);
  });
});
