import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { Button } from "#app/components/ui/field.tsx";
import { levels } from "#app/content/vocabulary.ts";
import { assign, AssignError, mentorOptions } from "#app/team/assign.server.ts";
import { Cohorts, Funnel, HeatMap, MentorTable } from "#app/team/charts.tsx";
import { filtersFrom } from "#app/team/filters.ts";
import { getTeamView, missingLabels } from "#app/team/team.server.ts";
import { toDateInput } from "#app/utils/format.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";
import { Pager } from "#app/components/ui/pager.tsx";
import { useDates } from "#app/components/dates.tsx";

export const meta: MetaFunction = () => [{ title: "Team · Rapport" }];

/** People per page of the table and heat map; the charts and the CSV cover everyone. */
const PAGE_SIZE = 50;

function withParam(params: URLSearchParams, name: string, value: string | null) {
  const next = new URLSearchParams(params);
  if (value === null) next.delete(name);
  else next.set(name, value);
  if (name !== "page" && name !== "assign") next.delete("page");
  return next.toString();
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "manager");
  const url = new URL(request.url);
  const locale = resolveLocale(request, user.locale);
  const [full, mentors] = await Promise.all([getTeamView(user, filtersFrom(url), locale), mentorOptions()]);
  // One page of people goes to the browser; the charts above it cover everyone.
  const pages = Math.max(1, Math.ceil(full.rows.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number(url.searchParams.get("page") ?? "1") || 1));
  // What is missing is put into words only for the people shown.
  const present = ({ missingJson, ...row }: (typeof full.rows)[number]) => ({
    ...row,
    missing: missingLabels({ ...row, missingJson }, locale),
  });
  const rows = full.rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(present);
  const assignId = url.searchParams.get("assign");
  const found = full.rows.find((r) => r.id === assignId);
  const assigning = found ? present(found) : null;
  const view = {
    ...full,
    rows,
    heatMap: { ...full.heatMap, rows: full.heatMap.rows.filter((r) => rows.some((p) => p.id === r.id)) },
  };
  return json({ view, mentors, page, pages, assigning });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "manager");
  const form = await request.formData();
  const value = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.trim() : "";
  };
  const input = {
    traineeId: value("traineeId"),
    mentorId: value("mentorId"),
    targetLevel: value("targetLevel"),
    dueDate: value("dueDate"),
  };
  try {
    await assign(user, input);
  } catch (error) {
    if (!(error instanceof AssignError)) throw error;
    return json({ error: error.code, input }, { status: error.status });
  }
  const search = new URLSearchParams(new URL(request.url).search);
  search.delete("assign");
  return redirect(`/team?${search.toString()}#person-${input.traineeId}`);
}

