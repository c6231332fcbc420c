import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { useDates } from "#app/components/dates.tsx";
import { Button, ErrorList } from "#app/components/ui/field.tsx";
import { certificateForRevocation, revokeCertificate } from "#app/ladder/certificates.server.ts";
import { REVOKE_REASON_MAX, RevokeCertificateSchema } from "#app/ladder/schemas.ts";
import { clientOf } from "#app/utils/client.server.ts";
import { notFound } from "#app/utils/errors.ts";
import { refusal, refuse } from "#app/utils/errors.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction = () => [{ title: "Revoke a certificate · Rapport" }];

/** The confirmation step: what will be revoked, and the reason asked for. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = resolveLocale(request, admin.locale);
  const certificate =
    (await certificateForRevocation(params.userId ?? "", params.certificateId ?? "", locale)) ??
    refuse(notFound("verification.errors.certificateNotFound"), locale);
  return json({ userId: params.userId ?? "", certificate });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const locale = resolveLocale(request, user.locale);
  const submission = parseWithZod(await request.formData(), { schema: RevokeCertificateSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), error: null }, { status: 400 });
  const userId = params.userId ?? "";
  try {
    await revokeCertificate({ userId, certificateId: params.certificateId ?? "" }, submission.value, {
      id: user.id,
      email: user.email,
      ip: clientOf(request, context).ip,
    });
  } catch (error) {
    return refusal(error, locale, { result: submission.reply() });
  }
  return redirect(`/admin/users/${userId}?certificateRevoked=1`);
}

export default function RevokeCertificate() {
  const { userId, certificate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const dates = useDates();
  const [form, fields] = useForm({
    id: "revoke-certificate",
    lastResult: actionData?.result,
    constraint: { reason: { required: true, maxLength: REVOKE_REASON_MAX } },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RevokeCertificateSchema }),
    shouldRevalidate: "onBlur",
  });
  const refused = actionData?.error ?? null;
  const back = `/admin/users/${userId}`;
  return (
    <section aria-labelledby="revoke-title" className="max-w-2xl rounded-lg border border-slate-200 bg-white p-5">
      <h1 id="revoke-title" className="text-2xl font-bold">
        {t("verification.admin.confirmTitle")}
      </h1>
      <p className="mt-2 font-semibold">
        {t("verification.admin.confirmWhat", {
          title: certificate.title,
          name: certificate.name,
          date: dates.date(certificate.certifiedAt),
        })}
      </p>
      {refused ? (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {refused.message}
        </p>
      ) : null}
      {certificate.revokedAt ? (
        <>
          <p role="status" className="mt-4 rounded border border-slate-300 bg-slate-50 p-3 text-sm" data-revoked>
            {t("verification.admin.alreadyRevoked", {
              date: dates.date(certificate.revokedAt),
              reason: certificate.revokedReason ?? "",
            })}
          </p>
          <p className="mt-4">
            <Link to={back} className="text-brand-700 underline">
              {t("verification.admin.cancel")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-700">{t("verification.admin.confirmHelp")}</p>
          <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
            <div>
              <label htmlFor={fields.reason.id} className="block text-sm font-medium text-slate-800">
                {t("verification.admin.reasonLabel")}
              </label>
              <textarea
                {...getTextareaProps(fields.reason, { ariaDescribedBy: `${fields.reason.id}-hint` })}
                rows={4}
                className="mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 aria-[invalid]:border-red-600"
              />
              <p id={`${fields.reason.id}-hint`} className="mt-1 text-xs text-slate-600">
                {t("verification.admin.reasonHelp", { max: REVOKE_REASON_MAX })}
              </p>
              <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
            </div>
            <ErrorList id={form.errorId} errors={form.errors} />
            <div className="flex flex-wrap items-center gap-4">
              <Button type="submit" variant="danger" disabled={navigation.state === "submitting"}>
                {t("verification.admin.confirm")}
              </Button>
              <Link to={back} className="text-sm text-brand-700 underline">
                {t("verification.admin.cancel")}
              </Link>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}
