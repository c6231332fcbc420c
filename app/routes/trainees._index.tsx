import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { useDates } from "#app/components/dates.tsx";
import { Pager } from "#app/components/ui/pager.tsx";
import { getRoster } from "#app/team/roster.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction = () => [{ title: "Trainees · Rapport" }];

/** People per page: a mentor's trainees fit on one; a manager of many pages through them. */
const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor", "manager"]);
  const requested = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const roster = await getRoster(user, resolveLocale(request, user.locale));
  const pages = Math.max(1, Math.ceil(roster.rows.length / PAGE_SIZE));
  const page = Math.min(pages, Number.isInteger(requested) && requested > 0 ? requested : 1);
  return {
    rows: roster.rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    total: roster.rows.length,
    stalledDays: roster.stalledDays,
    page,
    pages,
  };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

function StepText({ step }: { step: Row["step"] }) {
  const { t } = useTranslation();
  switch (step.kind) {
    case "course":
      return (
        <>
          <span className="text-xs font-medium text-slate-600 uppercase">{t("progress.kinds.course")}</span>{" "}
          {step.title}
          {step.detail ? <span className="block text-xs text-slate-600">{step.detail}</span> : null}
        </>
      );
    case "lesson":
    case "quiz":
      return (
        <>
          <span className="text-xs font-medium text-slate-600 uppercase">
            {t(`progress.kinds.${step.kind === "lesson" ? "course" : step.kind}`)}
          </span>{" "}
          {step.title}
        </>
      );
    case "scenario":
      return (
        <>
          <span className="text-xs font-medium text-slate-600 uppercase">{t("progress.kinds.scenario")}</span>{" "}
          {step.title} <span className="text-slate-600">({t(`roster.state.${step.state}`)})</span>
        </>
      );
    case "signOff":
      return <>{t("roster.signOffsLeft", { count: step.behaviours.length })}</>;
    case "waitingReview":
      return <>{t("roster.waitingOnly", { count: step.count })}</>;
    case "done":
      return <>{t("roster.topOfLadder")}</>;
  }
}

const cell = "flex gap-2 px-3 py-1 md:table-cell md:py-2";
const label = "w-36 shrink-0 font-medium text-slate-600 md:hidden";

export default function Roster() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const dates = useDates();
  const columns = ["person", "level", "next", "step", "activity", "waiting", "signOffs"] as const;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-3xl font-bold">{t("roster.title")}</h1>
        <p className="mt-1 text-slate-700">{t("roster.summary", { count: data.total })}</p>
        <p className="mt-1 text-sm text-slate-600">{t("progress.shareMeaning")}</p>
      </header>
      {data.total === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-5">{t("roster.nobody")}</p>
      ) : (
        // Below md each row is a card with its labels; from md up, a table.
        <table className="block w-full text-left text-sm md:table md:rounded-lg md:border md:border-slate-200 md:bg-white">
          <caption className="sr-only">{t("roster.title")}</caption>
          <thead className="hidden bg-slate-50 md:table-header-group">
            <tr>
              {columns.map((col) => (
                <th key={col} scope="col" className="px-3 py-2 font-semibold">
                  {t(`roster.columns.${col}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="block space-y-3 md:table-row-group md:space-y-0 md:divide-y md:divide-slate-100">
            {data.rows.map((row) => (
              <tr
                key={row.id}
                data-trainee={row.id}
                data-stalled={String(row.stalled)}
                className="block rounded-lg border border-slate-200 bg-white py-2 align-top md:table-row md:rounded-none md:border-0 md:py-0"
              >
                <th scope="row" className={`${cell} text-left font-normal`}>
                  <span className={label}>{t("roster.columns.person")}</span>
                  <span>
                    <Link to={`/trainees/${row.id}`} className="font-semibold text-brand-700 underline">
                      {row.name}
                    </Link>
                    {row.team ? <span className="block text-xs text-slate-600">{row.team}</span> : null}
                  </span>
                </th>
                <td className={cell} data-level={row.currentLevel ?? ""}>
                  <span className={label}>{t("roster.columns.level")}</span>
                  {row.currentLevel ?? "—"}
                </td>
                <td className={`${cell} tabular-nums`} data-share={row.share}>
                  <span className={label}>{t("roster.columns.next")}</span>
                  {row.nextLevel ? t("progress.share", { share: row.share, level: row.nextLevel.id }) : "—"}
                </td>
                <td className={cell} data-step={row.step.kind}>
                  <span className={label}>{t("roster.columns.step")}</span>
                  <span>
                    <StepText step={row.step} />
                  </span>
                </td>
                <td className={cell}>
                  <span className={label}>{t("roster.columns.activity")}</span>
                  <span>
                    {row.lastActivity ? dates.date(row.lastActivity) : t("roster.never")}
                    {row.stalled ? (
                      <span className="ml-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
                        {t("team.stalled")}
                      </span>
                    ) : null}
                  </span>
                </td>
                <td className={cell} data-waiting={row.waiting}>
                  <span className={label}>{t("roster.columns.waiting")}</span>
                  {row.waiting ? (
                    <Link to={`/reviews?trainee=${row.id}`} className="text-brand-700 underline">
                      {t("roster.waiting", { count: row.waiting })}
                      {row.waitingOverdue ? ` · ${t("roster.overdue")}` : ""}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
                <td className={cell} data-sign-offs={row.signOffsDue}>
                  <span className={label}>{t("roster.columns.signOffs")}</span>
                  {row.signOffsDue && row.nextLevel ? (
                    <Link to={`/trainees/${row.id}#${row.nextLevel.id}`} className="text-brand-700 underline">
                      {t("roster.signOffsDue", { count: row.signOffsDue, level: row.nextLevel.id })}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={data.page} pages={data.pages} href={(p) => `?page=${p}`} label={t("reviews.pages")} keys="reviews" />
    </div>
  );
}
