import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  checkUserReferences,
  getUserForEdit,
  getUserFormOptions,
  setUserActive,
  updateUser,
} from "#app/accounts/admin.server.ts";
import { requireRole } from "#app/accounts/auth.server.ts";
import { UserEditSchema } from "#app/accounts/schemas.ts";
import { resendInvitation } from "#app/accounts/invitations.server.ts";
import { keepRetryAfter } from "#app/utils/headers.ts";
import { disableTwoFactor } from "#app/accounts/two-factor.server.ts";
import { UserForm } from "#app/accounts/user-form.tsx";
import { useDates } from "#app/components/dates.tsx";
import { Button, ErrorList } from "#app/components/ui/field.tsx";
import { clientOf } from "#app/utils/client.server.ts";
import { toDateInput } from "#app/utils/format.ts";
import { DomainError, notFound } from "#app/utils/errors.ts";
import { refuse } from "#app/utils/errors.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";
import { certificatesOf } from "#app/ladder/certificates.server.ts";

export const meta: MetaFunction = () => [{ title: "Edit user · Rapport" }];

export const headers = keepRetryAfter;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = resolveLocale(request, admin.locale);
  const [user, options, certificates] = await Promise.all([
    getUserForEdit(params.userId ?? ""),
    getUserFormOptions(),
    certificatesOf(params.userId ?? "", locale),
  ]);
  if (!user) refuse(notFound("admin.errors.userNotFound"), locale);
  return json({ user, options, certificates });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const locale = resolveLocale(request, user.locale);
  const admin = { ...user, ip: clientOf(request, context).ip };
  const userId = params.userId ?? "";
  const existing = (await getUserForEdit(userId)) ?? refuse(notFound("admin.errors.userNotFound"), locale);
  const submission = parseWithZod(await request.formData(), { schema: UserEditSchema });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const intent = submission.value.intent;
  if (intent === "deactivate" || intent === "reactivate") {
    if (userId === admin.id)
      return json(submission.reply({ formErrors: ["admin.errors.cannotDeactivateSelf"] }), { status: 400 });
    await setUserActive(userId, intent === "reactivate", admin);
    return redirect(`/admin/users/${userId}`);
  }
  if (intent === "reset-two-factor") {
    await disableTwoFactor(userId, { actor: admin, target: existing, ip: admin.ip });
    return redirect(`/admin/users/${userId}?twoFactorReset=1`);
  }
  if (intent === "resend-invitation") {
    const outcome = await resendInvitation(userId, admin, admin.ip);
    if (outcome.status === "throttled") {
      return json(
        { resend: { retryInMinutes: Math.ceil(outcome.retryAfterSeconds / 60) } },
        { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
      );
    }
    if (outcome.status !== "sent") refuse(new DomainError("inactive", 409, "admin.errors.inviteInactive"), locale);
    return redirect(`/admin/users/${userId}?invited=1`);
  }
  const fieldErrors = await checkUserReferences(submission.value, userId);
  if (userId === admin.id && !submission.value.roles.includes("admin")) {
    fieldErrors.roles = ["form.cannotDropOwnAdmin"];
  }
  if (Object.keys(fieldErrors).length) {
    return json(submission.reply({ fieldErrors, hideFields: ["password"] }), { status: 400 });
  }
  await updateUser(userId, submission.value, admin);
  return redirect(`/admin/users/${userId}?saved=1`);
}

