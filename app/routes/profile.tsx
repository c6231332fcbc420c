import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { destroySession, requireUser } from "#app/accounts/auth.server.ts";
import { changePassword, getOwnTimeZone, updateProfile } from "#app/accounts/profile.server.ts";
import { emailWanted, notificationKinds } from "#app/notifications/kinds.ts";
import { getEmailChoices, setEmailChoices } from "#app/notifications/notify.server.ts";
import { PasswordChangeSchema, ProfileFormSchema, ProfileSchema } from "#app/accounts/schemas.ts";
import { SessionsList } from "#app/accounts/sessions-list.tsx";
import { endAllSessions, endSession, listSessions } from "#app/accounts/sessions.server.ts";
import { LocaleOptions } from "#app/components/locale-options.tsx";
import { TimeZoneOptions } from "#app/components/time-zone-options.tsx";
import { Button, ErrorList, Field, SelectField } from "#app/components/ui/field.tsx";
import { clientOf } from "#app/utils/client.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { keepRetryAfter } from "#app/utils/headers.ts";
import { getOrganisation } from "#app/utils/organisation.server.ts";
import { timeZoneLabel, timeZones } from "#app/utils/time-zone.ts";

export const meta: MetaFunction = () => [{ title: "Profile · Rapport" }];

export const headers = keepRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { allowWithoutTwoFactor: true });
  const stored = await getEmailChoices(user.id);
  return json({
    name: user.name,
    email: user.email,
    locale: user.locale ?? "auto",
    timeZone: (await getOwnTimeZone(user.id)) ?? "organisation",
    organisationZone: (await getOrganisation()).timeZone,
    zones: timeZones(),
    emailChoices: notificationKinds.filter((kind) => emailWanted(stored, kind)),
    noticeHour: `${String(getEnv().NOTICE_HOUR).padStart(2, "0")}:00`,
    twoFactor: user.twoFactor,
    sessions: await listSessions(user.id, user.sessionId),
  });
}

const hidden = ["currentPassword", "newPassword", "confirmPassword"];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { allowWithoutTwoFactor: true });
  const { ip } = clientOf(request, context);
  const submission = parseWithZod(await request.formData(), { schema: ProfileFormSchema });
  if (submission.status !== "success") {
    const sent = submission.payload.intent === "password" ? "password" : "profile";
    return json(
      { intent: sent, result: submission.reply({ hideFields: hidden }), saved: false, retryInMinutes: null },
      { status: 400 },
    );
  }
  const form = submission.value;
  if (form.intent === "email-notifications") {
    await setEmailChoices(
      user.id,
      notificationKinds.filter((kind) => !form.email.includes(kind)),
    );
    return json({ intent: form.intent, result: submission.reply(), saved: true, retryInMinutes: null });
  }
  if (form.intent === "end-session") {
    const ended = await endSession(user, form.session, ip);
    return json(
      { intent: form.intent, result: null, saved: ended, retryInMinutes: null },
      { status: ended ? 200 : 404 },
    );
  }
  if (form.intent === "end-all") {
    await endAllSessions(user, ip);
    return redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
  }
  if (form.intent === "password") {
    const { intent, currentPassword, newPassword } = form;
    const outcome = await changePassword(user, currentPassword, newPassword, ip);
    switch (outcome.status) {
      case "ok":
        return json({ intent, result: submission.reply({ resetForm: true }), saved: true, retryInMinutes: null });
      case "common":
        return json(
          {
            intent,
            result: submission.reply({ fieldErrors: { newPassword: ["form.passwordCommon"] }, hideFields: hidden }),
            saved: false,
            retryInMinutes: null,
          },
          { status: 400 },
        );
      case "wrong":
        return json(
          {
            intent,
            result: submission.reply({
              fieldErrors: { currentPassword: ["profile.currentPasswordWrong"] },
              hideFields: hidden,
            }),
            saved: false,
            retryInMinutes: null,
          },
          { status: 400 },
        );
      case "throttled":
        return json(
          {
            intent,
            result: submission.reply({ hideFields: hidden }),
            saved: false,
            retryInMinutes: Math.ceil(outcome.retryAfterSeconds / 60),
          },
          { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
        );
    }
  }
  const { name, locale, timeZone } = form;
  await updateProfile(user.id, {
    name,
    locale: locale === "auto" ? null : locale,
    // Left out of the form (an older page, a script): the zone stays as it was.
    timeZone: timeZone === undefined ? undefined : timeZone === "organisation" ? null : timeZone,
  });
  return json({ intent: "profile", result: submission.reply(), saved: true, retryInMinutes: null });
}

