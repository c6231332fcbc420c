import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAnonymous, startSession, verifySignIn } from "#app/accounts/auth.server.ts";
import { demoAccounts } from "#app/accounts/demo.ts";
import { LoginSchema } from "#app/accounts/schemas.ts";
import { knownDeviceFor } from "#app/accounts/throttle.server.ts";
import { startPendingSignIn } from "#app/accounts/two-factor.server.ts";
import { Button, ErrorList, Field } from "#app/components/ui/field.tsx";
import { clientOf } from "#app/utils/client.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { safeRedirect } from "#app/utils/misc.ts";
import { keepRetryAfter } from "#app/utils/headers.ts";

export const meta: MetaFunction = () => [{ title: "Sign in · Rapport" }];

export const headers = keepRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return json({ demo: getEnv().DEMO_MODE ? demoAccounts : null });
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: ["password"] }), retryInMinutes: null }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  // Worked out before anything is written, so an odd address can never fail a sign-in halfway.
  const target = safeRedirect(redirectTo, "/");
  const client = clientOf(request, context);
  const outcome = await verifySignIn({
    email,
    password,
    client,
    knownDevice: (userId) => knownDeviceFor(request, userId),
  });
  if (outcome.status === "throttled") {
    return json(
      {
        result: submission.reply({ formErrors: ["login.throttled"], hideFields: ["password"] }),
        retryInMinutes: Math.ceil(outcome.retryAfterSeconds / 60),
      },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  if (outcome.status === "invalid") {
    return json(
      { result: submission.reply({ formErrors: ["login.invalid"], hideFields: ["password"] }), retryInMinutes: null },
      { status: 400 },
    );
  }
  if (outcome.twoFactor) {
    return redirect("/login/two-factor", {
      headers: { "Set-Cookie": await startPendingSignIn({ userId: outcome.user.id, redirectTo: target }) },
    });
  }
  return redirect(target, { headers: await startSession(request, outcome.user, client, "password") });
}

export default function LoginPage() {
  const { demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: { email: { required: true }, password: { required: true } },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldRevalidate: "onBlur",
  });
  const formErrors = form.errors?.filter((e) => e !== "login.throttled");
  const expired = searchParams.get("expired") === "1";
  return (
    <div className="mx-auto grid max-w-4xl gap-8 md:grid-cols-2">
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-2xl font-bold">{t("login.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("login.intro")}</p>
        {expired ? (
          <p role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            {t("login.twoFactorExpired")}
          </p>
        ) : null}
        <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <Field
            label={t("login.email")}
            errors={fields.email.errors}
            inputProps={{
              ...getInputProps(fields.email, { type: "email" }),
              autoComplete: "username",
              autoFocus: true,
            }}
          />
          <Field
            label={t("login.password")}
            errors={fields.password.errors}
            inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
          />
          {actionData?.retryInMinutes ? (
            <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
              {t("login.throttled", { count: actionData.retryInMinutes })}
            </p>
          ) : null}
          <div role="alert">
            <ErrorList id={form.errorId} errors={formErrors} />
          </div>
          <Button type="submit" className="w-full" disabled={navigation.state === "submitting"}>
            {t("login.submit")}
          </Button>
        </Form>
      </section>
      {demo ? (
        <section aria-labelledby="demo-title" className="rounded-lg border border-brand-100 bg-brand-50 p-6">
          <h2 id="demo-title" className="text-lg font-semibold">
            {t("login.demoTitle")}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{t("login.demoIntro", { password: demo.password })}</p>
          <ul className="mt-4 space-y-2 text-sm">
            {demo.accounts.map((account) => (
              <li key={account.email} className="flex flex-wrap justify-between gap-2">
                <code className="font-mono">{account.email}</code>
                <span className="text-slate-600">{account.roles.map((r) => t(`roles.${r}`)).join(", ")}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