export default function EditUser() {
  const { user, options, certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resend = actionData && "resend" in actionData ? actionData.resend : null;
  const lastResult = actionData && "resend" in actionData ? undefined : actionData;
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const dates = useDates();
  const notice = searchParams.has("created")
    ? searchParams.get("created") === "invited"
      ? t("admin.users.createdInvited")
      : t("admin.users.created")
    : searchParams.has("invited")
      ? t("admin.users.invitationResent")
      : searchParams.has("saved")
        ? t("admin.users.saved")
        : searchParams.has("twoFactorReset")
          ? t("admin.users.twoFactorWasReset")
          : searchParams.has("certificateRevoked")
            ? t("verification.admin.revokedNotice")
            : null;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">{user.name}</h1>
        <span
          className={`rounded px-2 py-1 text-sm ${user.active ? "bg-green-100 text-green-900" : "bg-slate-200 text-slate-800"}`}
        >
          {user.active ? t("admin.users.active") : t("admin.users.inactive")}
        </span>
      </div>
      {notice ? (
        <p role="status" className="rounded border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          {notice}
        </p>
      ) : null}
      <UserForm
        key={user.id}
        lastResult={lastResult}
        options={options}
        defaultValue={{
          email: user.email,
          name: user.name,
          roles: user.roles,
          teamId: user.teamId,
          mentorId: user.mentorId,
          startDate: toDateInput(user.startDate),
          locale: user.locale ?? "auto",
        }}
        submitLabel={t("admin.users.save")}
        passwordLabel={t("admin.users.newPassword")}
      />
      <section aria-labelledby="access-title" className="max-w-2xl rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="access-title" className="font-semibold">
          {t("admin.users.accessTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-700" data-access={user.access}>
          {user.access === "password"
            ? t("admin.users.accessPassword")
            : user.access === "invited" && user.invitation
              ? t("admin.users.accessInvited", {
                  sent: dates.dateTime(user.invitation.sentAt),
                  until: dates.dateTime(user.invitation.expiresAt),
                })
              : user.access === "invitationExpired"
                ? t("admin.users.accessExpired")
                : t("admin.users.accessNone")}
        </p>
        {resend ? (
          <p role="alert" className="mt-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            {t("admin.users.resendThrottled", { count: resend.retryInMinutes })}
          </p>
        ) : null}
        {user.active && user.access !== "password" ? (
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="resend-invitation" />
            <Button type="submit" variant="secondary">
              {user.access === "none" ? t("admin.users.sendInvitation") : t("admin.users.resendInvitation")}
            </Button>
          </Form>
        ) : null}
      </section>
      <section
        aria-labelledby="certificates-title"
        className="max-w-2xl rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 id="certificates-title" className="font-semibold">
          {t("verification.admin.title")}
        </h2>
        {certificates.length ? (
          <ul className="mt-2 divide-y divide-slate-100">
            {certificates.map((c) => (
              <li
                key={c.id}
                className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2"
                data-certificate={c.id}
              >
                <div className="min-w-0">
                  <p className="font-medium">
                    {c.title}
                    {c.issue > 1 ? (
                      <span className="text-sm font-normal text-slate-600">
                        {" "}
                        · {t("verification.admin.issue", { issue: c.issue })}
                      </span>
                    ) : null}
                  </p>
                  <p className="text-sm text-slate-600">
                    {t("verification.admin.issuedOn", { date: dates.date(c.certifiedAt) })} ·{" "}
                    {c.revokedAt ? (
                      <span className="font-semibold text-red-800" data-status="revoked">
                        {t("verification.admin.revokedOn", {
                          date: dates.date(c.revokedAt),
                          reason: c.revokedReason ?? "",
                        })}
                      </span>
                    ) : (
                      <span className="font-semibold text-emerald-800" data-status="valid">
                        {t("verification.admin.valid")}
                      </span>
                    )}
                  </p>
                </div>
                <p className="flex flex-wrap gap-x-3 text-sm">
                  <Link to={`/certificates/${c.id}`} className="text-brand-700 underline">
                    {t("verification.admin.open")}
                  </Link>
                  <Link to={c.verifyPath} className="text-brand-700 underline">
                    {t("verification.admin.verify")}
                  </Link>
                  {c.revokedAt ? null : (
                    <Link
                      to={`/admin/users/${user.id}/certificates/${c.id}`}
                      className="font-semibold text-red-800 underline"
                    >
                      {t("verification.admin.revoke")}
                    </Link>
                  )}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-sm text-slate-600">{t("verification.admin.none")}</p>
        )}
      </section>
      {user.twoFactor ? (
        <section className="max-w-2xl rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="font-semibold">{t("admin.users.twoFactorTitle")}</h2>
          <p className="mt-1 text-sm text-slate-600">{t("admin.users.twoFactorHelp")}</p>
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="reset-two-factor" />
            <Button type="submit" variant="secondary">
              {t("admin.users.twoFactorReset")}
            </Button>
          </Form>
        </section>
      ) : null}
      <section className="max-w-2xl rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">
          {user.active ? t("admin.users.deactivateTitle") : t("admin.users.reactivateTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {user.active ? t("admin.users.deactivateHelp") : t("admin.users.reactivateHelp")}
        </p>
        <Form method="post" className="mt-3">
          <input type="hidden" name="intent" value={user.active ? "deactivate" : "reactivate"} />
          {user.active ? (
            <label className="mb-3 flex items-start gap-2 text-sm">
              <input type="checkbox" name="confirm" required className="mt-1" />
              <span>{t("admin.users.deactivateConfirm", { name: user.name })}</span>
            </label>
          ) : null}
          {user.active && lastResult?.error?.confirm ? (
            <ErrorList id="confirm-error" errors={lastResult.error.confirm} />
          ) : null}
          <Button type="submit" variant={user.active ? "danger" : "secondary"}>
            {user.active ? t("admin.users.deactivate") : t("admin.users.reactivate")}
          </Button>
        </Form>
      </section>
    </div>
  );
}