export default function Profile() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [profileForm, profileFields] = useForm({
    id: "profile",
    lastResult: actionData?.intent === "profile" ? actionData.result : undefined,
    defaultValue: { name: data.name, locale: data.locale, timeZone: data.timeZone },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
    shouldRevalidate: "onBlur",
  });
  const [passwordForm, passwordFields] = useForm({
    id: "password",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordChangeSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <h1 className="text-2xl font-bold">{t("profile.title")}</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold">{t("profile.details")}</h2>
        <p className="mt-1 text-sm text-slate-600">{data.email}</p>
        <Form method="post" className="mt-4 space-y-4" {...getFormProps(profileForm)}>
          <input type="hidden" name="intent" value="profile" />
          <Field
            label={t("profile.name")}
            errors={profileFields.name.errors}
            inputProps={getInputProps(profileFields.name, { type: "text" })}
          />
          <SelectField
            label={t("profile.locale")}
            errors={profileFields.locale.errors}
            selectProps={getSelectProps(profileFields.locale)}
          >
            <LocaleOptions />
          </SelectField>
          <SelectField
            label={t("profile.timeZone")}
            errors={profileFields.timeZone.errors}
            selectProps={getSelectProps(profileFields.timeZone)}
          >
            <option value="organisation">
              {t("profile.timeZoneOrganisation", { zone: timeZoneLabel(data.organisationZone) })}
            </option>
            <TimeZoneOptions zones={data.zones} />
          </SelectField>
          <p className="-mt-2 text-xs text-slate-600">{t("profile.timeZoneHint")}</p>
          <ErrorList errors={profileForm.errors} />
          {actionData?.intent === "profile" && actionData.saved ? (
            <p role="status" className="text-sm text-green-800">
              {t("profile.saved")}
            </p>
          ) : null}
          <Button type="submit">{t("profile.save")}</Button>
        </Form>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold">{t("profile.passwordTitle")}</h2>
        <p className="mt-1 text-sm text-slate-600">{t("profile.passwordEndsSessions")}</p>
        <Form method="post" className="mt-4 space-y-4" {...getFormProps(passwordForm)}>
          <input type="hidden" name="intent" value="password" />
          <Field
            label={t("profile.currentPassword")}
            errors={passwordFields.currentPassword.errors}
            inputProps={{
              ...getInputProps(passwordFields.currentPassword, { type: "password" }),
              autoComplete: "current-password",
            }}
          />
          <Field
            label={t("profile.newPassword")}
            hint={t("profile.passwordHint")}
            errors={passwordFields.newPassword.errors}
            inputProps={{
              ...getInputProps(passwordFields.newPassword, { type: "password" }),
              autoComplete: "new-password",
            }}
          />
          <Field
            label={t("profile.confirmPassword")}
            errors={passwordFields.confirmPassword.errors}
            inputProps={{
              ...getInputProps(passwordFields.confirmPassword, { type: "password" }),
              autoComplete: "new-password",
            }}
          />
          {actionData?.intent === "password" && actionData.retryInMinutes ? (
            <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
              {t("profile.passwordThrottled", { count: actionData.retryInMinutes })}
            </p>
          ) : null}
          {actionData?.intent === "password" && actionData.saved ? (
            <p role="status" className="text-sm text-green-800">
              {t("profile.passwordChanged")}
            </p>
          ) : null}
          <Button type="submit">{t("profile.changePassword")}</Button>
        </Form>
      </section>
      <section
        aria-labelledby="email-choices-title"
        className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      >
        <h2 id="email-choices-title" className="text-lg font-semibold">
          {t("profile.emailTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("profile.emailHelp")}</p>
        <p className="mt-1 text-sm text-slate-600">{t("notices.profileHint", { hour: data.noticeHour })}</p>
        <Form method="post" className="mt-4 space-y-3">
          <input type="hidden" name="intent" value="email-notifications" />
          {notificationKinds.map((kind) => (
            <div key={kind} className="flex items-start gap-2 text-sm">
              <input
                id={`email-${kind}`}
                type="checkbox"
                name="email"
                value={kind}
                defaultChecked={data.emailChoices.includes(kind)}
                className="mt-0.5 size-4"
              />
              <label htmlFor={`email-${kind}`}>{t(`profile.emailKinds.${kind}`)}</label>
            </div>
          ))}
          {actionData?.intent === "email-notifications" && actionData.saved ? (
            <p role="status" className="text-sm text-green-800">
              {t("profile.saved")}
            </p>
          ) : null}
          <Button type="submit">{t("profile.emailSave")}</Button>
        </Form>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold">{t("profile.twoFactorTitle")}</h2>
        <p className="mt-1 text-sm text-slate-700">
          {data.twoFactor ? t("profile.twoFactorOn") : t("profile.twoFactorOff")}
        </p>
        <Link
          to="/profile/two-factor"
          className="mt-3 inline-block rounded border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100"
        >
          {data.twoFactor ? t("profile.twoFactorManage") : t("profile.twoFactorSetUp")}
        </Link>
      </section>
      <SessionsList sessions={data.sessions} ended={actionData?.intent === "end-session" ? actionData.saved : null} />
    </div>
  );
}
