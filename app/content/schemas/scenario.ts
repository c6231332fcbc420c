// A practice scenario (courses/scenarios/<id>.yml and its translations): the persona, the
// help desk, the branching steps with their endings, the difficulty levels and the rubric,
// with every rule of docs/authoring.md. One customer is written at the top level; two or
// three at once (a multitasking scenario) under `conversations:`. Either way the parsed
// scenario has a list of conversations, so the engine knows one shape.
import { z } from "zod";
import { type Condition, conditionKeys } from "../conditions.ts";
import { closeTo } from "../problems.ts";
import { actionTypes, type Difficulty, problemWords, SLUG, ticketPriorities, ticketStatuses } from "../vocabulary.ts";
import { type Path } from "../yaml.ts";
import { checkGraph, stepPaths } from "./scenario-graph.ts";
import { channel, competencyEffects, competencyList, level, optionId, slug, text, wholeNumber } from "./shared.ts";

const toList = <T>(value: T | T[]) => (Array.isArray(value) ? value : [value]);
const problemWord = z.enum(problemWords);

function problemError(input: unknown) {
  const values: unknown[] | null = typeof input === "string" ? [input] : Array.isArray(input) ? input : null;
  if (!values) return `name a problem, or a list of them: ${problemWords.join(", ")}`;
  if (!values.length) return "an empty list: name at least one problem";
  const bad = values.find((v) => !problemWords.some((w) => w === v));
  if (bad === undefined) return undefined;
  const near = problemWords.find((w) => closeTo(w, String(bad)));
  return `unknown problem "${String(bad)}"${near ? `: did you mean "${near}"?` : ""} (known: ${problemWords.join(", ")})`;
}

/** `reply: rude` or `reply: [no-next-step, no-empathy]`: one word or a list. */
const problems = z
  .union([problemWord, z.array(problemWord).min(1)], { error: (issue) => problemError(issue.input) })
  .transform(toList);

/** `done: to-billing` or `done: [to-billing, set-high]`: one id or a list. */
const ids = (what: string) =>
  z
    .union([slug, z.array(slug).min(1)], {
      error: (issue) =>
        Array.isArray(issue.input) && !issue.input.length
          ? "an empty list: name at least one"
          : `${what}: an id or a list of ids (lower-case words joined by dashes)`,
    })
    .transform(toList);

const conditionSchema = z
  .strictObject(
    {
      reply: problems.optional().meta({
        description:
          "Free-text steps only: the reply just written has any of these problems (rude = blame, banned or shouting).",
      }),
      done: ids("done names required actions")
        .optional()
        .meta({ description: "Every one of these required actions is done, as the help desk stands now." }),
      missed: ids("missed names required actions")
        .optional()
        .meta({ description: "At least one of these required actions is not done." }),
      escalated: ids("escalated names teams")
        .optional()
        .meta({ description: "An escalation went to any of these teams." }),
      ever: problems
        .optional()
        .meta({ description: "Some free-text reply in this conversation so far had any of these problems." }),
      never: problems
        .optional()
        .meta({ description: "No free-text reply in this conversation so far had any of these problems." }),
    },
    {
      error: (issue) =>
        issue.code === "invalid_type" && issue.input !== undefined
          ? `when is a mapping, such as { reply: rude } or { done: [to-billing], never: rude }`
          : undefined,
    },
  )
  .refine(
    (when) => conditionKeys.some((key) => when[key] !== undefined),
    `when needs at least one of: ${conditionKeys.join(", ")}`,
  ) satisfies z.ZodType<Condition>;

const mood = wholeNumber(-2, 2, "mood");

/** Where a reply leads instead of `next` when its condition holds; the first that holds wins. */
const branchSchema = z.strictObject({
  when: conditionSchema,
  /** Instead of the reply's own mood change (free text: the pre-score rule). */
  mood: mood.optional(),
  /** Shown as the hint beside the reply, after the automatic checks. */
  feedback: text(1000).optional(),
  next: z.string(),
});
const branches = z
  .array(branchSchema)
  .max(6, "at most 6 branches")
  .default([])
  .meta({ description: "Where the reply leads instead of next when a condition holds; the first that holds wins." });

