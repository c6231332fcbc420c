import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { changePassword, updateProfile } from "#app/accounts/profile.server.ts";
import { PasswordChangeSchema, ProfileSchema } from "#app/accounts/schemas.ts";
import { LocaleOptions } from "#app/components/locale-options.tsx";
import { Button, ErrorList, Field, SelectField } from "#app/components/ui/field.tsx";

export const meta: MetaFunction = () => [{ title: "Profile · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ name: user.name, email: user.email, locale: user.locale ?? "auto" });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === "password") {
    const submission = parseWithZod(formData, { schema: PasswordChangeSchema });
    const hidden = ["currentPassword", "newPassword", "confirmPassword"];
    if (submission.status !== "success") {
      return json(
        { intent: "password", result: submission.reply({ hideFields: hidden }), saved: false },
        { status: 400 },
      );
    }
    const ok = await changePassword(user.id, submission.value.currentPassword, submission.value.newPassword);
    if (!ok) {
      return json(
        {
          intent: "password",
          result: submission.reply({
            fieldErrors: { currentPassword: ["profile.currentPasswordWrong"] },
            hideFields: hidden,
          }),
          saved: false,
        },
        { status: 400 },
      );
    }
    return json({ intent: "password", result: submission.reply({ resetForm: true }), saved: true });
  }
  const submission = parseWithZod(formData, { schema: ProfileSchema });
  if (submission.status !== "success") {
    return json({ intent: "profile", result: submission.reply(), saved: false }, { status: 400 });
  }
  const { name, locale } = submission.value;
  await updateProfile(user.id, { name, locale: locale === "auto" ? null : locale });
  return json({ intent: "profile", result: submission.reply(), saved: true });
}

export default function Profile() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [profileForm, profileFields] = useForm({
    id: "profile",
    lastResult: actionData?.intent === "profile" ? actionData.result : undefined,
    defaultValue: { name: data.name, locale: data.locale },
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
          {actionData?.intent === "password" && actionData.saved ? (
            <p role="status" className="text-sm text-green-800">
              {t("profile.passwordChanged")}
            </p>
          ) : null}
          <Button type="submit">{t("profile.changePassword")}</Button>
        </Form>
      </section>
    </div>
  );
}
