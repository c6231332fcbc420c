import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { Button } from "#app/components/ui/field.tsx";
import { channels, levels } from "#app/content/vocabulary.ts";
import { unreadReviews } from "#app/reviews/reviews.server.ts";
import { getScenarioList } from "#app/scenarios/pages.server.ts";
import { ScenarioBadges } from "#app/scenarios/scenario-badges.tsx";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction = () => [{ title: "Scenarios · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const filters = { level: url.searchParams.get("level") ?? "", channel: url.searchParams.get("channel") ?? "" };
  const unread = await unreadReviews(user.id);
  const scenarios = await getScenarioList(user.id, resolveLocale(request, user.locale), filters, unread);
  return { scenarios, filters };
}

export default function ScenariosPage() {
  const { scenarios, filters } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-3xl font-bold">{t("scenario.listTitle")}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t("scenario.listIntro")}</p>
      </header>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <label className="min-w-0 max-w-full text-sm">
          <span className="block font-medium">{t("scenario.filterLevel")}</span>
          <select
            name="level"
            defaultValue={filters.level}
            className="mt-1 block w-full max-w-full rounded border border-slate-300 bg-white px-2 py-1.5"
          >
            <option value="">{t("scenario.any")}</option>
            {levels.slice(0, 3).map((level) => (
              <option key={level} value={level}>
                {t(`levels.${level}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="min-w-0 max-w-full text-sm">
          <span className="block font-medium">{t("scenario.filterChannel")}</span>
          <select
            name="channel"
            defaultValue={filters.channel}
            className="mt-1 block w-full max-w-full rounded border border-slate-300 bg-white px-2 py-1.5"
          >
            <option value="">{t("scenario.any")}</option>
            {channels.map((channel) => (
              <option key={channel} value={channel}>
                {t(`scenario.channels.${channel}`)}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="secondary">
          {t("scenario.filter")}
        </Button>
      </Form>
      {scenarios.length === 0 ? <p>{t("scenario.noneMatch")}</p> : null}
      <ul className="grid gap-4 md:grid-cols-2">
        {scenarios.map((s) => (
          <li key={s.id} className="flex flex-col rounded-lg border border-slate-200 bg-white p-5" data-scenario={s.id}>
            <ScenarioBadges channel={s.channel} level={s.level} minutes={s.minutes} review={s.review} />
            <h2 className="mt-2 text-lg font-semibold">
              <Link to={`/scenarios/${s.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                {s.title}
              </Link>
            </h2>
            <p className="mt-1 text-sm text-slate-700">{s.summary}</p>
            <p className="mt-2 text-xs text-slate-600">
              {s.competencies.map((c) => t(`competencies.${c}`)).join(" · ")}
            </p>
            <div className="mt-auto pt-3 text-sm" data-result>
              {s.unread.map((attemptId) => (
                <p key={attemptId}>
                  <Link
                    to={`/scenarios/${s.id}/attempts/${attemptId}`}
                    className="inline-block rounded-full bg-amber-100 px-2 py-0.5 font-semibold text-amber-900"
                    data-unread
                  >
                    {t("reviews.newFeedback")}
                  </Link>
                </p>
              ))}
              {s.inProgress ? <p className="font-medium text-amber-800">{t("scenario.inProgress")}</p> : null}
              {s.best ? (
                <p>
                  {t("scenario.bestResult")}:{" "}
                  <Link to={`/scenarios/${s.id}/attempts/${s.best.id}`} className="underline">
                    {t("scenario.csatValue", { value: s.best.csat })} ·{" "}
                    {s.best.resolved ? t("scenario.resolved") : t("scenario.notResolved")}
                  </Link>
                  {s.waiting ? ` · ${t("scenario.waitingCount", { count: s.waiting })}` : ""}
                </p>
              ) : !s.inProgress ? (
                <p className="text-slate-600">{t("scenario.notPlayed")}</p>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