const replySchema = z.strictObject({
  id: optionId,
  text: text(2000),
  mood,
  competencies: competencyEffects.default({}),
  feedback: text(1000),
  next: z.string(),
  branches,
});

const endingSchema = z.strictObject({
  /** Names the ending in measures and problems; an `end:` is named after its step. */
  id: slug.optional(),
  /** Leave it out on the last ending of a list: that one is what happens otherwise. */
  when: conditionSchema.optional(),
  resolved: z.boolean(),
  /** The highest simulated CSAT this ending can give (default 5 resolved, 2 not). */
  maxCsat: wholeNumber(1, 5, "maxCsat").optional(),
  outcome: z.string().trim().max(2000).default(""),
});

export const stepSchema = z.strictObject({
  id: slug,
  customer: text(4000),
  /** Social only: a direct message, not part of the public thread. */
  private: z.boolean().default(false),
  replies: z.array(replySchema).nullable().default(null),
  freeText: z
    .strictObject({ prompt: text(1000), next: z.string(), branches })
    .nullable()
    .default(null),
  /** One way the case ends here. */
  end: endingSchema.nullable().default(null).meta({ description: "This step ends the conversation, one way." }),
  /** Several: the first whose `when` holds when the trainee finishes. */
  endings: z
    .array(endingSchema.extend({ id: slug }))
    .min(2, "endings lists at least 2 (use end: for one)")
    .nullable()
    .default(null)
    .meta({
      description:
        "This step ends the conversation in one of several ways: the first whose when holds when the trainee finishes; the last has no when.",
    }),
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

const personaSchema = z.strictObject({
  name: text(100),
  situation: text(2000),
  mood: wholeNumber(1, 5, "persona mood"),
  history: text(2000),
  crm: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String))
    .refine((crm) => Object.keys(crm).length > 0, "the CRM record (crm) needs at least one field"),
});

const ticketSchema = z.strictObject({
  status: z.enum(ticketStatuses),
  priority: z.enum(ticketPriorities),
  category: z.string(),
  tags: z.array(slug).default([]),
});

const requiredActionsSchema = z.array(actionSchema).min(1, "a customer needs at least one required action");

/** One customer: what a single-conversation scenario writes at the top level. */
const customerKeys = ["persona", "ticket", "requiredActions", "start", "steps", "walkout"] as const;

const conversationSchema = z.strictObject({
  id: slug,
  /** The chat opens once the trainee has sent this many replies in the others (0: at once). */
  joinsAfter: wholeNumber(0, 20, "joinsAfter").default(0),
  persona: personaSchema,
  ticket: ticketSchema,
  requiredActions: requiredActionsSchema,
  start: z.string(),
  steps: z.array(stepSchema).min(3, "a conversation has 3–12 steps").max(12, "a conversation has 3–12 steps"),
  walkout: z.string().optional(),
});

const settingsSchema = z.strictObject({
  /** Replies a furious customer (mood 1) still waits through before leaving. */
  patience: wholeNumber(0, 5, "patience").optional(),
  /** Every fall in mood is multiplied by this. */
  moodDrop: z
    .number({ error: (issue) => (issue.input === undefined ? undefined : "moodDrop is a number from 0.25 to 3") })
    .min(0.25, "moodDrop is a number from 0.25 to 3")
    .max(3, "moodDrop is a number from 0.25 to 3")
    .optional(),
  /** Whether the hints (feedback and automatic checks) show during play, not only in the summary. */
  hints: z.boolean().optional(),
});

export type DifficultySettings = { patience: number; moodDrop: number; hints: boolean };
export const defaultDifficulty: Record<Difficulty, DifficultySettings> = {
  easy: { patience: 2, moodDrop: 0.5, hints: true },
  normal: { patience: 1, moodDrop: 1, hints: true },
  hard: { patience: 0, moodDrop: 1.5, hints: false },
};

