// Pieces every content schema is built from, and the error map that turns zod's issues
// into sentences for authors. New content kinds (question pools, outcomes…) reuse these.
import { z } from "zod";
import { channels, competencies, type Competency, levels, SLUG, tracks, translationLocales } from "../vocabulary.ts";

const keyOf = (path: ReadonlyArray<PropertyKey>) => {
  const key = [...path].reverse().find((segment) => typeof segment === "string");
  return key === undefined ? "the file" : `"${key}"`;
};

const expected: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping of keys",
  record: "a mapping of keys",
};

/** Passed to every parse: the fallback wording when a schema says nothing more precise. */
export const authorErrors: z.core.$ZodErrorMap = (issue) => {
  const path = issue.path ?? [];
  const key = String(path.at(-1) ?? "");
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return `missing "${key}"`;
      return `${keyOf(path)} must be ${expected[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      return `${keyOf(path)} must be one of ${issue.values.map(String).join(", ")} (not "${String(issue.input)}")`;
    case "too_small":
      return issue.origin === "array"
        ? `${keyOf(path)} needs at least ${String(issue.minimum)}`
        : issue.origin === "string"
          ? `${keyOf(path)} must not be empty`
          : `${keyOf(path)} must be at least ${String(issue.minimum)}`;
    case "too_big":
      return issue.origin === "string"
        ? `${keyOf(path)} is longer than ${String(issue.maximum)} characters`
        : issue.origin === "array"
          ? `${keyOf(path)} has more than ${String(issue.maximum)}`
          : `${keyOf(path)} must be at most ${String(issue.maximum)}`;
    case "invalid_format":
      return issue.format === "regex" ? `${keyOf(path)}: ids are lower-case words joined by dashes` : undefined;
    default:
      return undefined;
  }
};

export const text = (max: number) => z.string().trim().min(1).max(max);

export const slug = z.string().regex(SLUG);

export const competency = z.enum(competencies, {
  error: (issue) =>
    issue.input === undefined
      ? undefined
      : `unknown competency "${String(issue.input)}" (known: ${competencies.join(", ")})`,
});

export const competencyList = z
  .array(competency)
  .min(1, `competencies must be a non-empty list of: ${competencies.join(", ")}`);

/** Competencies as a reply moves them: +1 / −1 per competency. */
export const competencyEffects = z.partialRecord(
  competency,
  z.int({ error: "competency effects are whole numbers" }),
) satisfies z.ZodType<Partial<Record<Competency, number>>>;

export const level = z.enum(levels, {
  error: (issue) =>
    issue.input === undefined ? undefined : `unknown level "${String(issue.input)}" (known: ${levels.join(", ")})`,
});

export const track = z.enum(tracks, {
  error: (issue) =>
    issue.input === undefined ? undefined : `unknown track "${String(issue.input)}" (known: ${tracks.join(", ")})`,
});

export const channel = z.enum(channels);

export const translationLocale = z.enum(translationLocales, {
  error: (issue) => `unknown locale "${String(issue.input)}" in translations (use ${translationLocales.join(", ")})`,
});

const titleIn = (locale: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `the title needs ${locale}` : undefined) })
    .trim()
    .min(1, `the title needs ${locale}`);

/** A text in every language (ladder titles): a missing language is named. */
export const everyLanguage = z.strictObject({
  en: titleIn("en"),
  "pt-BR": titleIn("pt-BR"),
  es: titleIn("es"),
  uk: titleIn("uk"),
});

/** Options and items may be written `id: true` in YAML; ids are always text. */
export const optionId = z
  .union([z.string().min(1), z.number(), z.boolean()], { error: "an option has no id" })
  .transform(String);

export const wholeNumber = (min: number, max: number, what: string) => {
  const message = `${what} must be a whole number from ${min} to ${max}`;
  return z
    .int({ error: (issue) => (issue.input === undefined ? undefined : message) })
    .min(min, message)
    .max(max, message);
};
