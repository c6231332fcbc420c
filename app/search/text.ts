// How search cuts text into words and compares them, shared by the index and the
// highlighter so that a highlighted word is exactly a word the index matched.

/** Longer queries are refused: nobody types 200 characters into a search box. */
export const MAX_QUERY_LENGTH = 200;
/** Words beyond these are not searched (each word is a walk of the index). */
export const MAX_QUERY_WORDS = 8;

/** Letters, digits and marks, with an apostrophe inside a word ("пам’ятайте", "don't"). */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’ʼ][\p{L}\p{N}\p{M}]+)*/gu;

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Case, accents and apostrophe forms do not matter: "comunicacao" finds "comunicação". */
export function normalizeWord(word: string) {
  return word.normalize("NFD").replace(/\p{M}/gu, "").replace(/[’ʼ]/g, "'").toLowerCase();
}

export type Segment = { text: string; hit: boolean };

/** The text cut into plain runs and matched words; rendered as elements, never as HTML. */
export function highlight(text: string, terms: ReadonlySet<string>): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    if (!terms.has(normalizeWord(match[0]))) continue;
    if (match.index > last) segments.push({ text: text.slice(last, match.index), hit: false });
    segments.push({ text: match[0], hit: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), hit: false });
  return segments;
}

const BEFORE = 60;
const AFTER = 180;

/** Around the first matched word of a long text, cut at spaces; null when no word matched. */
export function snippet(text: string, terms: ReadonlySet<string>): Segment[] | null {
  let at = -1;
  for (const match of text.matchAll(WORD)) {
    if (terms.has(normalizeWord(match[0]))) {
      at = match.index;
      break;
    }
  }
  if (at < 0) return null;
  let start = Math.max(0, at - BEFORE);
  let end = Math.min(text.length, at + AFTER);
  if (start > 0) start = Math.min(text.indexOf(" ", start) + 1 || at, at);
  if (end < text.length) end = Math.max(text.lastIndexOf(" ", end), at + 1);
  const part = text.slice(start, end).replace(/\s+/g, " ").trim();
  return highlight(`${start > 0 ? "… " : ""}${part}${end < text.length ? " …" : ""}`, terms);
}
