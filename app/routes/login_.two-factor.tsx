import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAnonymous, startSession } from "#app/accounts/auth.server.ts";
import { SecondStepSchema } from "#app/accounts/schemas.ts";
import { checkSecondStep, clearPendingSignIn, readPendingSignIn } from "#app/accounts/two-factor.server.ts";
import { Button } from "#app/components/ui/field.tsx";
import { clientOf } from "#app/utils/client.server.ts";
import { firstError } from "#app/utils/forms.ts";
import { keepRetryAfter } from "#app/utils/headers.ts";

export const meta: MetaFunction = () => [{ title: "Two-factor sign-in · Rapport" }];

export const headers = keepRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  if (!(await readPendingSignIn(request))) throw redirect("/login");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const pending = await readPendingSignIn(request);
  if (!pending) return redirect("/login?expired=1");
  const submission = parseWithZod(await request.formData(), { schema: SecondStepSchema });
  if (submission.status !== "success") {
    return json({ error: firstError(submission.reply()), retryInMinutes: null }, { status: 400 });
  }
  const { code } = submission.value;
  const client = clientOf(request, context);
  const outcome = await checkSecondStep(pending.userId, code, client.ip);
  switch (outcome.status) {
    case "gone":
      return redirect("/login", { headers: { "Set-Cookie": await clearPendingSignIn() } });
    case "throttled":
      return json(
        { error: null, retryInMinutes: Math.ceil(outcome.retryAfterSeconds / 60) },
        { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
      );
    case "invalid":
      return json({ error: "login.codeWrong", retryInMinutes: null }, { status: 400 });
    case "ok": {
      const headers = await startSession(request, outcome.user, client, outcome.method);
      headers.append("Set-Cookie", await clearPendingSignIn());
      return redirect(pending.redirectTo, { headers });
    }
  }
}

export default function TwoFactorSignIn() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const error = actionData?.error ?? null;
  return (
    <section className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-bold">{t("login.twoFactorTitle")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("login.twoFactorIntro")}</p>
      <Form method="post" className="mt-6 space-y-4">
        <div>
          <label htmlFor="code" className="block text-sm font-medium text-slate-800">
            {t("login.code")}
          </label>
          <input
            id="code"
            name="code"
            type="text"
            inputMode="text"
            autoComplete="one-time-code"
            required
            maxLength={64}
            aria-invalid={error ? true : undefined}
            aria-describedby={["code-hint", error ? "code-error" : ""].filter(Boolean).join(" ")}
            className="mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 font-mono tracking-widest aria-[invalid]:border-red-600"
          />
          <p id="code-hint" className="mt-1 text-xs text-slate-600">
            {t("login.codeHint")}
          </p>
          {error ? (
            <p id="code-error" role="alert" className="mt-1 text-sm text-red-700">
              {t(error)}
            </p>
          ) : null}
        </div>
        {actionData?.retryInMinutes ? (
          <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            {t("login.codeThrottled", { count: actionData.retryInMinutes })}
          </p>
        ) : null}
        <Button type="submit" className="w-full" disabled={navigation.state === "submitting"}>
          {t("login.verify")}
        </Button>
      </Form>
      <p className="mt-4 text-sm">
        <Link to="/login" className="text-brand-700 underline">
          {t("login.startOver")}
        </Link>
      </p>
    </section>
  );
}
