import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, onTestFinished, test } from "vitest";
import { fixtureTopics, removeCopies, withTopics } from "#tests/fixtures/topics.ts";
import { root } from "#tests/setup/paths.ts";
import { checkCurriculumMap, CURRICULUM_MAP, mapCurriculum, mapDrift } from "./curriculum-map.server.ts";
import { readTopics } from "./topics.server.ts";

afterEach(removeCopies);

const courses = path.join(root, "courses");

/** The cells of every topic row of the generated map (the tables under each group heading). */
function topicRows(markdown: string) {
  const body = markdown.split("## Content no topic cites yet")[0] ?? "";
  return body
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| Topic") && !line.startsWith("| ---"))
    .map((line) => line.slice(2, -2).split(/(?<!\\) \| /))
    .filter((cells) => cells.length === 6);
}

describe("docs/curriculum.md", () => {
  test("is what npm run content:map writes from courses/ and courses/topics.yml (run it after changing either)", () => {
    const { problems, markdown } = mapCurriculum(courses);
    expect(problems).toEqual([]);
    expect(
      readFileSync(path.join(root, CURRICULUM_MAP), "utf8"),
      `${CURRICULUM_MAP} is stale: run npm run content:map`,
    ).toBe(markdown);
  }, 60_000);

  test("every seed topic row names a lesson and a question or scenario, including the ten issue 19 found missing", () => {
    const topics = readTopics(courses).topics?.data.topics ?? [];
    const ids = topics.map((t) => t.id);
    for (const id of [
      "negotiation",
      "self-motivation",
      "adaptability",
      "workflow-automation",
      "team-building",
      "focus-groups",
      "certifications",
      "reporting-to-management",
      "customer-centred-culture",
      "technology-integration",
    ])
      expect(ids).toContain(id);
    const rows = topicRows(mapCurriculum(courses).markdown ?? "");
    expect(rows).toHaveLength(topics.length);
    for (const [topic, namedIn, place, taught, assessed, practised] of rows) {
      expect(namedIn, topic).not.toBe("");
      expect(place, topic).toMatch(/^(L[1-5]|technical-support|customer-success|quality-assurance)/);
      expect(taught, topic).toMatch(
        /^\[[a-z0-9-]+\/[a-z0-9-]+\]\(\.\.\/courses\/\d\d-[a-z0-9-]+\/\d\d-[a-z0-9-]+\.mdx\)/,
      );
      expect(`${assessed} ${practised}`, topic).toMatch(/\]\(\.\.\/courses\//);
    }
  }, 60_000);

  test("a row per topic under its group, with links sorted in curriculum order and a pipe in a title escaped", () => {
    const markdown = mapCurriculum(withTopics()).markdown ?? "";
    expect(markdown).toContain(
      [
        "## Skills",
        "",
        "| Topic | Named in | Levels and tracks | Taught in | Assessed by | Practised in |",
        "| --- | --- | --- | --- | --- | --- |",
        "| Empathy \\| patience | Mgr, Coord | L1, L2 | [basics/first](../courses/01-basics/01-first.mdx)<br>[advanced/deep](../courses/02-advanced/01-deep.mdx) | [basics-final#opening](../courses/01-basics/quizzes/basics-final.yml)<br>[basics-final#refund](../courses/01-basics/quizzes/basics-final.yml) | [fixture-chat](../courses/scenarios/fixture-chat.yml) |",
      ].join("\n"),
    );
    expect(markdown).toContain(
      "| Records | Coord | L2 | [advanced/deep](../courses/02-advanced/01-deep.mdx) | [advanced-final#records](../courses/02-advanced/quizzes/advanced-final.yml) | — |",
    );
    expect(markdown.indexOf("## Skills")).toBeLessThan(markdown.indexOf("## KPIs"));
    expect(markdown).toContain("- Lessons: [basics/second](../courses/01-basics/02-second.mdx).");
    expect(markdown).toContain("- Questions: 3 of 6 are cited by no topic");
  });

  test("places each topic on the ladder: a track course counts for its track, a scenario for its level", () => {
    const dir = withTopics(fixtureTopics, (d) => {
      const file = path.join(d, "02-advanced/course.yml");
      writeFileSync(file, readFileSync(file, "utf8").replace("level: L2\n", "level: L2\ntrack: technical-support\n"));
    });
    const { problems, markdown } = mapCurriculum(dir);
    expect(problems).toEqual([]);
    expect(markdown).toContain("| Empathy \\| patience | Mgr, Coord | L1 · technical-support | [basics/first]");
    expect(markdown).toContain("| Records | Coord | technical-support | [advanced/deep]");
    expect(markdown).toContain(
      [
        "| Level or track | Taught | Assessed by a question | Practised in a scenario |",
        "| --- | --- | --- | --- |",
        "| L1 | 1 | 1 | 1 |",
        "| L2 | 0 | 0 | 0 |",
        "| L3 | 0 | 0 | 0 |",
        "| L4 | 0 | 0 | 0 |",
        "| L5 | 0 | 0 | 0 |",
        "| technical-support | 2 | 1 | 0 |",
        "| customer-success | 0 | 0 | 0 |",
        "| quality-assurance | 0 | 0 | 0 |",
      ].join("\n"),
    );
  });

  test("lists the topics that lack a question or a scenario, for whoever plans new ones", () => {
    const scenarioOnly = fixtureTopics.replace(
      "    questions:\n      - advanced-final#records\n",
      ["    questions: []", "    scenarios: [fixture-chat]", ""].join("\n"),
    );
    expect(scenarioOnly).not.toBe(fixtureTopics);
    expect(mapCurriculum(withTopics()).markdown).toContain(
      [
        "- **No quiz question, assessed by a scenario only** (0): none.",
        "- **No scenario, assessed by questions only** (1):",
        "  - Records (`records`)",
      ].join("\n"),
    );
    expect(mapCurriculum(withTopics(scenarioOnly)).markdown).toContain(
      [
        "- **No quiz question, assessed by a scenario only** (1):",
        "  - Records (`records`)",
        "- **No scenario, assessed by questions only** (0): none.",
      ].join("\n"),
    );
  });

  test("counts lessons, questions by kind, locales and scenarios by channel and level", () => {
    const markdown = mapCurriculum(withTopics()).markdown ?? "";
    expect(markdown).toContain(
      "| [basics](../courses/01-basics/course.yml) | L1 | — | 2 | 0 | 5 | none | none | 1/2 lessons |",
    );
    expect(markdown).toContain("| L1 | 1 | 0 | 2 | 0 | 5 | 1 |");
    expect(markdown).toContain("| **All** | 2 | 0 | 3 | 0 | 6 | 2 |");
    expect(markdown).toContain("| L1 | 1 | 1 | 1 | 1 | 1 | 5 |");
    expect(markdown).toContain("| **All** | 1 | 1 | 2 | 1 | 1 | 6 |");
    expect(markdown).toContain("| uk | 1 of 2 | 1 of 3 | 1 of 2 | 5 of 6 | 0 of 2 |");
    expect(markdown).toContain("| chat | 1 | 1 | 0 | 0 | 0 | 2 |");
    expect(markdown).toContain(
      "| [fixture-chat](../courses/scenarios/fixture-chat.yml) | A fixture chat | chat | L1 | en, pt-BR | 1 |",
    );
  });

  test("is the same whatever order topics.yml lists a topic's references in, and carries no date", () => {
    const reordered = fixtureTopics
      .replace("      - advanced/deep\n      - basics/first", "      - basics/first\n      - advanced/deep")
      .replace(
        "      - basics-final#refund\n      - basics-final#opening",
        "      - basics-final#opening\n      - basics-final#refund",
      );
    expect(reordered).not.toBe(fixtureTopics);
    const first = mapCurriculum(withTopics()).markdown;
    expect(mapCurriculum(withTopics(reordered)).markdown).toBe(first);
    expect(first).not.toMatch(/20\d\d-\d\d-\d\d/);
  });

  test("is not generated from content with problems, or without a topic list", () => {
    const broken = mapCurriculum(withTopics(fixtureTopics.replace("basics/first", "basics/fourth")));
    expect(broken.markdown).toBeNull();
    expect(broken.problems.map((p) => `${p.file}:${p.line}`)).toEqual(["topics.yml:14"]);
    const missing = mapCurriculum(withTopics(fixtureTopics, (dir) => rmSync(path.join(dir, "topics.yml"))));
    expect(missing).toEqual({
      markdown: null,
      problems: [{ file: "topics.yml", line: 1, message: "the topic list is missing: the map is generated from it" }],
    });
    const empty = mapCurriculum(withTopics(""));
    expect(empty.markdown).toBeNull();
    expect(empty.problems.map((p) => p.message)).toEqual(["the file is empty: write sources, groups and topics here"]);
  });

  test("the command refuses broken content with file:line problems and leaves the map untouched", async () => {
    const before = readFileSync(path.join(root, CURRICULUM_MAP), "utf8");
    const dir = withTopics(fixtureTopics.replace("fixture-chat", "fixture-email"));
    const failure = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/content-map.ts", dir], {
      cwd: root,
    }).catch((e: { code: number; stderr: string }) => e);
    expect("code" in failure && failure.code).toBe(1);
    expect((failure as { stderr: string }).stderr).toContain(
      `${dir}/topics.yml:19: topic "empathy": no scenario "fixture-email"`,
    );
    expect(readFileSync(path.join(root, CURRICULUM_MAP), "utf8")).toBe(before);
  }, 60_000);

  describe("drift, as content:check reports it", () => {
    const fresh = "# Map\n\n| a | b |\n| 1 | 2 |\n";
    test.each([
      ["the same text", fresh, []],
      ["a changed row", "# Map\n\n| a | b |\n| 1 | 3 |\n", [4]],
      ["a hand edit at the top", "# My map\n\n| a | b |\n| 1 | 2 |\n", [1]],
      ["a row that is gone", "# Map\n\n| a | b |\n", [4]],
      ["a row that was added", `${fresh}| 3 | 4 |\n`, [5]],
      ["an empty file", "", [1]],
    ])("%s", (_name, current, lines) => {
      const problems = mapDrift(current, fresh, "docs/curriculum.md");
      expect(problems.map((p) => p.line)).toEqual(lines);
      for (const p of problems) {
        expect(p.file).toBe("docs/curriculum.md");
        expect(p.message).toBe(
          "out of date with topics.yml and the content from this line on: run npm run content:map",
        );
      }
    });

    test("a missing map", () => {
      expect(mapDrift(null, fresh, "docs/curriculum.md")).toEqual([
        { file: "docs/curriculum.md", line: 1, message: "the curriculum map is missing: run npm run content:map" },
      ]);
    });

    test("checks a folder's map: current, stale at its line, missing, without a topic list, or left to checkContent when broken", () => {
      const dir = withTopics();
      // Outside the content folder, where an extra file would be a content problem of its own.
      const map = `${dir}.curriculum.md`;
      onTestFinished(() => rmSync(map, { force: true }));
      writeFileSync(map, mapCurriculum(dir).markdown ?? "");
      expect(checkCurriculumMap(dir, map)).toEqual([]);

      const stale = readFileSync(map, "utf8").replace("| Records | Coord |", "| Records (old) | Coord |");
      writeFileSync(map, stale);
      const line = stale.split("\n").findIndex((l) => l.startsWith("| Records (old)")) + 1;
      expect(line).toBeGreaterThan(1);
      expect(checkCurriculumMap(dir, map).map((p) => `${p.file}:${p.line}`)).toEqual([`${map}:${line}`]);

      rmSync(map);
      expect(checkCurriculumMap(dir, map).map((p) => p.message)).toEqual([
        "the curriculum map is missing: run npm run content:map",
      ]);

      const noTopics = withTopics(fixtureTopics, (d) => rmSync(path.join(d, "topics.yml")));
      expect(checkCurriculumMap(noTopics, map)).toEqual([
        {
          file: path.join(noTopics, "topics.yml"),
          line: 1,
          message: "the topic list is missing: docs/curriculum.md is generated from it",
        },
      ]);

      const broken = withTopics(fixtureTopics.replace("basics/first", "basics/fourth"));
      expect(checkCurriculumMap(broken, map)).toEqual([]);
    });
  });
});