const scenarioFields = z.strictObject({
  id: slug,
  title: text(200),
  summary: text(500),
  channel,
  level,
  competencies: competencyList,
  review: z.boolean(),
  minutes: wholeNumber(1, 240, "minutes"),
  persona: personaSchema.optional(),
  email: z
    .strictObject({ subject: text(300), history: z.string().trim().default("") })
    .nullable()
    .default(null),
  social: z
    .strictObject({ platform: text(50), handle: z.string().trim().default("") })
    .nullable()
    .default(null),
  ticket: ticketSchema.optional(),
  categories: z.array(slug).min(1, "categories must be a non-empty list"),
  teams: z.array(slug).min(1, "teams (escalation targets) must be a non-empty list"),
  articles: z
    .array(articleSchema)
    .min(3, "a scenario ships 3–6 knowledge-base articles")
    .max(6, "a scenario ships 3–6 knowledge-base articles"),
  requiredActions: requiredActionsSchema.optional(),
  start: z.string().optional(),
  steps: z.array(stepSchema).min(5, "a scenario has 5–16 steps").max(16, "a scenario has 5–16 steps").optional(),
  /** The end step a customer who runs out of patience goes to (default: the first that only fails). */
  walkout: z.string().optional().meta({
    description:
      "The end step a customer who runs out of patience goes to (default: the first end step that only fails).",
  }),
  conversations: z
    .array(conversationSchema)
    .min(2, "conversations lists 2 or 3 customers (write one customer at the top level)")
    .max(3, "conversations lists 2 or 3 customers (write one customer at the top level)")
    .optional()
    .meta({
      description: "Two or three chats at once, each with its own persona, ticket, required actions and steps.",
    }),
  difficulty: z
    .strictObject({ easy: settingsSchema, normal: settingsSchema, hard: settingsSchema })
    .partial()
    .default({})
    .meta({
      description:
        "Override the defaults: easy {patience 2, moodDrop 0.5, hints}, normal {1, 1, hints}, hard {0, 1.5, no hints}.",
    }),
  rubric: z.array(criterionSchema).min(3, "the rubric has 3–5 criteria").max(5, "the rubric has 3–5 criteria"),
});

type Fields = z.output<typeof scenarioFields>;
type RawStep = z.output<typeof stepSchema>;
type RawConversation = z.output<typeof conversationSchema>;
export type Issue = (path: Path, message: string) => void;

export type Ending = {
  id: string;
  when: Condition | null;
  resolved: boolean;
  maxCsat: number;
  outcome: string;
};
export type Branch = { when: Condition; mood: number | null; feedback: string | null; next: string };
export type ScenarioReply = Omit<z.output<typeof replySchema>, "branches"> & { branches: Branch[] };
export type ScenarioStep = {
  id: string;
  customer: string;
  private: boolean;
  replies: ScenarioReply[] | null;
  freeText: { prompt: string; next: string; branches: Branch[] } | null;
  /** Non-null on an end step: one or several, tried in order. */
  endings: Ending[] | null;
  /** How the file wrote the endings (`end` or `endings`), to point at them. */
  endKey: "end" | "endings" | null;
};
export type RequiredAction = z.output<typeof actionSchema>;
export type Persona = z.output<typeof personaSchema>;
export type Conversation = {
  id: string;
  /** Where the conversation is written in the file: [] at the top level, or ["conversations", i]. */
  path: Path;
  joinsAfter: number;
  persona: Persona;
  ticket: z.output<typeof ticketSchema>;
  requiredActions: RequiredAction[];
  start: string;
  steps: ScenarioStep[];
  /** The end step a customer out of patience goes to; null only when the conversation has none that fails. */
  walkout: string | null;
};

/** The id of the one conversation of a single-customer scenario. */
export const SINGLE_CONVERSATION = "main";

const defaultMaxCsat = (resolved: boolean) => (resolved ? 5 : 2);

