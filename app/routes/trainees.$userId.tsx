import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { Button } from "#app/components/ui/field.tsx";
import { getLadder, getScenarios } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { canReview } from "#app/reviews/access.server.ts";
import { MAX_SIGNOFF_NOTE } from "#app/reviews/limits.ts";
import { getSignOffs, recordSignOff, SignOffError } from "#app/reviews/signoff.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";
import { invariantResponse } from "#app/utils/misc.ts";
import { useDates } from "#app/components/dates.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.trainee.name ?? "Trainee"} · Rapport` },
];

async function requireTrainee(request: Request, traineeId: string) {
  const user = await requireRole(request, ["mentor", "manager"]);
  const trainee = await prisma.user.findUnique({
    where: { id: traineeId },
    select: { id: true, name: true, team: { select: { name: true } } },
  });
  invariantResponse(trainee, "No such person.", { status: 404 });
  invariantResponse(
    await canReview(user, trainee.id),
    "This person is not one of your trainees: you can see your own trainees and those of the teams you manage.",
    { status: 403 },
  );
  return { user, trainee };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, trainee } = await requireTrainee(request, params.userId ?? "");
  const locale = resolveLocale(request, user.locale);
  const [signOffs, attempts] = await Promise.all([
    getSignOffs(trainee.id),
    prisma.scenarioAttempt.findMany({
      where: { userId: trainee.id, finishedAt: { not: null } },
      orderBy: { finishedAt: "desc" },
      take: 50,
      select: {
        id: true,
        scenarioId: true,
        finishedAt: true,
        csat: true,
        reviewStatus: true,
        review: { select: { decision: true, version: true } },
      },
    }),
  ]);
  const scenarios = getScenarios();
  return json({
    trainee,
    levels: getLadder().levels.map((level) => ({
      id: level.id,
      title: pick(level.title, locale).value,
      behaviours: level.behaviours.map((b) => ({
        id: b.id,
        title: pick(b.title, locale).value,
        state: signOffs.state[`${level.id}/${b.id}`] ?? null,
      })),
    })),
    history: signOffs.history.slice(0, 30),
    attempts: attempts.map((a) => {
      const bundle = scenarios[a.scenarioId];
      return {
        id: a.id,
        title: bundle ? pick(bundle.variants, locale).value.title : a.scenarioId,
        finishedAt: a.finishedAt,
        csat: a.csat,
        reviewStatus: a.reviewStatus,
        decision: a.review && a.review.version > 0 ? a.review.decision : null,
      };
    }),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, trainee } = await requireTrainee(request, params.userId ?? "");
  const form = await request.formData();
  const value = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const input = {
    traineeId: trainee.id,
    level: value("level"),
    behaviourId: value("behaviour"),
    action: value("intent"),
    note: value("note"),
  };
  try {
    await recordSignOff(user, input);
  } catch (error) {
    if (!(error instanceof SignOffError)) throw error;
    return json(
      { error: error.code, at: `${input.level}/${input.behaviourId}`, note: input.note },
      { status: error.status },
    );
  }
  return redirect(`/trainees/${trainee.id}#${input.level}`);
}

