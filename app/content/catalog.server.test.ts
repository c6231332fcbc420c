import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { root } from "#tests/setup/paths.ts";
import { getLessonCode } from "./catalog.server.ts";

// The real courses/ will have every lesson in every language, so the English fallback is
// checked on the fixture, where "second" has no Ukrainian variant and "first" has one.
const fixture = path.join(root, "tests/fixtures/content/valid");
let before: string | undefined;
beforeEach(() => {
  before = process.env.CONTENT_DIR;
  process.env.CONTENT_DIR = fixture;
});
afterEach(() => {
  if (before === undefined) delete process.env.CONTENT_DIR;
  else process.env.CONTENT_DIR = before;
});

describe("getLessonCode", () => {
  test("a lesson with a variant in the reader's language comes back in that language", async () => {
    const lesson = await getLessonCode("basics", "first", "uk");
    expect(lesson?.locale).toBe("uk");
    expect(lesson?.code).toEqual(expect.any(String));
  });

  test("a lesson without one comes back in English and says so, which is what shows the 'not yet translated' mark", async () => {
    const lesson = await getLessonCode("basics", "second", "uk");
    expect(lesson?.locale).toBe("en");
    expect(lesson?.code.length).toBeGreaterThan(0);
  });

  test("unknown or path-like slugs find nothing", async () => {
    await expect(getLessonCode("basics", "no-such-lesson", "uk")).resolves.toBeNull();
    await expect(getLessonCode("..", "first", "uk")).resolves.toBeNull();
    await expect(getLessonCode("basics", "../01-basics/01-first", "uk")).resolves.toBeNull();
  });
});