function endingsOf(step: RawStep): Ending[] | null {
  const raw = step.endings ?? (step.end ? [step.end] : null);
  return (
    raw?.map((e, i) => ({
      id: e.id ?? (step.end ? step.id : `${step.id}-${i + 1}`),
      when: e.when ?? null,
      resolved: e.resolved,
      maxCsat: e.maxCsat ?? defaultMaxCsat(e.resolved),
      outcome: e.outcome,
    })) ?? null
  );
}

const branchOf = (b: z.output<typeof branchSchema>): Branch => ({
  when: b.when,
  mood: b.mood ?? null,
  feedback: b.feedback ?? null,
  next: b.next,
});

function normaliseStep(step: RawStep): ScenarioStep {
  return {
    id: step.id,
    customer: step.customer,
    private: step.private,
    replies: step.replies?.map((r) => ({ ...r, branches: r.branches.map(branchOf) })) ?? null,
    freeText: step.freeText && { ...step.freeText, branches: step.freeText.branches.map(branchOf) },
    endings: endingsOf(step),
    endKey: step.endings ? "endings" : step.end ? "end" : null,
  };
}

/** The first end step whose endings all fail: where a customer out of patience goes by default. */
function defaultWalkout(steps: ScenarioStep[]) {
  return steps.find((s) => s.endings?.every((e) => !e.resolved))?.id ?? null;
}

function conversationsOf(s: Fields): Conversation[] {
  const one = (raw: Omit<RawConversation, "id" | "joinsAfter">, id: string, path: Path, joinsAfter: number) => {
    const steps = raw.steps.map(normaliseStep);
    return {
      id,
      path,
      joinsAfter,
      persona: raw.persona,
      ticket: raw.ticket,
      requiredActions: raw.requiredActions,
      start: raw.start,
      steps,
      walkout: raw.walkout ?? defaultWalkout(steps),
    };
  };
  if (s.conversations) return s.conversations.map((c, i) => one(c, c.id, ["conversations", i], c.joinsAfter));
  const { persona, ticket, requiredActions, start, steps, walkout } = s;
  if (!persona || !ticket || !requiredActions || start === undefined || !steps) return [];
  return [one({ persona, ticket, requiredActions, start, steps, walkout }, SINGLE_CONVERSATION, [], 0)];
}

function checkShape(s: Fields, issue: Issue) {
  const present = customerKeys.filter((key) => s[key] !== undefined);
  if (s.conversations) {
    for (const key of present)
      issue([key], `${key} belongs inside each conversation when the scenario has conversations:`);
    if (s.channel !== "chat") issue(["channel"], "several conversations at once are chats: use channel: chat");
    if (s.email) issue(["email"], "email belongs to email scenarios with one customer");
    if (s.social) issue(["social"], "social belongs to social scenarios with one customer");
    return present.length === 0;
  }
  const missing = customerKeys.filter((key) => key !== "walkout" && s[key] === undefined);
  for (const key of missing)
    issue([], `missing "${key}" (one customer is written at the top level; several under conversations:)`);
  return missing.length === 0;
}

/** Ticket fields hold one value: two required actions setting one field differently contradict. */
const singleValued = new Set(["set-status", "set-priority", "set-category"]);

function checkHelpDesk(s: Fields, c: Conversation, issue: Issue) {
  const at = (...rest: PropertyKey[]) => [...c.path, ...rest];
  if (!s.categories.includes(c.ticket.category))
    issue(at("ticket", "category"), `ticket category "${c.ticket.category}" is not in categories`);
  const articleIds = new Set(s.articles.map((a) => a.id));
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
  c.requiredActions.forEach((action, i) => {
    const where = `required action "${action.id}"`;
    if (ids.has(action.id)) issue(at("requiredActions", i, "id"), `${where}: ids must be unique`);
    ids.add(action.id);
    if (!possible[action.type](action.value)) {
      issue(
        at("requiredActions", i),
        `${where} cannot be done: "${String(action.value)}" is not a possible ${action.type} value`,
      );
      return;
    }
    const key = singleValued.has(action.type) ? action.type : `${action.type}:${action.value}`;
    const earlier = firstOfType.get(key);
    if (earlier && earlier.value !== action.value) {
      issue(
        at("requiredActions", i),
        `${where} contradicts required action "${c.requiredActions[earlier.index]?.id}": the ticket cannot end with both ${action.type} ${earlier.value} and ${action.value}`,
      );
    } else if (earlier && action.type !== "add-note") {
      issue(at("requiredActions", i), `${where} repeats required action "${c.requiredActions[earlier.index]?.id}"`);
    }
    if (!earlier) firstOfType.set(key, { value: action.value, index: i });
  });
}

