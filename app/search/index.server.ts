// Search over lessons (title, summary and text), quiz titles and scenarios (title and
// summary), one MiniSearch index per reader's language, built on the first search after the
// content changes (ADR 030). A text without a variant in the reader's language is indexed in
// English and marked as such. Quiz questions, answer keys and scenario scripts are never
// indexed: a result must not give away what a quiz or a scenario asks.
import MiniSearch from "minisearch";
import {
  type Catalogue,
  contentVersion,
  getCourses,
  getLessonTexts,
  getQuizzes,
  getScenarios,
} from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { highlight, MAX_QUERY_LENGTH, MAX_QUERY_WORDS, normalizeWord, type Segment, snippet, words } from "./text.ts";

export type SearchKind = "lesson" | "quiz" | "scenario";

export type SearchDocument = {
  id: string;
  kind: SearchKind;
  href: string;
  title: string;
  summary: string;
  /** A lesson's headings and paragraphs; empty for quizzes and scenarios. */
  body: string;
  /** The course a lesson or quiz belongs to, in the same language choice. */
  context: string | null;
  /** The language the texts are in: the reader's, or English when there is no variant. */
  locale: Locale;
};

export type SearchResult = {
  kind: SearchKind;
  href: string;
  title: Segment[];
  summary: Segment[];
  /** Where the lesson's text matched, when the words are not all in the title or summary. */
  excerpt: Segment[] | null;
  context: string | null;
  locale: Locale;
};

export const MAX_RESULTS = 30;

type Content = Pick<Catalogue, "courses" | "quizzes" | "scenarios">;

export function searchDocuments(content: Content, texts: Record<string, string>, locale: Locale): SearchDocument[] {
  const documents: SearchDocument[] = [];
  const courseTitles = new Map<string, string>();
  for (const course of content.courses) {
    const courseTitle = pick(course.text, locale).value.title;
    courseTitles.set(course.slug, courseTitle);
    for (const lesson of course.lessons) {
      const shown = pick(lesson.text, locale);
      documents.push({
        id: `lesson:${course.slug}/${lesson.slug}`,
        kind: "lesson",
        href: `/courses/${course.slug}/${lesson.slug}`,
        title: shown.value.title,
        summary: shown.value.summary,
        body: texts[`${course.slug}/${lesson.slug}/${shown.locale}`] ?? "",
        context: courseTitle,
        locale: shown.locale,
      });
    }
  }
  for (const quiz of Object.values(content.quizzes)) {
    const shown = pick(quiz.variants, locale);
    documents.push({
      id: `quiz:${quiz.id}`,
      kind: "quiz",
      href: `/quizzes/${quiz.id}`,
      title: shown.value.title,
      summary: "",
      body: "",
      context: courseTitles.get(quiz.courseSlug) ?? null,
      locale: shown.locale,
    });
  }
  for (const scenario of Object.values(content.scenarios)) {
    const shown = pick(scenario.variants, locale);
    documents.push({
      id: `scenario:${scenario.id}`,
      kind: "scenario",
      href: `/scenarios/${scenario.id}`,
      title: shown.value.title,
      summary: shown.value.summary,
      body: "",
      context: null,
      locale: shown.locale,
    });
  }
  return documents;
}

export type SearchIndex = { index: MiniSearch<SearchDocument>; documents: Map<string, SearchDocument> };

export function buildIndex(documents: SearchDocument[]): SearchIndex {
  const index = new MiniSearch<SearchDocument>({
    fields: ["title", "summary", "body"],
    tokenize: words,
    processTerm: normalizeWord,
    searchOptions: {
      boost: { title: 4, summary: 2 },
      combineWith: "AND",
      // A word being typed ("empat") finds its longer forms; a slip in a long word is forgiven.
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 5 ? 0.15 : false),
      maxFuzzy: 2,
    },
  });
  index.addAll(documents);
  return { index, documents: new Map(documents.map((document) => [document.id, document])) };
}

export type Query = { words: string[]; dropped: number };

/** The words searched for; the page refuses a longer query, and no caller can pass one through. */
export function parseQuery(raw: string): Query {
  const unique = [...new Set(words(raw.slice(0, MAX_QUERY_LENGTH)).map(normalizeWord))];
  return { words: unique.slice(0, MAX_QUERY_WORDS), dropped: Math.max(0, unique.length - MAX_QUERY_WORDS) };
}

export function runSearch({ index, documents }: SearchIndex, query: Query): SearchResult[] {
  if (query.words.length === 0) return [];
  // Words, not the raw string: MiniSearch gets nothing but letters, digits and apostrophes.
  const hits = index.search(query.words.join(" ")).slice(0, MAX_RESULTS);
  return hits.flatMap((hit) => {
    const document = documents.get(String(hit.id));
    if (!document) return [];
    const terms = new Set<string>(hit.terms);
    const bodyMatched = Object.values(hit.match).some((fields) => fields.includes("body"));
    return [
      {
        kind: document.kind,
        href: document.href,
        title: highlight(document.title, terms),
        summary: highlight(document.summary, terms),
        excerpt: bodyMatched ? snippet(document.body, terms) : null,
        context: document.context,
        locale: document.locale,
      },
    ];
  });
}

let built: { version: string; byLocale: Map<Locale, Promise<SearchIndex>> } | null = null;

/** The reader's language's index, built once per content version. */
function indexFor(locale: Locale) {
  const version = contentVersion();
  if (built?.version !== version) built = { version, byLocale: new Map() };
  const byLocale = built.byLocale;
  let index = byLocale.get(locale);
  if (!index) {
    index = getLessonTexts().then((texts) =>
      buildIndex(
        searchDocuments({ courses: getCourses(), quizzes: getQuizzes(), scenarios: getScenarios() }, texts, locale),
      ),
    );
    byLocale.set(locale, index);
    index.catch(() => byLocale.delete(locale));
  }
  return index;
}

export async function searchContent(query: Query, locale: Locale) {
  if (query.words.length === 0) return [];
  return runSearch(await indexFor(locale), query);
}
