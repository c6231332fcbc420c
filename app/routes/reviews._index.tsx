import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { hiddenQueueRow } from "#app/calibration/hidden.server.ts";
import { Button } from "#app/components/ui/field.tsx";
import { competencies, isCompetency } from "#app/content/vocabulary.ts";
import { getQueue } from "#app/reviews/reviews.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";
import { Pager } from "#app/components/ui/pager.tsx";
import { useDates } from "#app/components/dates.tsx";

export const meta: MetaFunction = () => [{ title: "Reviews · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor", "manager"]);
  const url = new URL(request.url);
  const competency = url.searchParams.get("competency") ?? "";
  const page = Number(url.searchParams.get("page") ?? "1");
  const locale = resolveLocale(request, user.locale);
  const filtered = ["trainee", "scenario", "competency"].some((name) => url.searchParams.get(name));
  const queue = await getQueue(
    user,
    {
      trainee: url.searchParams.get("trainee") || undefined,
      scenario: url.searchParams.get("scenario") || undefined,
      competency: isCompetency(competency) ? competency : undefined,
      page: Number.isInteger(page) && page > 0 ? page : 1,
    },
    locale,
  );
  // A hidden calibration attempt (ADR 036) takes its place on the unfiltered first page, by age.
  const hidden = filtered || queue.page !== 1 ? null : await hiddenQueueRow(user, locale);
  if (hidden) {
    queue.items = [...queue.items, hidden].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
    queue.total += 1;
    if (hidden.overdue) queue.overdue += 1;
  }
  return json({ queue, targetDays: getEnv().REVIEW_TARGET_WORKING_DAYS });
}

export default function ReviewQueue() {
  const { queue, targetDays } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const dates = useDates();
  const pageLink = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next.toString()}`;
  };
  const select = "mt-1 block w-full max-w-full rounded border border-slate-300 bg-white px-2 py-1.5";
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-3xl font-bold">{t("reviews.title")}</h1>
        <p className="mt-2 text-slate-700" data-queue-counts>
          {t("reviews.counts", { count: queue.total })} ·{" "}
          <span className={queue.overdue ? "font-semibold text-red-800" : ""}>
            {t("reviews.overdueCount", { count: queue.overdue })}
          </span>{" "}
          · {t("reviews.target", { count: targetDays })}
        </p>
        {params.get("graded") ? (
          <p role="status" className="mt-3 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">
            {t("reviews.gradeSubmitted")}
          </p>
        ) : null}
      </header>
      <Form method="get" className="flex flex-wrap items-end gap-3 text-sm">
        <label className="min-w-0 max-w-full">
          <span className="block font-medium">{t("reviews.filterTrainee")}</span>
          <select name="trainee" defaultValue={params.get("trainee") ?? ""} className={select}>
            <option value="">{t("reviews.any")}</option>
            {queue.options.trainees.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </label>
        <label className="min-w-0 max-w-full">
          <span className="block font-medium">{t("reviews.filterScenario")}</span>
          <select name="scenario" defaultValue={params.get("scenario") ?? ""} className={select}>
            <option value="">{t("reviews.any")}</option>
            {queue.options.scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        <label className="min-w-0 max-w-full">
          <span className="block font-medium">{t("reviews.filterCompetency")}</span>
          <select name="competency" defaultValue={params.get("competency") ?? ""} className={select}>
            <option value="">{t("reviews.any")}</option>
            {competencies.map((c) => (
              <option key={c} value={c}>
                {t(`competencies.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="secondary">
          {t("reviews.filter")}
        </Button>
      </Form>
      {queue.items.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-700">{t("reviews.empty")}</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th className="px-3 py-2 font-semibold">{t("reviews.trainee")}</th>
                <th className="px-3 py-2 font-semibold">{t("reviews.scenario")}</th>
                <th className="px-3 py-2 font-semibold">{t("reviews.submitted")}</th>
                <th className="px-3 py-2 font-semibold">{t("reviews.due")}</th>
                <th className="px-3 py-2 font-semibold">{t("reviews.preScore")}</th>
                <th className="px-3 py-2 font-semibold">{t("reviews.status")}</th>
                <th className="px-3 py-2">
                  <span className="sr-only">{t("reviews.open")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {queue.items.map((item) => (
                <tr key={item.id} data-attempt={item.id} data-overdue={String(item.overdue)}>
                  <td className="px-3 py-2">
                    <Link to={`/trainees/${item.trainee.id}`} className="underline-offset-2 hover:underline">
                      {item.trainee.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    {item.scenario.title}
                    <span className="block text-xs text-slate-600">
                      {t(`scenario.channels.${item.scenario.channel}`)} · {item.scenario.level}
                    </span>
                  </td>
                  <td className="px-3 py-2 tabular-nums">{dates.dateTime(item.submittedAt)}</td>
                  <td className="px-3 py-2 tabular-nums">
                    {dates.dateTime(item.due)}
                    {item.overdue ? (
                      <span className="ml-2 rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900">
                        {t("reviews.overdue")}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2 tabular-nums">{item.preScore === null ? "—" : `${item.preScore}%`}</td>
                  <td className="px-3 py-2 text-xs">
                    {item.claim
                      ? item.claim.mine
                        ? t("reviews.claimedByYou")
                        : t("reviews.claimedBy", { name: item.claim.by })
                      : item.draft
                        ? t("reviews.draft")
                        : t("reviews.waiting")}
                  </td>
                  <td className="px-3 py-2">
                    <Link to={`/reviews/${item.id}`} className="font-medium text-brand-700 underline">
                      {t("reviews.grade")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={queue.page} pages={queue.pages} href={pageLink} label={t("reviews.pages")} keys="reviews" />
    </div>
  );
}
