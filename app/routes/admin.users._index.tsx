import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listUsers, USERS_PAGE_SIZE } from "#app/accounts/admin.server.ts";
import { requireRole } from "#app/accounts/auth.server.ts";
import { Button } from "#app/components/ui/field.tsx";
import { Pager } from "#app/components/ui/pager.tsx";

export const meta: MetaFunction = () => [{ title: "Users · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const { total, users } = await listUsers({ q, page });
  return json({ q, page, total, users, pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)) });
}

export default function AdminUsers() {
  const { q, page, pages, total, users } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const pageLink = (p: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-bold">{t("admin.users.title")}</h1>
        <Link
          to="/admin/users/new"
          className="rounded bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
        >
          {t("admin.users.new")}
        </Link>
      </div>
      {searchParams.has("welcome") ? (
        <div role="status" className="rounded border border-green-200 bg-green-50 p-4 text-sm text-green-950">
          <p className="font-semibold">{t("admin.users.welcomeTitle")}</p>
          <p className="mt-1">{t("admin.users.welcome")}</p>
          <p className="mt-2 flex flex-wrap gap-4">
            <Link to="/admin/import" className="font-medium underline">
              {t("admin.import.title")}
            </Link>
            <Link to="/admin/teams" className="font-medium underline">
              {t("admin.teams.title")}
            </Link>
          </p>
        </div>
      ) : null}
      <Form method="get" role="search" className="flex gap-2">
        <label htmlFor="user-search" className="sr-only">
          {t("admin.users.search")}
        </label>
        <input
          id="user-search"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={100}
          placeholder={t("admin.users.searchPlaceholder")}
          className="w-full max-w-md rounded border border-slate-300 bg-white px-3 py-2"
        />
        <Button type="submit" variant="secondary">
          {t("admin.users.search")}
        </Button>
      </Form>
      <p className="text-sm text-slate-600">{t("admin.users.count", { count: total })}</p>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-2">
                {t("admin.users.name")}
              </th>
              <th scope="col" className="px-4 py-2">
                {t("admin.users.email")}
              </th>
              <th scope="col" className="px-4 py-2">
                {t("admin.users.roles")}
              </th>
              <th scope="col" className="px-4 py-2">
                {t("admin.users.team")}
              </th>
              <th scope="col" className="px-4 py-2">
                {t("admin.users.status")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => (
              <tr key={u.id}>
                <td className="px-4 py-2">
                  <Link to={`/admin/users/${u.id}`} className="font-medium text-brand-700 underline">
                    {u.name}
                  </Link>
                </td>
                <td className="px-4 py-2">{u.email}</td>
                <td className="px-4 py-2">{u.roles.map((r) => t(`roles.${r}`)).join(", ")}</td>
                <td className="px-4 py-2">{u.team?.name ?? "—"}</td>
                <td className="px-4 py-2">
                  {!u.active
                    ? t("admin.users.inactive")
                    : u.access === "password"
                      ? t("admin.users.active")
                      : t(`admin.users.access.${u.access}`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pages={pages} href={pageLink} label={t("admin.users.pagination")} keys="admin.users" />
    </div>
  );
}
