import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { useDates } from "#app/components/dates.tsx";
import { Button } from "#app/components/ui/field.tsx";
import { Pager } from "#app/components/ui/pager.tsx";
import { retryFromAdmin } from "#app/mail/admin.server.ts";
import { listOutbox } from "#app/mail/outbox.server.ts";
import { OutboxActionSchema, OutboxFilterSchema, outboxFilters } from "#app/mail/schemas.ts";
import { clientOf } from "#app/utils/client.server.ts";
import { getEnv } from "#app/utils/env.server.ts";

export const meta: MetaFunction = () => [{ title: "Outbox · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const url = new URL(request.url);
  const filter = OutboxFilterSchema.parse(url.searchParams.get("show") ?? undefined);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  return json({ filter, page, smtp: Boolean(getEnv().SMTP_URL), ...(await listOutbox(filter, page)) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await request.formData(), { schema: OutboxActionSchema });
  if (submission.status !== "success") return json({ retried: null, result: submission.reply() }, { status: 400 });
  const { ip } = clientOf(request, context);
  const value = submission.value;
  const retried = await retryFromAdmin(value.intent === "retry" ? [value.mailId] : "all-failed", admin, ip);
  return json({ retried, result: submission.reply() });
}

const statusStyle: Record<string, string> = {
  queued: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-900",
  sent: "bg-green-100 text-green-900",
};

export default function Outbox() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const dates = useDates();
  const link = (extra: Record<string, string>) => `?${new URLSearchParams({ show: data.filter, ...extra }).toString()}`;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("outbox.title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{data.smtp ? t("outbox.intro") : t("outbox.introNoSmtp")}</p>
      {actionData?.retried !== null && actionData?.retried !== undefined ? (
        <p role="status" className="rounded border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          {t("outbox.retried", { count: actionData.retried })}
        </p>
      ) : null}
      <nav aria-label={t("outbox.filterLabel")} className="flex flex-wrap gap-2 text-sm">
        {outboxFilters.map((f) => (
          <Link
            key={f}
            to={`?show=${f}`}
            aria-current={data.filter === f ? "page" : undefined}
            className={`rounded border px-3 py-1.5 ${data.filter === f ? "border-brand-600 bg-brand-50 font-semibold text-brand-700" : "border-slate-300 bg-white"}`}
          >
            {t(`outbox.filters.${f}`)}
            {f === "queued" || f === "failed" || f === "sent" ? ` (${data.counts[f]})` : ""}
          </Link>
        ))}
      </nav>
      {data.counts.failed ? (
        <Form method="post">
          <input type="hidden" name="intent" value="retry-failed" />
          <Button type="submit" variant="secondary">
            {t("outbox.retryFailed", { count: data.counts.failed })}
          </Button>
        </Form>
      ) : null}
      {data.mails.length ? (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("outbox.created")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("outbox.to")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("outbox.subject")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("outbox.status")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("outbox.lastError")}
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">{t("outbox.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.mails.map((mail) => (
                <tr key={mail.id} className="align-top">
                  <td className="whitespace-nowrap px-3 py-2">{dates.dateTime(mail.createdAt)}</td>
                  <td className="px-3 py-2">
                    <span className="block">{mail.toName}</span>
                    <span className="block text-slate-600">{mail.toAddress}</span>
                  </td>
                  <td className="px-3 py-2">
                    <Link to={`/admin/outbox/${mail.id}`} className="font-medium text-brand-700 underline">
                      {mail.subject}
                    </Link>
                    <span className="block text-xs text-slate-600">{t(`outbox.kinds.${mail.kind}`)}</span>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">
                    <span className={`rounded px-2 py-0.5 text-xs font-semibold ${statusStyle[mail.status] ?? ""}`}>
                      {t(`outbox.statuses.${mail.status}`)}
                    </span>
                    <span className="mt-1 block text-xs text-slate-600">
                      {mail.status === "sent" && mail.sentAt
                        ? dates.dateTime(mail.sentAt)
                        : mail.status === "queued" && mail.attempts
                          ? t("outbox.nextAttempt", { time: dates.dateTime(mail.nextAttemptAt) })
                          : null}
                    </span>
                    {mail.attempts ? (
                      <span className="block text-xs text-slate-600">
                        {t("outbox.attempts", { count: mail.attempts })}
                      </span>
                    ) : null}
                  </td>
                  <td className="max-w-xs px-3 py-2 text-red-800 [overflow-wrap:anywhere]">{mail.lastError ?? ""}</td>
                  <td className="px-3 py-2">
                    {mail.status !== "sent" ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="retry" />
                        <input type="hidden" name="mailId" value={mail.id} />
                        <Button type="submit" variant="secondary">
                          {t("outbox.retry")}
                          <span className="sr-only"> ({mail.subject})</span>
                        </Button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-slate-600">{t("outbox.empty")}</p>
      )}
      <Pager
        page={data.page}
        pages={data.pages}
        href={(p) => link({ page: String(p) })}
        label={t("outbox.pagination")}
        keys="outbox"
      />
    </div>
  );
}
