import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { getHomeOverview } from "#app/accounts/overview.server.ts";
import { useDates } from "#app/components/dates.tsx";

export const meta: MetaFunction = () => [{ title: "Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ name: user.name, roles: user.roles, overview: await getHomeOverview(user) });
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mt-3 text-sm text-slate-700">{children}</div>
    </section>
  );
}

export default function Home() {
  const { name, roles, overview } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const dates = useDates();
  const [searchParams] = useSearchParams();
  const notice = searchParams.has("welcome")
    ? t("home.welcomeInvited")
    : searchParams.has("reset")
      ? t("home.passwordReset")
      : null;
  return (
    <div className="space-y-6">
      {notice ? (
        <p role="status" className="rounded border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          {notice}
        </p>
      ) : null}
      <div>
        <h1 className="text-2xl font-bold">{t("home.welcome", { name })}</h1>
        <p className="mt-1 text-slate-600">
          {t("home.yourRoles", { roles: roles.map((r) => t(`roles.${r}`)).join(", ") })}
        </p>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Card title={t("home.aboutYou")}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="font-medium">{t("home.team")}</dt>
            <dd>{overview.team ?? t("home.noTeam")}</dd>
            <dt className="font-medium">{t("home.startDate")}</dt>
            <dd>{overview.startDate ? dates.calendarDate(overview.startDate) : "—"}</dd>
            <dt className="font-medium">{t("home.mentors")}</dt>
            <dd>{overview.mentors.length ? overview.mentors.map((m) => m.name).join(", ") : t("home.noMentor")}</dd>
          </dl>
        </Card>
        {overview.mentees ? (
          <Card title={t("home.yourTrainees", { count: overview.mentees.length })}>
            {overview.mentees.length ? (
              <ul className="divide-y divide-slate-100">
                {overview.mentees.map((m) => (
                  <li key={m.id} className="flex justify-between py-1.5">
                    <span>{m.name}</span>
                    <span className="text-slate-500">{m.team?.name}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("home.noTrainees")}</p>
            )}
          </Card>
        ) : null}
        {overview.managedTeams?.map((team) => (
          <Card key={team.id} title={t("home.teamYouManage", { team: team.name })}>
            <ul className="divide-y divide-slate-100">
              {team.members.map((m) => (
                <li key={m.id} className="flex justify-between py-1.5">
                  <span>{m.name}</span>
                  <span className="text-slate-500">
                    {m.startDate ? t("home.startedOn", { date: dates.calendarDate(m.startDate) }) : null}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        ))}
        {overview.admin ? (
          <Card title={t("home.organisation")}>
            <p>
              {t("home.adminCounts", {
                users: overview.admin.activeUsers,
                teams: overview.admin.teams,
                inactive: overview.admin.inactiveUsers,
              })}
            </p>
            <p className="mt-3 flex flex-wrap gap-3">
              <Link className="font-medium text-brand-700 underline" to="/admin/users">
                {t("admin.users.title")}
              </Link>
              <Link className="font-medium text-brand-700 underline" to="/admin/teams">
                {t("admin.teams.title")}
              </Link>
              <Link className="font-medium text-brand-700 underline" to="/admin/import">
                {t("admin.import.title")}
              </Link>
            </p>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
