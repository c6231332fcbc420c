// Reads courses/scenarios/*.yml and checks what content:check promises for scenarios:
// unreachable steps, steps with no way out, unknown next steps, required actions that
// cannot be done, unknown articles, and translations whose structure differs.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { type Problem } from "#app/courses/content.server.ts";
import { isCompetency, levels, SLUG } from "#app/courses/model.ts";
import { isLocale, type Locale, locales } from "#app/utils/i18n.ts";
import { actionTypes, type Scenario, scenarioChannels, ticketPriorities, ticketStatuses } from "./model.ts";

export type ScenarioEntry = { id: string; variants: Partial<Record<Locale, Scenario & { file: string }>> };

const FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?:\.([A-Za-z-]+))?\.yml$/;

/** The first line of the file containing the needle, for pointing at a step or an action. */
function lineOf(source: string, needle: string) {
  const index = source.indexOf(needle);
  return index < 0 ? 1 : source.slice(0, index).split("\n").length;
}

type Raw = Record<string, unknown>;
const asRaw = (v: unknown): Raw => (v && typeof v === "object" && !Array.isArray(v) ? (v as Raw) : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");

export function readScenarios(root: string, problems: Problem[]): ScenarioEntry[] {
  const dir = path.join(root, "scenarios");
  if (!existsSync(dir)) return [];
  const entries = new Map<string, ScenarioEntry>();
  for (const name of readdirSync(dir).sort()) {
    const rel = `scenarios/${name}`;
    const match = FILE.exec(name);
    if (!match) {
      problems.push({
        file: rel,
        line: 1,
        message: "scenario files are named <id>.yml, or <id>.<locale>.yml for a translation",
      });
      continue;
    }
    const locale = match[2] ?? "en";
    if (!isLocale(locale) || (match[2] && locale === "en")) {
      problems.push({
        file: rel,
        line: 1,
        message: `unknown locale "${locale}" (use ${locales.filter((l) => l !== "en").join(", ")})`,
      });
      continue;
    }
    const id = match[1] ?? "";
    const scenario = readScenario(path.join(dir, name), rel, id, problems);
    const entry = entries.get(id) ?? { id, variants: {} };
    if (scenario) entry.variants[locale] = { ...scenario, file: rel };
    entries.set(id, entry);
  }
  for (const entry of entries.values()) {
    const english = entry.variants.en;
    for (const [locale, variant] of Object.entries(entry.variants)) {
      if (!variant || locale === "en") continue;
      if (!english) {
        if (!existsSync(path.join(dir, `${entry.id}.yml`))) {
          problems.push({
            file: variant.file,
            line: 1,
            message: `translation without an English scenario "${entry.id}"`,
          });
        }
        continue;
      }
      const a = JSON.stringify(structureOf(english));
      const b = JSON.stringify(structureOf(variant));
      if (a !== b)
        problems.push({
          file: variant.file,
          line: 1,
          message: `structure differs from the English scenario (${firstDifference(structureOf(english), structureOf(variant))})`,
        });
    }
  }
  return [...entries.values()].filter((entry) => entry.variants.en);
}

/** Everything but the words: what a translation must keep identical. */
export function structureOf(s: Scenario) {
  return {
    id: s.id,
    channel: s.channel,
    level: s.level,
    competencies: s.competencies,
    review: s.review,
    minutes: s.minutes,
    mood: s.persona.mood,
    crmFields: Object.keys(s.persona.crm).length,
    ticket: s.ticket,
    categories: s.categories,
    teams: s.teams,
    articles: s.articles.map((a) => a.id),
    requiredActions: s.requiredActions.map((a) => [a.id, a.type, a.value]),
    start: s.start,
    steps: s.steps.map((step) => ({
      id: step.id,
      private: step.private,
      replies: step.replies?.map((r) => [r.id, r.mood, r.competencies, r.next]) ?? null,
      freeText: step.freeText?.next ?? null,
      end: step.end?.resolved ?? null,
    })),
    rubric: s.rubric.map((c) => [c.id, c.competencies, Object.keys(c.levels)]),
  };
}

function firstDifference(a: unknown, b: unknown, at = ""): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return "";
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference((a as Raw)[key], (b as Raw)[key], at ? `${at}.${key}` : key);
      if (found) return found;
    }
  }
  return `${at || "root"}: ${JSON.stringify(a)} in English, ${JSON.stringify(b)} here`;
}