export default function TraineePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <div className="space-y-8">
      <nav aria-label={t("courses.breadcrumb")} className="text-sm">
        <Link to="/reviews" className="text-brand-700 underline">
          {t("reviews.backToQueue")}
        </Link>
      </nav>
      <header>
        <h1 className="text-3xl font-bold">{data.trainee.name}</h1>
        {data.trainee.team ? <p className="text-slate-700">{data.trainee.team.name}</p> : null}
      </header>

      <section aria-labelledby="attempts">
        <h2 id="attempts" className="text-xl font-semibold">
          {t("trainee.attempts")}
        </h2>
        {data.attempts.length === 0 ? <p className="mt-2 text-slate-600">{t("trainee.noAttempts")}</p> : null}
        <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {data.attempts.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
              <span>
                {a.title}
                <span className="block text-xs text-slate-600">
                  {a.finishedAt ? dates.dateTime(a.finishedAt) : ""} · {t("scenario.csatValue", { value: a.csat })}
                </span>
              </span>
              <span>
                {a.decision
                  ? t(`reviews.decisions.${a.decision}`)
                  : a.reviewStatus === "waiting"
                    ? t("reviews.waiting")
                    : t("trainee.noReviewNeeded")}
              </span>
              {a.reviewStatus !== "none" ? (
                <Link to={`/reviews/${a.id}`} className="text-brand-700 underline">
                  {a.decision ? t("trainee.openGrade") : t("reviews.grade")}
                </Link>
              ) : (
                <span />
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="signoff" className="space-y-4">
        <div>
          <h2 id="signoff" className="text-xl font-semibold">
            {t("trainee.signOff")}
          </h2>
          <p className="text-sm text-slate-700">{t("trainee.signOffHelp")}</p>
        </div>
        {data.levels
          .filter((level) => level.behaviours.length)
          .map((level) => (
            <section
              key={level.id}
              id={level.id}
              aria-labelledby={`level-${level.id}`}
              className="rounded-lg border border-slate-200 bg-white p-4"
            >
              <h3 id={`level-${level.id}`} className="font-semibold">
                {level.id} · {level.title}
              </h3>
              <ul className="mt-3 space-y-4">
                {level.behaviours.map((b) => {
                  const key = `${level.id}/${b.id}`;
                  const failed = actionData && actionData.at === key ? actionData : null;
                  return (
                    <li
                      key={b.id}
                      className="border-t border-slate-100 pt-3"
                      data-behaviour={key}
                      data-confirmed={String(Boolean(b.state?.confirmed))}
                    >
                      <p className="font-medium">
                        <span aria-hidden="true" className={b.state?.confirmed ? "text-emerald-700" : "text-slate-400"}>
                          {b.state?.confirmed ? "✓ " : "○ "}
                        </span>
                        {b.title}
                      </p>
                      {b.state ? (
                        <p className="text-sm text-slate-700">
                          {t(b.state.confirmed ? "trainee.confirmedBy" : "trainee.withdrawnBy", {
                            name: b.state.by,
                            time: dates.dateTime(b.state.at),
                          })}{" "}
                          — “<span className="whitespace-pre-line">{b.state.note}</span>”
                        </p>
                      ) : null}
                      {failed ? (
                        <p role="alert" className="mt-1 text-sm text-red-800">
                          {t(`trainee.errors.${failed.error}`, { max: MAX_SIGNOFF_NOTE })}
                        </p>
                      ) : null}
                      <Form method="post" className="mt-2 flex flex-wrap items-end gap-2" preventScrollReset>
                        <input type="hidden" name="level" value={level.id} />
                        <input type="hidden" name="behaviour" value={b.id} />
                        <label className="min-w-64 flex-1 text-sm">
                          <span className="sr-only">{t("trainee.note", { behaviour: b.title })}</span>
                          <input
                            name="note"
                            maxLength={MAX_SIGNOFF_NOTE}
                            defaultValue={failed?.note ?? ""}
                            placeholder={t("trainee.notePlaceholder")}
                            className="block w-full rounded border border-slate-300 px-2 py-1.5"
                          />
                        </label>
                        {b.state?.confirmed ? (
                          <Button type="submit" name="intent" value="withdraw" variant="secondary" disabled={busy}>
                            {t("trainee.withdraw")}
                          </Button>
                        ) : (
                          <Button type="submit" name="intent" value="confirm" disabled={busy}>
                            {t("trainee.confirm")}
                          </Button>
                        )}
                      </Form>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        {data.history.length ? (
          <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <summary className="cursor-pointer font-semibold">{t("trainee.signOffHistory")}</summary>
            <ol className="mt-2 space-y-1">
              {data.history.map((h, i) => (
                <li key={i}>
                  {dates.dateTime(h.at)} · {h.mentor} ·{" "}
                  {t(h.action === "confirm" ? "trainee.confirmed" : "trainee.withdrew")} {h.level}/{h.behaviourId} — “
                  {h.note}”
                </li>
              ))}
            </ol>
          </details>
        ) : null}
      </section>
    </div>
  );
}
