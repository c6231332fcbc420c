import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { showProblems } from "./dev-problems.server.ts";
import { contentProblemsData } from "./problems.ts";

const mode = process.env.NODE_ENV;
afterEach(() => {
  process.env.NODE_ENV = mode;
});

function folderWithLesson() {
  const root = mkdtempSync(path.join(os.tmpdir(), "rapport-dev-problems-"));
  writeFileSync(path.join(root, "lesson.mdx"), ["one", "two", "three <3", "four", "five", "six"].join("\n"));
  return root;
}

const problem = { file: "lesson.mdx", line: 3, message: "MDX does not compile" };

describe("broken content on a page", () => {
  test("in development the page gets each problem with the source around its line", async () => {
    process.env.NODE_ENV = "development";
    const thrown: unknown = (() => {
      try {
        showProblems([problem], folderWithLesson());
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toMatchObject({ init: { status: 500 } });
    const data = contentProblemsData.parse(z.object({ data: z.unknown() }).parse(thrown).data);
    expect(data.contentProblems).toEqual([
      {
        ...problem,
        source: [
          { line: 1, text: "one" },
          { line: 2, text: "two" },
          { line: 3, text: "three <3" },
          { line: 4, text: "four" },
          { line: 5, text: "five" },
        ],
      },
    ]);
  });

  test("in production and in tests it shows nothing, and never source", () => {
    for (const env of ["production", "test"] as const) {
      process.env.NODE_ENV = env;
      expect(() => showProblems([problem], folderWithLesson())).not.toThrow();
    }
  });
});