export default function TeamPage() {
  const { view, mentors, page, pages, assigning: fromAddress } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const dates = useDates();
  const select = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1.5";
  const assigning =
    fromAddress ?? (actionData ? (view.rows.find((r) => r.id === actionData.input.traineeId) ?? null) : null);
  const kept = actionData?.input ?? null;
  const pageRows = view.rows;
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold">{t("team.title")}</h1>
          <p className="mt-1 text-slate-700">
            {t("team.summary", { count: view.total, teams: view.teams.map((x) => x.name).join(", ") })}
          </p>
        </div>
        <a
          href={`/team.csv?${params.toString()}`}
          className="rounded border border-slate-300 bg-white px-3 py-2 text-sm font-semibold"
          download
        >
          {t("team.exportCsv")}
        </a>
      </header>

      <Form method="get" className="flex flex-wrap items-end gap-3 text-sm print:hidden">
        <label>
          <span className="block font-medium">{t("team.filterTeam")}</span>
          <select name="team" defaultValue={params.get("team") ?? ""} className={select}>
            <option value="">{t("team.allTeams")}</option>
            {view.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="block font-medium">{t("team.filterStatus")}</span>
          <select name="status" defaultValue={params.get("status") ?? ""} className={select}>
            <option value="">{t("team.everyone")}</option>
            <option value="stalled">{t("team.onlyStalled")}</option>
            <option value="late">{t("team.onlyLate")}</option>
          </select>
        </label>
        <label>
          <span className="block font-medium">{t("team.sortBy")}</span>
          <select name="sort" defaultValue={params.get("sort") ?? "name"} className={select}>
            {["name", "level", "progress", "activity", "due"].map((key) => (
              <option key={key} value={key}>
                {t(`team.sort.${key}`)}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="secondary">
          {t("team.show")}
        </Button>
      </Form>

      {assigning ? (
        <section
          id="assign"
          aria-labelledby="assign-title"
          className="rounded-lg border border-brand-100 bg-white p-4 print:hidden"
        >
          <h2 id="assign-title" className="font-semibold">
            {t("team.changeFor", { name: assigning.name })}
          </h2>
          {actionData?.error ? (
            <p role="alert" className="mt-2 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
              {t(`team.errors.${actionData.error}`)}
            </p>
          ) : null}
          <Form method="post" className="mt-3 flex flex-wrap items-end gap-3 text-sm" preventScrollReset>
            <input type="hidden" name="traineeId" value={assigning.id} />
            <label>
              {t("team.mentor")}
              <select name="mentorId" defaultValue={kept?.mentorId ?? assigning.mentor?.id ?? ""} className={select}>
                <option value="">{t("team.keepMentor")}</option>
                {mentors.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("team.targetLevel")}
              <select
                name="targetLevel"
                defaultValue={kept?.targetLevel ?? assigning.goal?.targetLevel ?? assigning.nextLevel ?? "L1"}
                className={select}
              >
                {levels.map((l) => (
                  <option key={l} value={l}>
                    {l} · {view.levelTitles[l]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("team.dueDate")}
              <input
                type="date"
                name="dueDate"
                required
                defaultValue={kept?.dueDate ?? toDateInput(assigning.goal?.dueDate)}
                className="mt-1 block rounded border border-slate-300 px-2 py-1.5"
              />
            </label>
            <Button type="submit" disabled={busy}>
              {t("team.save")}
            </Button>
            <Link to={`?${withParam(params, "assign", null)}`} className="text-sm underline">
              {t("team.cancel")}
            </Link>
          </Form>
        </section>
      ) : actionData?.error ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {t(`team.errors.${actionData.error}`)}
        </p>
      ) : null}

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
            {pageRows.map((row) => {
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
                    {row.lastActivity ? dates.date(row.lastActivity) : "—"}
                    {row.stalled ? (
                      <span className="ml-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
                        {t("team.stalled")}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">
                    {row.goal ? (
                      <>
                        {row.goal.targetLevel} · {dates.calendarDate(row.goal.dueDate)}
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
                      to={`?${withParam(params, "assign", row.id)}#assign`}
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

      <Pager
        page={page}
        pages={pages}
        href={(p) => `?${withParam(params, "page", String(p))}`}
        label={t("reviews.pages")}
        keys="reviews"
        className="print:hidden"
      />

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="funnel" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="funnel" className="text-lg font-semibold">
            {t("team.funnel")}
          </h2>
          <Funnel funnel={view.funnel} total={view.total} titles={view.levelTitles} />
        </section>
        <section aria-labelledby="cohorts" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="cohorts" className="text-lg font-semibold">
            {t("team.cohorts")}
          </h2>
          <Cohorts cohorts={view.cohorts} />
        </section>
      </div>
      <section aria-labelledby="heat-map" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="heat-map" className="text-lg font-semibold">
          {t("team.heatMap")}
        </h2>
        <HeatMap
          competencies={view.heatMap.competencies}
          rows={view.heatMap.rows.filter((r) => pageRows.some((p) => p.id === r.id))}
        />
      </section>
      <section aria-labelledby="mentors" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="mentors" className="text-lg font-semibold">
          {t("team.mentors")}
        </h2>
        <MentorTable mentors={view.mentors} />
      </section>
    </div>
  );
}