/** Conditions that name what exists and ask what can be known there; false when one does not. */
function checkConditions(s: Fields, c: Conversation, issue: Issue) {
  const actions = new Map(c.requiredActions.map((a) => [a.id, a]));
  let ok = true;
  const report: Issue = (path, message) => {
    ok = false;
    issue(path, message);
  };
  const checkWhen = (when: Condition | null, at: Path, where: string, freeText: boolean) => {
    if (!when) return;
    if (when.reply && !freeText)
      report(
        [...at, "when", "reply"],
        `${where}: reply: looks at a free-text reply; here the trainee chooses a reply (use done, missed, escalated, ever or never)`,
      );
    for (const key of ["done", "missed"] as const)
      for (const id of when[key] ?? [])
        if (!actions.has(id))
          report(
            [...at, "when", key],
            `${where}: ${key} names no required action "${id}" (known: ${[...actions.keys()].join(", ")})`,
          );
    for (const team of when.escalated ?? [])
      if (!s.teams.includes(team))
        report(
          [...at, "when", "escalated"],
          `${where}: escalated names no team "${team}" (teams: ${s.teams.join(", ")})`,
        );
  };
  c.steps.forEach((step, i) => {
    const paths = stepPaths(c, i);
    step.replies?.forEach((reply, r) =>
      reply.branches.forEach((b, k) =>
        checkWhen(b.when, paths.branch(r, k), `step "${step.id}", reply "${reply.id}", branch ${k + 1}`, false),
      ),
    );
    step.freeText?.branches.forEach((b, k) =>
      checkWhen(b.when, paths.branch(null, k), `step "${step.id}", branch ${k + 1}`, true),
    );
    step.endings?.forEach((ending, j) => {
      checkWhen(ending.when, paths.ending(j), `step "${step.id}", ending "${ending.id}"`, false);
      const last = j === (step.endings?.length ?? 0) - 1;
      if (last && ending.when && step.endKey === "endings")
        report(
          [...paths.ending(j), "when"],
          `step "${step.id}": the last ending ("${ending.id}") has no when: it is what happens when none before it holds`,
        );
    });
  });
  return ok;
}

/** The raw steps of each conversation with where they are written (before normalising). */
const rawConversations = (s: Fields): Array<{ path: Path; steps: RawStep[] }> =>
  s.conversations?.map((c, i) => ({ path: ["conversations", i], steps: c.steps })) ?? [
    { path: [], steps: s.steps ?? [] },
  ];

const settingsOf = (given: Fields["difficulty"]): Record<Difficulty, DifficultySettings> => {
  const merged = (d: Difficulty): DifficultySettings => ({
    patience: given[d]?.patience ?? defaultDifficulty[d].patience,
    moodDrop: given[d]?.moodDrop ?? defaultDifficulty[d].moodDrop,
    hints: given[d]?.hints ?? defaultDifficulty[d].hints,
  });
  return { easy: merged("easy"), normal: merged("normal"), hard: merged("hard") };
};

/** A step whose replies can lead to different steps. */
const branchesOut = (step: ScenarioStep) =>
  new Set([
    ...(step.replies?.flatMap((r) => [r.next, ...r.branches.map((b) => b.next)]) ?? []),
    ...(step.freeText ? [step.freeText.next, ...step.freeText.branches.map((b) => b.next)] : []),
  ]).size > 1;

