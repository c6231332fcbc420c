// Instant feedback on a free-text reply: deterministic, explainable checks with word lists
// per locale. Shown to the trainee as hints and kept as the mentor's pre-score.
import { type ReplyProblem } from "#app/content/vocabulary.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { en } from "./lexicon.en.ts";
import { es } from "./lexicon.es.ts";
import { ptBR } from "./lexicon.pt-BR.ts";
import { type Cue, type Lexicon } from "./lexicon.ts";
import { uk } from "./lexicon.uk.ts";

const lexicons: Record<Locale, Lexicon> = { en, "pt-BR": ptBR, es, uk };

export const ruleIds = [
  "greeting",
  "name",
  "feelings",
  "apology",
  "banned",
  "blame",
  "nextStep",
  "closing",
  "longSentences",
  "shouting",
] as const;
export type RuleId = (typeof ruleIds)[number];

export type Check = {
  id: RuleId;
  /** null when the rule does not apply to this reply (no apology expected, no name known). */
  ok: boolean | null;
  /** The words that made the rule pass or fail, to explain the hint. */
  evidence: string | null;
};

export type FeedbackContext = { customerName: string | null; apologyExpected: boolean };

export const LONG_SENTENCE_WORDS = 35;

/** Lower case, no accents, one space: "Olá, JOÃO!" → "ola, joao!". Cyrillic keeps its letters. */
export function normalise(text: string) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
    .replace(/[’ʼ`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The first cue found in the text, with the words it matched. */
export function findCue(text: string, cues: Cue[]): string | null {
  const normalised = normalise(text);
  for (const cue of cues) {
    const pattern =
      typeof cue === "string" ? new RegExp(`(?<![\\p{L}\\p{N}])${escape(normalise(cue))}(?![\\p{L}\\p{N}])`, "u") : cue;
    const match = pattern.exec(normalised);
    if (match) return match[0];
  }
  return null;
}

function sentences(text: string) {
  return text
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The customer's first name or surname (formal replies say "Sra. Oliveira"). */
function nameFound(text: string, name: string, locale: Locale) {
  const normalisedText = normalise(text);
  for (const part of normalise(name)
    .split(" ")
    .filter((p) => p.length >= 2)) {
    // Ukrainian addresses people in the vocative (Оксана → Оксано, Тарас → Тарасе): match on the
    // stem there. Elsewhere the name itself, so Paulo is not taken for Paula, nor Marta for martes.
    const pattern =
      locale === "uk" ? `${escape(part.length >= 4 ? part.slice(0, -1) : part)}\\p{L}{0,2}` : escape(part);
    const match = new RegExp(`(?<![\\p{L}])${pattern}(?![\\p{L}])`, "u").exec(normalisedText);
    if (match) return match[0];
  }
  return null;
}

function shouting(text: string, acronyms: string[]) {
  const loud = [...text.matchAll(/(?<![\p{L}])(\p{Lu}{3,})(?![\p{L}])/gu)]
    .map((m) => m[1] ?? "")
    .filter((w) => !acronyms.includes(w));
  if (loud.length >= 2 || loud.some((w) => w.length >= 6)) return loud.join(" ");
  const exclamations = /[!¡]{2,}|\?!|!\?|¡¿|¿¡/.exec(text);
  return exclamations ? exclamations[0] : null;
}

export function checkReply(text: string, locale: Locale, context: FeedbackContext): Check[] {
  const lexicon = lexicons[locale];
  // A greeting opens the reply: look at its first words only.
  const opening = text.trim().split(/\s+/).slice(0, 4).join(" ");
  const closingPart = sentences(text).slice(-2).join(" ");
  const greeting = findCue(opening, lexicon.greetings);
  const name = context.customerName ? nameFound(text, context.customerName, locale) : null;
  const feelings = findCue(text, lexicon.feelings);
  const apology = findCue(text, lexicon.apologies);
  const banned = findCue(text, lexicon.banned);
  const blame = findCue(text, lexicon.blame);
  const nextStep = findCue(text, lexicon.nextSteps);
  const timeFrame = findCue(text, lexicon.timeFrames);
  const closing = findCue(closingPart, lexicon.closings);
  const long = sentences(text).find((s) => s.split(/\s+/).length > LONG_SENTENCE_WORDS) ?? null;
  const loud = shouting(text, lexicon.acronyms);
  return [
    { id: "greeting", ok: Boolean(greeting), evidence: greeting },
    { id: "name", ok: context.customerName ? Boolean(name) : null, evidence: name },
    { id: "feelings", ok: Boolean(feelings), evidence: feelings },
    { id: "apology", ok: context.apologyExpected ? Boolean(apology) : null, evidence: apology },
    { id: "banned", ok: !banned, evidence: banned },
    { id: "blame", ok: !blame, evidence: blame },
    {
      id: "nextStep",
      ok: Boolean(nextStep && timeFrame),
      evidence: nextStep && timeFrame ? `${nextStep} … ${timeFrame}` : (nextStep ?? timeFrame),
    },
    { id: "closing", ok: Boolean(closing), evidence: closing },
    { id: "longSentences", ok: !long, evidence: long && `${long.split(/\s+/).slice(0, 8).join(" ")}…` },
    { id: "shouting", ok: !loud, evidence: loud },
  ];
}

/** What each failed check means for a scenario's `when: { reply: … }` (docs/authoring.md). */
const problemOf: Record<RuleId, ReplyProblem> = {
  greeting: "no-greeting",
  name: "no-name",
  feelings: "no-empathy",
  apology: "no-apology",
  banned: "banned",
  blame: "blame",
  nextStep: "no-next-step",
  closing: "no-closing",
  longSentences: "long-sentences",
  shouting: "shouting",
};

/** The problems of a reply: its failed checks, in the words scenarios branch on. */
export function problemsOf(checks: ReadonlyArray<Pick<Check, "id" | "ok">>): ReplyProblem[] {
  return checks.filter((c) => c.ok === false).map((c) => problemOf[c.id]);
}

/** The automatic pre-score a mentor sees (and may override): the share of applicable checks passed. */
export function preScore(checks: Check[]) {
  const applicable = checks.filter((c) => c.ok !== null);
  return applicable.length ? Math.round((applicable.filter((c) => c.ok).length / applicable.length) * 100) : 0;
}
