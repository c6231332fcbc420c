import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/field.tsx";
import { Pager } from "#app/components/ui/pager.tsx";
import { AssignForm } from "#app/team/assign-form.tsx";
import { assign, mentorOptions } from "#app/team/assign.server.ts";
import { Cohorts, Funnel, HeatMap, MentorTable } from "#app/team/charts.tsx";
import { assignmentCounts } from "#app/assignments/assignments.server.ts";
import { PeopleTable } from "#app/team/people-table.tsx";
import { filtersFrom } from "#app/team/filters.ts";
import { AssignSchema } from "#app/team/schemas.ts";
import { getTeamPage } from "#app/team/team.server.ts";
import { refusal } from "#app/utils/errors.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction = () => [{ title: "Team · Rapport" }];

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
  const [team, mentors] = await Promise.all([
    getTeamPage(
      user,
      {
        filters: filtersFrom(url),
        page: Number(url.searchParams.get("page") ?? "1"),
        assign: url.searchParams.get("assign"),
      },
      resolveLocale(request, user.locale),
    ),
    mentorOptions(),
  ]);
  const counts = await assignmentCounts(
    team.view.rows.map((r) => r.id),
    new Date(),
    user.timeZone,
  );
  return { ...team, mentors, assignmentCounts: Object.fromEntries(counts) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "manager");
  const submission = parseWithZod(await request.formData(), { schema: AssignSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), error: null }, { status: 400 });
  try {
    await assign(user, submission.value);
  } catch (error) {
    return refusal(error, resolveLocale(request, user.locale), { result: submission.reply() });
  }
  const search = new URLSearchParams(new URL(request.url).search);
  search.delete("assign");
  return redirect(`/team?${search.toString()}#person-${submission.value.traineeId}`);
}

export default function TeamPage() {
  const {
    view,
    mentors,
    page,
    pages,
    assigning: fromAddress,
    assignmentCounts: assignmentCountsByPerson,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const select = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1.5";
  const sentFor = actionData?.result.initialValue?.traineeId;
  const assigning = fromAddress ?? view.rows.find((r) => r.id === sentFor) ?? null;
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

      {view.pending ? (
        <p role="status" className="text-sm text-slate-700" data-pending={view.pending}>
          {t("team.pending", { count: view.pending })}
        </p>
      ) : null}

      {assigning ? (
        <AssignForm
          key={assigning.id}
          person={assigning}
          mentors={mentors}
          levelTitles={view.levelTitles}
          busy={busy}
          lastResult={sentFor === assigning.id ? actionData?.result : null}
          refused={sentFor === assigning.id ? actionData?.error?.message : null}
          cancelHref={`?${withParam(params, "assign", null)}`}
        />
      ) : actionData?.error ? (
        <Alert>{actionData.error.message}</Alert>
      ) : null}

      <PeopleTable
        rows={view.rows}
        assignments={assignmentCountsByPerson}
        changeHref={(id) => `?${withParam(params, "assign", id)}#assign`}
      />

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
        <HeatMap competencies={view.heatMap.competencies} rows={view.heatMap.rows} />
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