export const scenarioSchema = scenarioFields
  .superRefine((s, ctx) => {
    const issue: Issue = (path, message) => ctx.addIssue({ code: "custom", path: [...path], message });
    if (s.channel === "email" && !s.email) issue(["channel"], "an email scenario needs email.subject");
    if (s.channel === "social" && !s.social) issue(["channel"], "a social scenario needs social.platform");
    if (!checkShape(s, issue)) return;
    let wayOut = true;
    for (const { path, steps } of rawConversations(s)) {
      steps.forEach((step, i) => {
        const ways = [
          step.replies && "replies",
          step.freeText && "freeText",
          step.end && "end",
          step.endings && "endings",
        ].filter(Boolean);
        if (ways.length === 1) return;
        issue(
          [...path, "steps", i],
          `step "${step.id}" needs exactly one of replies, freeText, end or endings (has ${ways.join(", ") || "none"}): a step with no way out`,
        );
        wayOut = false;
      });
    }
    const articleIds = new Set<string>();
    s.articles.forEach((a, i) => {
      if (articleIds.has(a.id)) issue(["articles", i, "id"], `article ids must be unique ("${a.id}")`);
      articleIds.add(a.id);
    });
    const conversations = conversationsOf(s);
    const conversationIds = new Set<string>();
    let conditionsOk = true;
    const stepIds = new Map<string, string>();
    const endingIds = new Set<string>();
    for (const c of conversations) {
      if (conversationIds.has(c.id)) issue([...c.path, "id"], `conversation ids must be unique ("${c.id}")`);
      conversationIds.add(c.id);
      c.steps.forEach((step, i) => {
        const { step: at, ending } = stepPaths(c, i);
        const owner = stepIds.get(step.id);
        if (owner !== undefined) {
          issue(
            [...at, "id"],
            owner === c.id
              ? `step ids must be unique ("${step.id}")`
              : `step ids must be unique in the file ("${step.id}" is also a step of conversation "${owner}")`,
          );
          return;
        }
        stepIds.set(step.id, c.id);
        step.endings?.forEach((e, j) => {
          if (endingIds.has(e.id))
            issue(step.endKey === "end" ? ending(j) : [...ending(j), "id"], `ending ids must be unique ("${e.id}")`);
          endingIds.add(e.id);
        });
        if (step.private && s.channel !== "social")
          issue([...at, "private"], `step "${step.id}": private is true or false, and only social scenarios have it`);
      });
      checkHelpDesk(s, c, issue);
      if (!checkConditions(s, c, issue)) conditionsOk = false;
    }
    const whole = s.conversations ? ["conversations"] : ["steps"];
    if (!conversations.some((c) => c.steps.some((step) => step.freeText)))
      issue(whole, "a scenario needs at least one free-text step");
    const branching = conversations.flatMap((c) => c.steps.filter(branchesOut)).length;
    if (branching < 2) issue(whole, `a scenario needs at least two real branches (has ${branching})`);
    if (!wayOut) return;
    // Every shipped scenario is in format 2 now, so its rules on endings hold for every file (ADR 040).
    for (const c of conversations) checkGraph(c, issue, { strict: true, conditions: conditionsOk });
  })
  .transform((s) => ({
    id: s.id,
    title: s.title,
    summary: s.summary,
    channel: s.channel,
    level: s.level,
    competencies: s.competencies,
    review: s.review,
    minutes: s.minutes,
    email: s.email,
    social: s.social,
    categories: s.categories,
    teams: s.teams,
    articles: s.articles,
    difficulty: settingsOf(s.difficulty),
    conversations: conversationsOf(s),
    rubric: s.rubric,
  }));

export type ScenarioFile = z.output<typeof scenarioSchema>;
/** `html` is rendered by the catalogue from `body` (at build time in production). */
export type Article = ScenarioFile["articles"][number] & { html?: string };
export type Scenario = Omit<ScenarioFile, "articles"> & { articles: Article[] };
