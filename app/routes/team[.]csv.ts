// /team.csv — the team table as a spreadsheet: UTF-8 with a byte-order mark so Excel keeps
// accents and Cyrillic, headers in the manager's language, the same filters as the page.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "#app/accounts/auth.server.ts";
import { filtersFrom } from "#app/team/filters.ts";
import { getTeamView, missingLabels } from "#app/team/team.server.ts";
import { csvResponse } from "#app/utils/csv.server.ts";
import { createI18n } from "#app/utils/i18n.ts";
import { resolveLocale, translations } from "#app/utils/locale.server.ts";

const day = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : "");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "manager");
  const locale = resolveLocale(request, user.locale);
  const view = await getTeamView(user, filtersFrom(new URL(request.url)), locale);
  const { t } = createI18n(locale, { translation: translations[locale] });
  const columns = [
    "name",
    "email",
    "team",
    "level",
    "next",
    "share",
    "missing",
    "activity",
    "stalled",
    "target",
    "due",
    "late",
    "mentor",
    "daysToL1",
  ];
  const rows = view.rows.map((r) => [
    r.name,
    r.email,
    r.team,
    r.currentLevel ?? "",
    r.nextLevel ?? "",
    String(r.share),
    missingLabels(r, locale).join("; "),
    day(r.lastActivity),
    r.stalled ? t("team.csv.yes") : t("team.csv.no"),
    r.goal?.targetLevel ?? "",
    day(r.goal?.dueDate),
    r.goal?.late ? t("team.csv.yes") : t("team.csv.no"),
    r.mentor?.name ?? "",
    r.daysToL1 === null ? "" : String(r.daysToL1),
  ]);
  return csvResponse(
    `team-${new Date().toISOString().slice(0, 10)}.csv`,
    columns.map((c) => t(`team.csv.${c}`)),
    rows,
  );
}
