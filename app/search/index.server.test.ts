import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { root } from "#tests/setup/paths.ts";
import {
  buildIndex,
  MAX_RESULTS,
  parseQuery,
  runSearch,
  type SearchDocument,
  type SearchResult,
  searchContent,
} from "./index.server.ts";
import { MAX_QUERY_WORDS, type Segment } from "./text.ts";

const marked = (segments: Segment[] | null) => (segments ?? []).filter((s) => s.hit).map((s) => s.text);
const joined = (segments: Segment[] | null) => (segments ?? []).map((s) => s.text).join("");
const hrefs = (results: SearchResult[]) => results.map((r) => r.href);

const doc = (id: string, fields: Partial<SearchDocument>): SearchDocument => ({
  id,
  kind: "lesson",
  href: `/courses/c/${id}`,
  title: "",
  summary: "",
  body: "",
  context: null,
  locale: "pt-BR",
  ...fields,
});

const documents = [
  doc("empathy", {
    title: "Empatia na prática",
    summary: "Como reconhecer a emoção do cliente.",
    body: `${"Uma introdução longa sobre o atendimento. ".repeat(6)}Nomeie a frustração antes de resolver o problema.`,
  }),
  doc("channels", { title: "Canais de atendimento", summary: "Chat, e-mail e telefone: comunicação em cada canal." }),
  doc("refunds", { title: "Reembolsos", summary: "Quando e como devolver o dinheiro.", locale: "en" }),
];
const index = buildIndex(documents);
const search = (q: string) => runSearch(index, parseQuery(q));

describe("the search index", () => {
  test("finds a word in a title and marks it, keeping the text as written", () => {
    const [first] = search("empatia");
    expect(first?.href).toBe("/courses/c/empathy");
    expect(marked(first?.title ?? [])).toEqual(["Empatia"]);
    expect(joined(first?.title ?? [])).toBe("Empatia na prática");
  });

  test("ignores case and accents both ways: comunicacao finds comunicação, PRÁTICA finds prática", () => {
    expect(hrefs(search("comunicacao"))).toEqual(["/courses/c/channels"]);
    expect(marked(search("comunicacao")[0]?.summary ?? [])).toEqual(["comunicação"]);
    expect(hrefs(search("PRÁTICA"))).toEqual(["/courses/c/empathy"]);
  });

  test("a word being typed finds its longer form, and a slip in a long word is forgiven", () => {
    expect(hrefs(search("empat"))).toEqual(["/courses/c/empathy"]);
    expect(hrefs(search("reembolsso"))).toEqual(["/courses/c/refunds"]);
  });

  test("every word must match: two words found in different lessons find neither", () => {
    expect(search("reembolsos empatia")).toEqual([]);
    expect(hrefs(search("canais telefone"))).toEqual(["/courses/c/channels"]);
  });

  test("a match deep in a lesson's text comes with an excerpt around it, cut at spaces", () => {
    const [first] = search("frustração");
    expect(first?.href).toBe("/courses/c/empathy");
    expect(marked(first?.excerpt ?? null)).toEqual(["frustração"]);
    const excerpt = joined(first?.excerpt ?? null);
    expect(excerpt.startsWith("… ")).toBe(true);
    expect(excerpt).toContain("Nomeie a frustração antes de resolver o problema.");
    expect(excerpt.length).toBeLessThan(260);
  });

  test("a title match has no excerpt, and an English fallback keeps its language", () => {
    const [first] = search("reembolsos");
    expect(first?.excerpt).toBeNull();
    expect(first?.locale).toBe("en");
  });

  test("regular-expression characters, HTML and punctuation are only separators", () => {
    expect(search(".*(?:[")).toEqual([]);
    expect(search("\\")).toEqual([]);
    expect(hrefs(search("<<empatia>> «prática»"))).toEqual(["/courses/c/empathy"]);
    expect(search("<script>alert(1)</script>")).toEqual([]);
    expect(parseQuery('"); DROP TABLE --').words).toEqual(["drop", "table"]);
  });

  test("an empty or blank query searches nothing", () => {
    expect(search("")).toEqual([]);
    expect(search("   \t ")).toEqual([]);
    expect(parseQuery("").words).toEqual([]);
  });

  test("a query is cut to its first distinct words, and says how many were left out", () => {
    const many = Array.from({ length: MAX_QUERY_WORDS + 4 }, (_, i) => `word${i}`);
    const query = parseQuery([...many, "word0", "WORD1"].join(" "));
    expect(query.words).toEqual(many.slice(0, MAX_QUERY_WORDS));
    expect(query.dropped).toBe(4);
  });

  test("results are capped", () => {
    const crowd = buildIndex(
      Array.from({ length: MAX_RESULTS + 20 }, (_, i) => doc(`l${i}`, { title: `Escuta ${i}` })),
    );
    expect(runSearch(crowd, parseQuery("escuta"))).toHaveLength(MAX_RESULTS);
  });
});

// The fixture tree: lesson "first" has a Ukrainian variant, "second" has not; the quiz has a
// Ukrainian title; the scenario has a Portuguese variant only.
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

describe("searching the content", () => {
  test("a Ukrainian reader finds a Ukrainian lesson by a word of its body", async () => {
    const results = await searchContent(parseQuery("привітні"), "uk");
    expect(hrefs(results)).toEqual(["/courses/basics/first"]);
    expect(results[0]?.locale).toBe("uk");
    expect(joined(results[0]?.title ?? [])).toBe("Перший урок");
    expect(marked(results[0]?.excerpt ?? null)).toEqual(["привітні"]);
  });

  test("a lesson without the reader's language is found in English and marked English", async () => {
    const results = await searchContent(parseQuery("second"), "uk");
    expect(hrefs(results)).toEqual(["/courses/basics/second"]);
    expect(results[0]?.locale).toBe("en");
    expect(results[0]?.context).toBe("Основи");
  });

  test("quiz titles and scenarios are found in the reader's language", async () => {
    expect(hrefs(await searchContent(parseQuery("підсумковий"), "uk"))).toEqual(["/quizzes/basics-final"]);
    expect(hrefs(await searchContent(parseQuery("cenário"), "pt-BR"))).toEqual(["/scenarios/fixture-chat"]);
  });

  test("quiz questions, options and feedback are not searchable", async () => {
    for (const word of ["FEEDBACK", "EXPLANATION", "Заспокойтеся", "Жаргон"])
      expect(await searchContent(parseQuery(word), "uk")).toEqual([]);
  });
});
