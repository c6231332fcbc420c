// The item-analysis filters from the page's query string: which attempts, which language,
// which team. Shared by the page, its CSV exports and their links; a value that is none of
// these is a 400, not a silent default.
import { z } from "zod";
import { locales } from "#app/utils/i18n.ts";

const empty = (value: unknown) => (value === "" ? undefined : value);

export const analysisFilterSchema = z.object({
  attempts: z.preprocess(empty, z.enum(["first", "all"]).default("first")),
  locale: z.preprocess(empty, z.enum(locales).nullable().default(null)),
  team: z.preprocess(empty, z.string().min(1).max(64).nullable().default(null)),
});

export type AnalysisQuery = z.output<typeof analysisFilterSchema>;

export function analysisQuery(url: URL) {
  const parsed = analysisFilterSchema.safeParse({
    attempts: url.searchParams.get("attempts") ?? undefined,
    locale: url.searchParams.get("locale") ?? undefined,
    team: url.searchParams.get("team") ?? undefined,
  });
  return parsed.success ? parsed.data : null;
}

/** The query string of a filter, for links to the exports. */
export function analysisSearch(query: AnalysisQuery) {
  const params = new URLSearchParams({ attempts: query.attempts });
  if (query.locale) params.set("locale", query.locale);
  if (query.team) params.set("team", query.team);
  return params.toString();
}
