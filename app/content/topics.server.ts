// courses/topics.yml against the content: every lesson, question and scenario a topic names
// must exist, so renaming a lesson or removing a question is a problem at the topic's own
// line, not a stale row in docs/curriculum.md. Rules within the file live in its schema.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { FileProblems, type Problem } from "./problems.ts";
import { type ContentTree, type Located, MAX_YAML_BYTES } from "./read.server.ts";
import { authorErrors } from "./schemas/shared.ts";
import { type TopicsFile, topicsSchema } from "./schemas/topics.ts";
import { type Path, parseYaml } from "./yaml.ts";

export const TOPICS_FILE = "topics.yml";

export type TopicsRead = { topics: Located<TopicsFile> | null; exists: boolean; problems: Problem[] };

/** Which topic a schema issue is about, for problems the schema does not word itself. */
function topicContext(value: unknown, at: Path) {
  if (at[0] !== "topics" || typeof at[1] !== "number" || typeof value !== "object" || value === null) return "";
  const list: unknown = Reflect.get(value, "topics");
  const item: unknown = Array.isArray(list) ? list[at[1]] : undefined;
  const id = typeof item === "object" && item !== null && "id" in item ? String(item.id) : `#${at[1] + 1}`;
  return `topic "${id}"`;
}

/**
 * Reads `<root>/topics.yml`. A content folder without one has no curriculum map to keep (the
 * test fixtures, an organisation's own courses); the shipped courses/ has one, and the map's
 * test fails without it.
 */
export function readTopics(root: string): TopicsRead {
  const absolutePath = path.join(root, TOPICS_FILE);
  const file = TOPICS_FILE;
  if (!existsSync(absolutePath)) return { topics: null, exists: false, problems: [] };
  const problems: Problem[] = [];
  const fail = (line: number, message: string) => {
    problems.push({ file, line, message });
    return { topics: null, exists: true, problems };
  };
  if (statSync(absolutePath).size > MAX_YAML_BYTES)
    return fail(1, `the file is larger than ${MAX_YAML_BYTES / 1024} KB: split the topics into fewer references`);
  const yaml = parseYaml(readFileSync(absolutePath, "utf8"));
  if (!yaml.ok)
    return fail(
      yaml.line,
      yaml.message === "the file is empty"
        ? "the file is empty: write sources, groups and topics here"
        : `${TOPICS_FILE} is not valid YAML: ${yaml.message}`,
    );
  const parsed = topicsSchema.safeParse(yaml.value, { error: authorErrors, reportInput: true });
  if (!parsed.success) {
    const found = new FileProblems(file, yaml.lineAt);
    found.fromIssues(parsed.error.issues, (at) => topicContext(yaml.value, at));
    problems.push(...found.list);
    return { topics: null, exists: true, problems };
  }
  return {
    topics: { file, absolutePath, locale: "en", data: parsed.data, lineAt: yaml.lineAt },
    exists: true,
    problems,
  };
}

/** Every reference of every topic against what the tree holds. */
export function checkTopicReferences(tree: ContentTree, topics: Located<TopicsFile>): Problem[] {
  const problems: Problem[] = [];
  const say = (at: Path, message: string) => problems.push({ file: topics.file, line: topics.lineAt(at), message });
  const courses = new Map(tree.courses.map((c) => [c.slug, c]));
  const quizzes = new Map(tree.courses.flatMap((c) => c.quizzes.map((q) => [q.id, q] as const)));
  const scenarios = new Set(tree.scenarios.filter((s) => s.hasEnglishFile).map((s) => s.id));
  topics.data.topics.forEach((topic, i) => {
    const where = `topic "${topic.id}"`;
    topic.lessons.forEach((ref, j) => {
      const [courseSlug = "", lessonSlug = ""] = ref.split("/");
      const course = courses.get(courseSlug);
      if (!course) say(["topics", i, "lessons", j], `${where}: no course "${courseSlug}" (in ${ref})`);
      else if (!course.lessons.some((l) => l.slug === lessonSlug && l.hasEnglishFile))
        say(
          ["topics", i, "lessons", j],
          `${where}: the course "${courseSlug}" has no lesson "${lessonSlug}" (renamed or removed?)`,
        );
    });
    topic.questions.forEach((ref, j) => {
      const [quizId = "", questionId = ""] = ref.split("#");
      const quiz = quizzes.get(quizId);
      if (!quiz || !quiz.hasEnglishFile) {
        say(["topics", i, "questions", j], `${where}: no quiz "${quizId}" (in ${ref})`);
        return;
      }
      // A quiz that fails its own schema is reported there; its questions are not guessed at.
      const english = quiz.variants.en;
      if (english && !english.data.questions.some((q) => q.id === questionId))
        say(
          ["topics", i, "questions", j],
          `${where}: the quiz "${quizId}" has no question "${questionId}" (renamed or removed?)`,
        );
    });
    topic.scenarios.forEach((id, j) => {
      if (!scenarios.has(id)) say(["topics", i, "scenarios", j], `${where}: no scenario "${id}"`);
    });
  });
  return problems;
}

/** What content:check and the build report for topics.yml. */
export function topicProblems(tree: ContentTree): Problem[] {
  const read = readTopics(tree.root);
  return read.topics ? [...read.problems, ...checkTopicReferences(tree, read.topics)] : read.problems;
}
