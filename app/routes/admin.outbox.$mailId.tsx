import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { useDates } from "#app/components/dates.tsx";
import { Button } from "#app/components/ui/field.tsx";
import { retryFromAdmin } from "#app/mail/admin.server.ts";
import { getOutboxMail, isSecretKind } from "#app/mail/outbox.server.ts";
import { OutboxActionSchema } from "#app/mail/schemas.ts";
import { clientOf } from "#app/utils/client.server.ts";
import { DomainError, notFound } from "#app/utils/errors.ts";
import { refuse } from "#app/utils/errors.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction = () => [{ title: "Mail · Rapport" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const mail =
    (await getOutboxMail(params.mailId ?? "")) ??
    refuse(notFound("outbox.errors.notFound"), resolveLocale(request, admin.locale));
  return json({ mail, bodyGone: mail.status === "sent" && isSecretKind(mail.kind) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = resolveLocale(request, admin.locale);
  const mail = (await getOutboxMail(params.mailId ?? "")) ?? refuse(notFound("outbox.errors.notFound"), locale);
  const submission = parseWithZod(await request.formData(), { schema: OutboxActionSchema });
  if (!(submission.status === "success" && submission.value.intent === "retry" && submission.value.mailId === mail.id))
    refuse(new DomainError("wrongMail", 400, "outbox.errors.wrongMail"), locale);
  const count = await retryFromAdmin([mail.id], admin, clientOf(request, context).ip);
  return redirect(`/admin/outbox/${mail.id}?retried=${count}`);
}

export default function OutboxMail() {
  const { mail, bodyGone } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const dates = useDates();
  const retried = params.get("retried");
  const row = (label: string, value: string | null) =>
    value ? (
      <>
        <dt className="font-medium text-slate-700">{label}</dt>
        <dd className="[overflow-wrap:anywhere]">{value}</dd>
      </>
    ) : null;
  return (
    <div className="space-y-4">
      <Link to="/admin/outbox" className="text-sm text-brand-700 underline">
        {t("outbox.back")}
      </Link>
      <h1 className="text-2xl font-bold [overflow-wrap:anywhere]">{mail.subject}</h1>
      {retried !== null ? (
        <p role="status" className="rounded border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          {t("outbox.retried", { count: Number(retried) || 0 })}
        </p>
      ) : null}
      <dl className="grid max-w-3xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        {row(t("outbox.to"), `${mail.toName} <${mail.toAddress}>`)}
        {row(t("outbox.kind"), t(`outbox.kinds.${mail.kind}`))}
        {row(t("outbox.language"), mail.locale)}
        {row(t("outbox.status"), t(`outbox.statuses.${mail.status}`))}
        {row(t("outbox.created"), dates.dateTime(mail.createdAt))}
        {row(t("outbox.sentAt"), mail.sentAt ? dates.dateTime(mail.sentAt) : null)}
        {row(t("outbox.attemptsLabel"), mail.attempts ? String(mail.attempts) : null)}
        {row(t("outbox.lastAttempt"), mail.lastAttemptAt ? dates.dateTime(mail.lastAttemptAt) : null)}
        {row(
          t("outbox.nextAttemptLabel"),
          mail.status === "queued" && mail.attempts ? dates.dateTime(mail.nextAttemptAt) : null,
        )}
        {row(t("outbox.lastError"), mail.lastError)}
        {row(t("outbox.smtpResponse"), mail.smtpResponse)}
      </dl>
      {mail.status !== "sent" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="retry" />
          <input type="hidden" name="mailId" value={mail.id} />
          <Button type="submit">{t("outbox.retry")}</Button>
        </Form>
      ) : null}
      {bodyGone ? (
        <p className="max-w-3xl text-sm text-slate-700">{t("outbox.bodyGone")}</p>
      ) : (
        <section aria-labelledby="mail-body" className="max-w-3xl space-y-2">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="mail-body" className="text-lg font-semibold">
              {t("outbox.body")}
            </h2>
            <a
              href={`/admin/outbox/${mail.id}/html`}
              target="_blank"
              rel="noreferrer"
              className="text-sm text-brand-700 underline"
            >
              {t("outbox.htmlVersion")}
            </a>
          </div>
          <pre className="overflow-x-auto whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-4 text-sm [overflow-wrap:anywhere]">
            {mail.text}
          </pre>
        </section>
      )}
    </div>
  );
}