function readScenario(absolutePath: string, file: string, id: string, problems: Problem[]): Scenario | null {
  const source = readFileSync(absolutePath, "utf8");
  let raw: Raw;
  try {
    raw = asRaw(parse(source));
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line ?? 1;
    problems.push({ file, line, message: `not valid YAML: ${String((error as Error).message).split("\n")[0]}` });
    return null;
  }
  const before = problems.length;
  const say = (needle: string, message: string) => problems.push({ file, line: lineOf(source, needle), message });

  if (raw.id !== id) say("id:", `id must be "${id}", the file's name`);
  for (const key of ["title", "summary"]) if (!text(raw[key])) say(`${key}:`, `missing "${key}"`);
  const channel = raw.channel;
  if (!(scenarioChannels as readonly unknown[]).includes(channel))
    say("channel:", `channel must be one of ${scenarioChannels.join(", ")}`);
  if (!(levels as readonly unknown[]).includes(raw.level)) say("level:", `unknown level "${String(raw.level)}"`);
  const competencies = asList(raw.competencies);
  if (competencies.length === 0) say("competencies:", "competencies must be a non-empty list");
  for (const c of competencies) if (!isCompetency(c)) say("competencies:", `unknown competency "${String(c)}"`);
  if (typeof raw.review !== "boolean") say("review:", '"review" must be true or false');
  if (!Number.isInteger(raw.minutes) || Number(raw.minutes) < 1) say("minutes:", "minutes must be a whole number");

  const persona = asRaw(raw.persona);
  for (const key of ["name", "situation", "history"])
    if (!text(persona[key])) say("persona:", `persona: missing "${key}"`);
  const mood = persona.mood;
  if (!Number.isInteger(mood) || Number(mood) < 1 || Number(mood) > 5)
    say("mood:", "persona mood must be a whole number from 1 to 5");
  const crm = asRaw(persona.crm);
  if (Object.keys(crm).length === 0) say("persona:", "persona: the CRM record (crm) needs at least one field");

  const email = channel === "email" ? asRaw(raw.email) : null;
  if (email && !text(email.subject)) say("email:", "an email scenario needs email.subject");
  const social = channel === "social" ? asRaw(raw.social) : null;
  if (social && !text(social.platform)) say("social:", "a social scenario needs social.platform");

  const categories = asList(raw.categories).map(String);
  const teams = asList(raw.teams).map(String);
  if (categories.length === 0) say("categories:", "categories must be a non-empty list");
  if (teams.length === 0) say("teams:", "teams (escalation targets) must be a non-empty list");
  const ticket = asRaw(raw.ticket);
  if (!(ticketStatuses as readonly unknown[]).includes(ticket.status))
    say("status:", `ticket status must be one of ${ticketStatuses.join(", ")}`);
  if (!(ticketPriorities as readonly unknown[]).includes(ticket.priority))
    say("priority:", `ticket priority must be one of ${ticketPriorities.join(", ")}`);
  if (!categories.includes(String(ticket.category)))
    say("category:", `ticket category "${String(ticket.category)}" is not in categories`);

  const articles = asList(raw.articles).map((a) => asRaw(a));
  if (articles.length < 3 || articles.length > 6)
    say("articles:", `a scenario ships 3–6 knowledge-base articles (has ${articles.length})`);
  const articleIds = new Set<string>();
  for (const article of articles) {
    const aid = text(article.id);
    if (!aid || articleIds.has(aid)) say(`id: ${aid}`, `article ids must be present and unique ("${aid}")`);
    articleIds.add(aid);
    if (!text(article.title) || !text(article.body)) say(`id: ${aid}`, `article "${aid}" needs a title and a body`);
  }

  const actions = asList(raw.requiredActions).map((a) => asRaw(a));
  if (actions.length === 0) say("requiredActions:", "a scenario needs at least one required action");
  for (const action of actions) {
    const aid = text(action.id);
    const type = action.type;
    const value = action.value === undefined || action.value === null ? null : String(action.value);
    const where = `required action "${aid}"`;
    if (!(actionTypes as readonly unknown[]).includes(type)) {
      say(`id: ${aid}`, `${where}: type must be one of ${actionTypes.join(", ")}`);
      continue;
    }
    const possible: Record<string, (v: string | null) => boolean> = {
      "set-status": (v) => (ticketStatuses as readonly unknown[]).includes(v),
      "set-priority": (v) => (ticketPriorities as readonly unknown[]).includes(v),
      "set-category": (v) => categories.includes(v ?? ""),
      "add-tag": (v) => SLUG.test(v ?? ""),
      "link-article": (v) => articleIds.has(v ?? ""),
      "add-note": (v) => v === null,
      escalate: (v) => teams.includes(v ?? ""),
    };
    if (!possible[String(type)]?.(value))
      say(`id: ${aid}`, `${where} cannot be done: "${String(value)}" is not a possible ${String(type)} value`);
    if (!text(action.label)) say(`id: ${aid}`, `${where} needs a label`);
  }

  const stepsRaw = asList(raw.steps).map((s) => asRaw(s));
  const stepIds = new Set(stepsRaw.map((s) => text(s.id)));
  if (stepsRaw.length < 5 || stepsRaw.length > 12) say("steps:", `a scenario has 5–12 steps (has ${stepsRaw.length})`);
  const start = text(raw.start);
  if (!stepIds.has(start)) say("start:", `start names no step ("${start}")`);
  const steps: Scenario["steps"] = [];
  const seen = new Set<string>();
  for (const step of stepsRaw) {
    const sid = text(step.id);
    const at = `id: ${sid}`;
    if (!sid || seen.has(sid)) say(at, `step ids must be present and unique ("${sid}")`);
    seen.add(sid);
    if (!text(step.customer)) say(at, `step "${sid}": missing "customer"`);
    const kinds = ["replies", "freeText", "end"].filter((k) => step[k] !== undefined);
    if (kinds.length !== 1)
      say(
        at,
        `step "${sid}" needs exactly one of replies, freeText or end (has ${kinds.join(", ") || "none"}): a step with no way out`,
      );
    let replies: Scenario["steps"][number]["replies"] = null;
    if (step.replies !== undefined) {
      replies = asList(step.replies).map((r) => {
        const reply = asRaw(r);
        const rid = text(reply.id);
        const next = text(reply.next);
        if (!stepIds.has(next)) say(at, `step "${sid}", reply "${rid}": unknown next step "${next}"`);
        if (!Number.isInteger(reply.mood) || Math.abs(Number(reply.mood)) > 2)
          say(at, `step "${sid}", reply "${rid}": mood must be a whole number from -2 to 2`);
        const effects = asRaw(reply.competencies);
        for (const [c, v] of Object.entries(effects)) {
          if (!isCompetency(c)) say(at, `step "${sid}", reply "${rid}": unknown competency "${c}"`);
          if (!Number.isInteger(v)) say(at, `step "${sid}", reply "${rid}": competency effects are whole numbers`);
        }
        if (!text(reply.text) || !text(reply.feedback))
          say(at, `step "${sid}", reply "${rid}" needs text and feedback`);
        return {
          id: rid,
          text: text(reply.text),
          mood: Number(reply.mood),
          competencies: effects as Record<string, number>,
          feedback: text(reply.feedback),
          next,
        };
      });
      if (replies.length < 2 || replies.length > 4) say(at, `step "${sid}" offers ${replies.length} replies (2–4)`);
    }
    let freeText: Scenario["steps"][number]["freeText"] = null;
    if (step.freeText !== undefined) {
      const ft = asRaw(step.freeText);
      freeText = { prompt: text(ft.prompt), next: text(ft.next) };
      if (!stepIds.has(freeText.next)) say(at, `step "${sid}": unknown next step "${freeText.next}"`);
      if (!freeText.prompt) say(at, `step "${sid}": the free-text reply needs a prompt`);
    }
    let end: Scenario["steps"][number]["end"] = null;
    if (step.end !== undefined) {
      const e = asRaw(step.end);
      if (typeof e.resolved !== "boolean") say(at, `step "${sid}": end.resolved must be true or false`);
      end = { resolved: e.resolved === true, outcome: text(e.outcome) };
    }
    if (step.private !== undefined && (typeof step.private !== "boolean" || raw.channel !== "social"))
      say(at, `step "${sid}": private is true or false, and only social scenarios have it`);
    steps.push({ id: sid, customer: text(step.customer), private: step.private === true, replies, freeText, end });
  }

  // Reachability from start, and a way to an end from every reachable step.
  const byId = new Map(steps.map((s) => [s.id, s]));
  const nextOf = (s: Scenario["steps"][number]) =>
    [...(s.replies?.map((r) => r.next) ?? []), ...(s.freeText ? [s.freeText.next] : [])].filter((n) => byId.has(n));
  const reachable = new Set<string>();
  const queue = byId.has(start) ? [start] : [];
  while (queue.length) {
    const current = queue.shift() ?? "";
    if (reachable.has(current)) continue;
    reachable.add(current);
    const step = byId.get(current);
    if (step) queue.push(...nextOf(step));
  }
  for (const step of steps)
    if (!reachable.has(step.id)) say(`id: ${step.id}`, `step "${step.id}" cannot be reached from "${start}"`);
  const canEnd = new Set(steps.filter((s) => s.end).map((s) => s.id));
  for (let changed = true; changed;) {
    changed = false;
    for (const step of steps) {
      if (!canEnd.has(step.id) && nextOf(step).some((n) => canEnd.has(n))) {
        canEnd.add(step.id);
        changed = true;
      }
    }
  }
  for (const step of steps) {
    if (reachable.has(step.id) && !canEnd.has(step.id))
      say(`id: ${step.id}`, `step "${step.id}" has no way out: no path from it reaches an end`);
  }
  if (!steps.some((s) => s.freeText)) say("steps:", "a scenario needs at least one free-text step");
  const branching = steps.filter((s) => new Set(s.replies?.map((r) => r.next)).size > 1).length;
  if (branching < 2) say("steps:", `a scenario needs at least two real branches (has ${branching})`);

  const rubric = asList(raw.rubric).map((c) => asRaw(c));
  if (rubric.length < 3 || rubric.length > 5) say("rubric:", `the rubric has 3–5 criteria (has ${rubric.length})`);
  for (const criterion of rubric) {
    const cid = text(criterion.id);
    const lv = asRaw(criterion.levels);
    if (![1, 2, 3, 4].every((n) => text(lv[n])))
      say(`id: ${cid}`, `rubric criterion "${cid}" needs descriptors for levels 1, 2, 3 and 4`);
    const cc = asList(criterion.competencies);
    if (cc.length === 0 || !cc.every(isCompetency))
      say(`id: ${cid}`, `rubric criterion "${cid}" needs known competencies`);
  }

  if (problems.length > before) return null;
  return {
    id,
    title: text(raw.title),
    summary: text(raw.summary),
    channel: channel as Scenario["channel"],
    level: raw.level as Scenario["level"],
    competencies: competencies.filter(isCompetency),
    review: raw.review === true,
    minutes: Number(raw.minutes),
    persona: {
      name: text(persona.name),
      situation: text(persona.situation),
      mood: Number(mood),
      history: text(persona.history),
      crm: Object.fromEntries(Object.entries(crm).map(([k, v]) => [k, String(v)])),
    },
    email: email ? { subject: text(email.subject), history: text(email.history) } : null,
    social: social ? { platform: text(social.platform), handle: text(social.handle) } : null,
    ticket: {
      status: String(ticket.status),
      priority: String(ticket.priority),
      category: String(ticket.category),
      tags: asList(ticket.tags).map(String),
    },
    categories,
    teams,
    articles: articles.map((a) => ({ id: text(a.id), title: text(a.title), body: text(a.body) })),
    requiredActions: actions.map((a) => ({
      id: text(a.id),
      type: a.type as Scenario["requiredActions"][number]["type"],
      value: a.value === undefined || a.value === null ? null : String(a.value),
      label: text(a.label),
    })),
    start,
    steps,
    rubric: rubric.map((c) => ({
      id: text(c.id),
      title: text(c.title),
      competencies: asList(c.competencies).filter(isCompetency),
      levels: {
        1: text(asRaw(c.levels)[1]),
        2: text(asRaw(c.levels)[2]),
        3: text(asRaw(c.levels)[3]),
        4: text(asRaw(c.levels)[4]),
      },
    })),
  };
}
