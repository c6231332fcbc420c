import { type TeamFilters } from "./team.server.ts";

/** The /team filters from the address (shared by the page and its CSV export). */
export function filtersFrom(url: URL): TeamFilters {
  const status = url.searchParams.get("status");
  return {
    team: url.searchParams.get("team") || undefined,
    status: status === "stalled" || status === "late" ? status : undefined,
    sort: url.searchParams.get("sort") || undefined,
  };
}
