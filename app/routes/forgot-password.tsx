import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAnonymous } from "#app/accounts/auth.server.ts";
import { requestPasswordReset, RESET_LINK_MINUTES } from "#app/accounts/password-reset.server.ts";
import { ForgotPasswordSchema } from "#app/accounts/schemas.ts";
import { Button, ErrorList, Field } from "#app/components/ui/field.tsx";
import { clientOf } from "#app/utils/client.server.ts";
import { keepRetryAfter } from "#app/utils/headers.ts";
import { RateLimited } from "#app/utils/rate-limit.server.ts";

export const meta: MetaFunction = () => [{ title: "Forgot your password? · Rapport" }];

export const headers = keepRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") {
    return json({ result: submission.reply(), sentTo: null, minutes: 0, retryInMinutes: null }, { status: 400 });
  }
  const { email } = submission.value;
  try {
    await requestPasswordReset(email, clientOf(request, context).ip);
  } catch (error) {
    if (!(error instanceof RateLimited)) throw error;
    return json(
      { result: submission.reply(), sentTo: null, minutes: 0, retryInMinutes: Math.ceil(error.retryAfterSeconds / 60) },
      { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
    );
  }
  // The same answer whether the address has an account or not.
  return json({
    result: submission.reply({ resetForm: true }),
    sentTo: email,
    minutes: RESET_LINK_MINUTES,
    retryInMinutes: null,
  });
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    defaultValue: { email: searchParams.get("email") ?? "" },
    constraint: { email: { required: true } },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <section className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-bold">{t("forgot.title")}</h1>
      {actionData?.sentTo ? (
        <div
          role="status"
          className="mt-4 space-y-2 rounded border border-green-200 bg-green-50 p-4 text-sm text-green-950"
        >
          <p className="font-semibold">{t("forgot.sentTitle")}</p>
          <p>{t("forgot.sent", { email: actionData.sentTo, minutes: actionData.minutes })}</p>
          <p>{t("forgot.notArrived")}</p>
        </div>
      ) : (
        <p className="mt-1 text-sm text-slate-700">{t("forgot.intro")}</p>
      )}
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <Field
          label={t("login.email")}
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "username" }}
        />
        {actionData?.retryInMinutes ? (
          <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            {t("forgot.throttled", { count: actionData.retryInMinutes })}
          </p>
        ) : null}
        <ErrorList id={form.errorId} errors={form.errors} />
        <Button type="submit" className="w-full" disabled={navigation.state === "submitting"}>
          {actionData?.sentTo ? t("forgot.sendAgain") : t("forgot.submit")}
        </Button>
      </Form>
      <p className="mt-4 text-sm">
        <Link to="/login" className="text-brand-700 underline">
          {t("forgot.backToSignIn")}
        </Link>
      </p>
    </section>
  );
}
