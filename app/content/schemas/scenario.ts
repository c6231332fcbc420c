// A practice scenario (courses/scenarios/<id>.yml and its translations): the persona, the
// help desk, the branching steps and the rubric, with every rule of docs/authoring.md.
// Later kinds of step (conditions, several endings) add members to `stepSchema`.
import { z } from "zod";
import { actionTypes, SLUG, ticketPriorities, ticketStatuses } from "../vocabulary.ts";
import { channel, competencyEffects, competencyList, level, optionId, slug, text, wholeNumber } from "./shared.ts";

const replySchema = z.strictObject({
  id: optionId,
  text: text(2000),
  mood: wholeNumber(-2, 2, "mood"),
  competencies: competencyEffects.default({}),
  feedback: text(1000),
  next: z.string(),
});

export const stepSchema = z.strictObject({
  id: slug,
  customer: text(4000),
  /** Social only: a direct message, not part of the public thread. */
  private: z.boolean().default(false),
  replies: z.array(replySchema).nullable().default(null),
  freeText: z
    .strictObject({ prompt: text(1000), next: z.string() })
    .nullable()
    .default(null),
  end: z
    .strictObject({ resolved: z.boolean(), outcome: z.string().trim().default("") })
    .nullable()
    .default(null),
});

const articleSchema = z.strictObject({ id: slug, title: text(200), body: text(20_000) });

const actionSchema = z.strictObject({
  id: slug,
  type: z.enum(actionTypes),
  value: z.union([z.string(), z.number()]).transform(String).nullable().default(null),
  label: text(200),
});

const criterionSchema = z.strictObject({
  id: slug,
  title: text(200),
  competencies: competencyList,
  levels: z.strictObject(
    { 1: text(500), 2: text(500), 3: text(500), 4: text(500) },
    {
      error: (issue) =>
        issue.code === "invalid_type" ? "the rubric needs descriptors for levels 1, 2, 3 and 4" : undefined,
    },
  ),
});

const scenarioFields = z.strictObject({
  id: slug,
  title: text(200),
  summary: text(500),
  channel,
  level,
  competencies: competencyList,
  review: z.boolean(),
  minutes: wholeNumber(1, 240, "minutes"),
  persona: z.strictObject({
    name: text(100),
    situation: text(2000),
    mood: wholeNumber(1, 5, "persona mood"),
    history: text(2000),
    crm: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String))
      .refine((crm) => Object.keys(crm).length > 0, "the CRM record (crm) needs at least one field"),
  }),
  email: z
    .strictObject({ subject: text(300), history: z.string().trim().default("") })
    .nullable()
    .default(null),
  social: z
    .strictObject({ platform: text(50), handle: z.string().trim().default("") })
    .nullable()
    .default(null),
  ticket: z.strictObject({
    status: z.enum(ticketStatuses),
    priority: z.enum(ticketPriorities),
    category: z.string(),
    tags: z.array(slug).default([]),
  }),
  categories: z.array(slug).min(1, "categories must be a non-empty list"),
  teams: z.array(slug).min(1, "teams (escalation targets) must be a non-empty list"),
  articles: z
    .array(articleSchema)
    .min(3, "a scenario ships 3–6 knowledge-base articles")
    .max(6, "a scenario ships 3–6 knowledge-base articles"),
  requiredActions: z.array(actionSchema).min(1, "a scenario needs at least one required action"),
  start: z.string(),
  steps: z.array(stepSchema).min(5, "a scenario has 5–12 steps").max(12, "a scenario has 5–12 steps"),
  rubric: z.array(criterionSchema).min(3, "the rubric has 3–5 criteria").max(5, "the rubric has 3–5 criteria"),
});

type Fields = z.output<typeof scenarioFields>;
type Step = Fields["steps"][number];
type Issue = (path: PropertyKey[], message: string) => void;

/** Ticket fields hold one value: two required actions setting one field differently contradict. */
const singleValued = new Set(["set-status", "set-priority", "set-category"]);

function checkHelpDesk(s: Fields, issue: Issue) {
  if (s.channel === "email" && !s.email) issue(["channel"], "an email scenario needs email.subject");
  if (s.channel === "social" && !s.social) issue(["channel"], "a social scenario needs social.platform");
  if (!s.categories.includes(s.ticket.category))
    issue(["ticket", "category"], `ticket category "${s.ticket.category}" is not in categories`);
  const articleIds = new Set<string>();
  s.articles.forEach((a, i) => {
    if (articleIds.has(a.id)) issue(["articles", i, "id"], `article ids must be unique ("${a.id}")`);
    articleIds.add(a.id);
  });
  const possible: Record<(typeof actionTypes)[number], (v: string | null) => boolean> = {
    "set-status": (v) => ticketStatuses.some((x) => x === v),
    "set-priority": (v) => ticketPriorities.some((x) => x === v),
    "set-category": (v) => s.categories.includes(v ?? ""),
    "add-tag": (v) => SLUG.test(v ?? ""),
    "link-article": (v) => articleIds.has(v ?? ""),
    "add-note": (v) => v === null,
    escalate: (v) => s.teams.includes(v ?? ""),
  };
  const ids = new Set<string>();
  const firstOfType = new Map<string, { value: string | null; index: number }>();
  s.requiredActions.forEach((action, i) => {
    const where = `required action "${action.id}"`;
    if (ids.has(action.id)) issue(["requiredActions", i, "id"], `${where}: ids must be unique`);
    ids.add(action.id);
    if (!possible[action.type](action.value)) {
      issue(
        ["requiredActions", i],
        `${where} cannot be done: "${String(action.value)}" is not a possible ${action.type} value`,
      );
      return;
    }
    const key = singleValued.has(action.type) ? action.type : `${action.type}:${action.value}`;
    const earlier = firstOfType.get(key);
    if (earlier && earlier.value !== action.value) {
      issue(
        ["requiredActions", i],
        `${where} contradicts required action "${s.requiredActions[earlier.index]?.id}": the ticket cannot end with both ${action.type} ${earlier.value} and ${action.value}`,
      );
    } else if (earlier && action.type !== "add-note") {
      issue(["requiredActions", i], `${where} repeats required action "${s.requiredActions[earlier.index]?.id}"`);
    }
    if (!earlier) firstOfType.set(key, { value: action.value, index: i });
  });
}

