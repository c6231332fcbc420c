// The team table: one page of people with their level, progress to the next, what is still
// missing, activity, goal and mentor (and a link to change the last two).
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "#app/utils/format.ts";

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

export function PeopleTable({ rows, changeHref }: { rows: Row[]; changeHref: (personId: string) => string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50">
          <tr>
            {["person", "level", "next", "missing", "activity", "goal", "mentor"].map((col) => (
              <th key={col} className="px-3 py-2 font-semibold">
                {t(`team.columns.${col}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((row) => {
            return (
              <tr
                key={row.id}
                id={`person-${row.id}`}
                data-person={row.id}
                data-stalled={String(row.stalled)}
                data-late={String(Boolean(row.goal?.late))}
              >
                <td className="px-3 py-2">
                  <Link to={`/trainees/${row.id}`} className="font-medium underline-offset-2 hover:underline">
                    {row.name}
                  </Link>
                  <span className="block text-xs text-slate-600">{row.team}</span>
                </td>
                <td className="px-3 py-2" data-level={row.currentLevel ?? ""}>
                  {row.currentLevel ?? "—"}
                </td>
                <td className="px-3 py-2 tabular-nums">{row.nextLevel ? `${row.nextLevel}: ${row.share}%` : "—"}</td>
                <td className="px-3 py-2 text-xs">
                  {row.missing.slice(0, 3).join(" · ")}
                  {row.missing.length > 3 ? ` ${t("team.andMore", { count: row.missing.length - 3 })}` : ""}
                </td>
                <td className="px-3 py-2">
                  {row.lastActivity ? formatDate(row.lastActivity, i18n.language) : "—"}
                  {row.stalled ? (
                    <span className="ml-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
                      {t("team.stalled")}
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-2">
                  {row.goal ? (
                    <>
                      {row.goal.targetLevel} · {formatDate(row.goal.dueDate, i18n.language)}
                      {row.goal.late ? (
                        <span className="ml-1 rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900">
                          {t("team.late")}
                        </span>
                      ) : null}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-3 py-2">
                  {row.mentor?.name ?? "—"}
                  <Link
                    to={changeHref(row.id)}
                    preventScrollReset
                    className="mt-1 block text-xs text-brand-700 underline print:hidden"
                  >
                    {t("team.change")}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
