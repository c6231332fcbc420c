import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { detailLines } from "#app/audit/details.ts";
import { auditKindGroups } from "#app/audit/kinds.ts";
import { AUDIT_PAGE_SIZE, auditFiltersFrom, listAuditEvents } from "#app/audit/query.server.ts";
import { Button } from "#app/components/ui/field.tsx";
import { Pager } from "#app/components/ui/pager.tsx";
import { useDates } from "#app/components/dates.tsx";
import { timeZoneLabel } from "#app/utils/time-zone.ts";

export const meta: MetaFunction = () => [{ title: "Audit log · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const url = new URL(request.url);
  const filters = auditFiltersFrom(url);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const { total, events } = await listAuditEvents(filters, page, admin.timeZone);
  return json({ filters, page, total, events, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) });
}

export default function AuditLog() {
  const { filters, page, pages, total, events } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const dates = useDates();
  const query = (extra: Record<string, string>) =>
    new URLSearchParams(
      Object.entries({ ...filters, ...extra }).filter((entry): entry is [string, string] => Boolean(entry[1])),
    ).toString();
  const input = "mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-bold">{t("audit.title")}</h1>
        <a href={`/admin/audit.csv?${query({})}`} className="text-sm font-medium text-brand-700 underline" download>
          {t("audit.export")}
        </a>
      </div>
      <p className="text-sm text-slate-600">{t("audit.intro", { zone: timeZoneLabel(dates.timeZone) })}</p>
      <Form
        method="get"
        role="search"
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5"
      >
        <div className="lg:col-span-2">
          <label htmlFor="audit-who" className="block text-sm font-medium">
            {t("audit.who")}
          </label>
          <input id="audit-who" name="who" type="search" defaultValue={filters.who} maxLength={254} className={input} />
        </div>
        <div>
          <label htmlFor="audit-kind" className="block text-sm font-medium">
            {t("audit.kind")}
          </label>
          <select id="audit-kind" name="kind" defaultValue={filters.kind} className={input}>
            <option value="">{t("audit.allKinds")}</option>
            {Object.entries(auditKindGroups).map(([group, kinds]) => (
              <optgroup key={group} label={t(`audit.groups.${group}`)}>
                {kinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`audit.kinds.${kind}`)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-from" className="block text-sm font-medium">
            {t("audit.from")}
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from} className={input} />
        </div>
        <div>
          <label htmlFor="audit-to" className="block text-sm font-medium">
            {t("audit.to")}
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to} className={input} />
        </div>
        <div className="sm:col-span-2 lg:col-span-5">
          <Button type="submit" variant="secondary">
            {t("audit.filter")}
          </Button>
        </div>
      </Form>
      <p className="text-sm text-slate-600">{t("audit.count", { count: total })}</p>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("audit.when")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("audit.kind")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("audit.actor")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("audit.target")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("audit.address")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("audit.details")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {events.map((e) => (
              <tr key={e.id} className="align-top">
                <td className="whitespace-nowrap px-3 py-2">{dates.dateTime(e.at)}</td>
                <td className="px-3 py-2">{t(`audit.kinds.${e.kind}`, { defaultValue: e.kind })}</td>
                <td className="px-3 py-2">
                  <bdi>{e.actorEmail ?? "—"}</bdi>
                </td>
                <td className="px-3 py-2">
                  <bdi>{e.targetLabel ?? ""}</bdi>
                </td>
                <td className="px-3 py-2 font-mono text-xs">{e.ipAddress}</td>
                <td className="px-3 py-2 text-xs text-slate-700">
                  {detailLines(e.details).map((line) => (
                    <bdi key={line} className="block break-words">
                      {line}
                    </bdi>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {events.length === 0 ? <p className="p-4 text-sm text-slate-600">{t("audit.none")}</p> : null}
      </div>
      <Pager
        page={page}
        pages={pages}
        href={(p) => `?${query({ page: String(p) })}`}
        label={t("admin.users.pagination")}
        keys="admin.users"
      />
    </div>
  );
}
