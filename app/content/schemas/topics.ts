// courses/topics.yml: every topic the source role descriptions name, with the lessons that
// teach it and the questions and scenarios that assess or practise it. docs/curriculum.md
// is generated from it (npm run content:map); references are checked in topics.server.ts.
import { z } from "zod";
import { locales } from "#app/utils/i18n.ts";
import { slug, text } from "./shared.ts";

const SLUG_PART = "[a-z0-9]+(?:-[a-z0-9]+)*";
const LESSON_REF = new RegExp(`^${SLUG_PART}/${SLUG_PART}$`);
const QUESTION_REF = new RegExp(`^${SLUG_PART}#${SLUG_PART}$`);

const reference = (pattern: RegExp, message: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? undefined : message) }).regex(pattern, message);

const lessonRef = reference(LESSON_REF, 'lessons are written course/lesson, e.g. "support-role/what-support-does"');
const questionRef = reference(
  QUESTION_REF,
  'questions are written quiz-id#question-id, e.g. "support-role-final#track-fit"',
);
const scenarioRef = reference(new RegExp(`^${SLUG_PART}$`), 'scenarios are written by id, e.g. "double-charge-chat"');

const sourceSchema = z.strictObject({
  id: slug,
  /** What the "Named in" column shows. */
  label: text(20),
  role: text(200),
  /** The file in the shared seeds folder, or the document a Rapport-made topic comes from. */
  file: text(200),
  language: z.enum(locales),
});

const groupSchema = z.strictObject({ id: slug, title: text(120) });

const topicSchema = z.strictObject({
  id: slug,
  title: text(300),
  group: slug,
  namedIn: z.array(slug).min(1, "namedIn needs at least one source (an id from sources)"),
  lessons: z.array(lessonRef).min(1, "a topic needs at least one lesson that teaches it: add lessons: [course/lesson]"),
  /** Required even when empty, so a topic assessed only by scenarios says so. */
  questions: z.array(questionRef),
  scenarios: z.array(scenarioRef).default([]),
});

export const topicsSchema = z
  .strictObject({
    sources: z.array(sourceSchema).min(1, "sources must list the role descriptions topics are named in"),
    groups: z.array(groupSchema).min(1, "groups must list the headings topics are grouped under"),
    topics: z.array(topicSchema).min(1, "topics must be a non-empty list"),
  })
  .superRefine((file, ctx) => {
    const say = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", message, path });
    const unique = (list: Array<{ id: string }>, key: string, what: string) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.id)) say([key, i, "id"], `duplicate ${what} id "${item.id}"`);
        seen.add(item.id);
      });
    };
    unique(file.sources, "sources", "source");
    unique(file.groups, "groups", "group");
    unique(file.topics, "topics", "topic");
    const sources = new Set(file.sources.map((s) => s.id));
    const groups = new Set(file.groups.map((g) => g.id));
    const used = new Set(file.topics.map((t) => t.group));
    // A misspelt group is one problem at the topic, not also an empty group.
    const allKnown = [...used].every((id) => groups.has(id));
    file.groups.forEach((group, i) => {
      if (allKnown && !used.has(group.id))
        say(["groups", i], `group "${group.id}" has no topics: remove it or add one`);
    });
    file.topics.forEach((topic, i) => {
      const where = `topic "${topic.id}"`;
      if (!groups.has(topic.group))
        say(["topics", i, "group"], `${where}: unknown group "${topic.group}" (known: ${[...groups].join(", ")})`);
      topic.namedIn.forEach((id, j) => {
        if (!sources.has(id))
          say(["topics", i, "namedIn", j], `${where}: unknown source "${id}" (known: ${[...sources].join(", ")})`);
      });
      for (const key of ["namedIn", "lessons", "questions", "scenarios"] as const) {
        const seen = new Set<string>();
        topic[key].forEach((ref, j) => {
          if (seen.has(ref)) say(["topics", i, key, j], `${where}: "${ref}" is listed twice`);
          seen.add(ref);
        });
      }
      if (topic.questions.length === 0 && topic.scenarios.length === 0)
        say(
          ["topics", i],
          `${where} is assessed by nothing: add questions: [quiz-id#question-id] or scenarios: [scenario-id]`,
        );
    });
  });

export type TopicsFile = z.output<typeof topicsSchema>;
export type Topic = TopicsFile["topics"][number];
