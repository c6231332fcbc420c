// The team table: one page of people with their level, progress to the next, what is still
// missing, activity, goal and mentor (and a link to change the last two). On a phone each
// person is a card with its labels; from md up, a table.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates.tsx";

type Row = {
  id: string;
  name: string;
  team: string;
  currentLevel: string | null;
  nextLevel: string | null;
  share: number;
  missing: string[];
  lastActivity: string | Date | null;
  stalled: boolean;
  goal: { targetLevel: string; dueDate: string | Date; late: boolean } | null;
  mentor: { id: string; name: string } | null;
};

export function PeopleTable({
  rows,
  assignments,
  changeHref,
}: {
  rows: Row[];
  /** Open and overdue assignments per person (ADR 039). */
  assignments: Record<string, { open: number; overdue: number }>;
  changeHref: (personId: string) => string;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <div className="relative md:overflow-x-auto md:rounded-lg md:border md:border-slate-200 md:bg-white">
      <table className="block w-full text-left text-sm md:table">
        <thead className="hidden bg-slate-50 md:table-header-group">
          <tr>
            {["person", "level", "next", "missing", "activity", "goal", "assigned", "mentor"].map((col) => (
              <th key={col} className="px-3 py-2 font-semibold">
                {t(`team.columns.${col}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="block space-y-3 align-top md:table-row-group md:space-y-0 md:divide-y md:divide-slate-100">
          {rows.map((row) => {
            return (
              <tr
                className="block rounded-lg border border-slate-200 bg-white py-2 md:table-row md:rounded-none md:border-0 md:py-0"
                key={row.id}
                id={`person-${row.id}`}
                data-person={row.id}
                data-stalled={String(row.stalled)}
                data-late={String(Boolean(row.goal?.late))}
              >
                <td className="flex gap-2 px-3 py-1 md:table-cell md:py-2">
                  <span className="w-28 shrink-0 font-medium text-slate-600 md:hidden">{t("team.columns.person")}</span>
                  <div>
                    <Link to={`/trainees/${row.id}`} className="font-medium underline-offset-2 hover:underline">
                      {row.name}
                    </Link>
                    <span className="block text-xs text-slate-600">{row.team}</span>
                  </div>
                </td>
                <td className="flex gap-2 px-3 py-1 md:table-cell md:py-2" data-level={row.currentLevel ?? ""}>
                  <span className="w-28 shrink-0 font-medium text-slate-600 md:hidden">{t("team.columns.level")}</span>
                  {row.currentLevel ?? "—"}
                </td>
                <td className="flex gap-2 px-3 py-1 md:table-cell md:py-2 tabular-nums">
                  <span className="w-28 shrink-0 font-medium text-slate-600 md:hidden">{t("team.columns.next")}</span>
                  {row.nextLevel ? `${row.nextLevel}: ${row.share}%` : "—"}
                </td>
                <td className="flex gap-2 px-3 py-1 md:table-cell md:py-2 text-xs">
                  <span className="w-28 shrink-0 font-medium text-slate-600 md:hidden">
                    {t("team.columns.missing")}
                  </span>
                  <div>
                    {row.missing.slice(0, 3).join(" · ")}
                    {row.missing.length > 3 ? ` ${t("team.andMore", { count: row.missing.length - 3 })}` : ""}
                  </div>
                </td>
                <td className="flex gap-2 px-3 py-1 md:table-cell md:py-2">
                  <span className="w-28 shrink-0 font-medium text-slate-600 md:hidden">
                    {t("team.columns.activity")}
                  </span>
                  <div>
                    {row.lastActivity ? dates.date(row.lastActivity) : "—"}
                    {row.stalled ? (
                      <span className="ml-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
                        {t("team.stalled")}
                      </span>
                    ) : null}
                  </div>
                </td>
                <td className="flex gap-2 px-3 py-1 md:table-cell md:py-2">
                  <span className="w-28 shrink-0 font-medium text-slate-600 md:hidden">{t("team.columns.goal")}</span>
                  <div>
                    {row.goal ? (
                      <>
                        {row.goal.targetLevel} · {dates.date(row.goal.dueDate)}
                        {row.goal.late ? (
                          <span className="ml-1 rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900">
                            {t("team.late")}
                          </span>
                        ) : null}
                      </>
                    ) : (
                      "—"
                    )}
                  </div>
                </td>
                <td
                  className="flex gap-2 px-3 py-1 md:table-cell md:py-2"
                  data-assignments-open={assignments[row.id]?.open ?? 0}
                  data-assignments-overdue={assignments[row.id]?.overdue ?? 0}
                >
                  <span className="w-28 shrink-0 font-medium text-slate-600 md:hidden">
                    {t("team.columns.assigned")}
                  </span>
                  {assignments[row.id]?.open ? (
                    <Link to={`/trainees/${row.id}#assignments`} className="underline-offset-2 hover:underline">
                      {t("assignments.counts", assignments[row.id])}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="flex gap-2 px-3 py-1 md:table-cell md:py-2">
                  <span className="w-28 shrink-0 font-medium text-slate-600 md:hidden">{t("team.columns.mentor")}</span>
                  <div>
                    {row.mentor?.name ?? "—"}
                    <Link
                      to={changeHref(row.id)}
                      preventScrollReset
                      className="mt-1 block text-xs text-brand-700 underline print:hidden"
                    >
                      {t("team.change")}
                    </Link>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