const nextSteps = (step: Step) => [
  ...(step.replies?.map((r) => r.next) ?? []),
  ...(step.freeText ? [step.freeText.next] : []),
];

function checkSteps(s: Fields, issue: Issue) {
  const stepIds = new Set(s.steps.map((step) => step.id));
  let brokenLinks = false;
  if (!stepIds.has(s.start)) {
    issue(["start"], `start names no step ("${s.start}")`);
    brokenLinks = true;
  }
  const seen = new Set<string>();
  s.steps.forEach((step, i) => {
    const at = (...rest: PropertyKey[]) => ["steps", i, ...rest];
    if (seen.has(step.id)) issue(at("id"), `step ids must be unique ("${step.id}")`);
    seen.add(step.id);
    const ways = [step.replies && "replies", step.freeText && "freeText", step.end && "end"].filter(Boolean);
    if (ways.length !== 1) {
      issue(
        at(),
        `step "${step.id}" needs exactly one of replies, freeText or end (has ${ways.join(", ") || "none"}): a step with no way out`,
      );
      brokenLinks = true;
    }
    if (step.replies && (step.replies.length < 2 || step.replies.length > 4))
      issue(at("replies"), `step "${step.id}" offers ${step.replies.length} replies (2–4)`);
    step.replies?.forEach((reply, j) => {
      if (!stepIds.has(reply.next)) {
        issue(at("replies", j, "next"), `step "${step.id}", reply "${reply.id}": unknown next step "${reply.next}"`);
        brokenLinks = true;
      }
    });
    if (step.freeText && !stepIds.has(step.freeText.next)) {
      issue(at("freeText", "next"), `step "${step.id}": unknown next step "${step.freeText.next}"`);
      brokenLinks = true;
    }
    if (step.private && s.channel !== "social")
      issue(at("private"), `step "${step.id}": private is true or false, and only social scenarios have it`);
  });
  if (!s.steps.some((step) => step.freeText)) issue(["steps"], "a scenario needs at least one free-text step");
  const branching = s.steps.filter((step) => new Set(step.replies?.map((r) => r.next)).size > 1).length;
  if (branching < 2) issue(["steps"], `a scenario needs at least two real branches (has ${branching})`);
  if (!s.steps.some((step) => step.end && !step.end.resolved))
    issue(["steps"], "a scenario needs a path that goes wrong: an end with resolved: false");
  // With an unknown step named anywhere, reachability would only repeat that one typo.
  if (brokenLinks) return;
  const byId = new Map(s.steps.map((step) => [step.id, step]));
  const reachable = new Set<string>();
  const queue = [s.start];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    if (reachable.has(current)) continue;
    reachable.add(current);
    const step = byId.get(current);
    if (step) queue.push(...nextSteps(step));
  }
  const canEnd = new Set(s.steps.filter((step) => step.end).map((step) => step.id));
  for (let changed = true; changed;) {
    changed = false;
    for (const step of s.steps) {
      if (!canEnd.has(step.id) && nextSteps(step).some((n) => canEnd.has(n))) {
        canEnd.add(step.id);
        changed = true;
      }
    }
  }
  s.steps.forEach((step, i) => {
    if (!reachable.has(step.id)) issue(["steps", i], `step "${step.id}" cannot be reached from "${s.start}"`);
    else if (!canEnd.has(step.id))
      issue(["steps", i], `step "${step.id}" has no way out: no path from it reaches an end`);
  });
}

export const scenarioSchema = scenarioFields.superRefine((s, ctx) => {
  const issue: Issue = (path, message) => ctx.addIssue({ code: "custom", path, message });
  checkHelpDesk(s, issue);
  checkSteps(s, issue);
});

export type ScenarioFile = z.output<typeof scenarioSchema>;
/** `html` is rendered by the catalogue from `body` (at build time in production). */
export type Article = ScenarioFile["articles"][number] & { html?: string };
export type Scenario = Omit<ScenarioFile, "articles"> & { articles: Article[] };
export type ScenarioStep = Scenario["steps"][number];
export type ScenarioReply = NonNullable<ScenarioStep["replies"]>[number];
