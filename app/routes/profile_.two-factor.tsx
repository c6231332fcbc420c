import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { checkCurrentPassword } from "#app/accounts/profile.server.ts";
import { TwoFactorFormSchema } from "#app/accounts/schemas.ts";
import { twoFactorRequiredFor } from "#app/accounts/settings.server.ts";
import {
  confirmEnrolment,
  disableTwoFactor,
  pendingEnrolment,
  recoveryCodesLeft,
  renewRecoveryCodes,
} from "#app/accounts/two-factor.server.ts";
import { Button } from "#app/components/ui/field.tsx";
import { clientOf } from "#app/utils/client.server.ts";
import { firstError } from "#app/utils/forms.ts";
import { keepRetryAfter } from "#app/utils/headers.ts";

export const meta: MetaFunction = () => [{ title: "Two-factor sign-in · Rapport" }];

export const headers = keepRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { allowWithoutTwoFactor: true });
  const required = await twoFactorRequiredFor(user.roles);
  if (user.twoFactor) {
    return json({ enabled: true as const, required, codesLeft: await recoveryCodesLeft(user.id), enrolment: null });
  }
  const enrolment = await pendingEnrolment(user);
  return json({ enabled: false as const, required, codesLeft: 0, enrolment });
}

type ActionData = { error: string | null; codes: string[] | null; disabled?: boolean; retryInMinutes?: number };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { allowWithoutTwoFactor: true });
  const { ip } = clientOf(request, context);
  const submission = parseWithZod(await request.formData(), { schema: TwoFactorFormSchema });
  if (submission.status !== "success") {
    return json<ActionData>({ error: firstError(submission.reply()), codes: null }, { status: 400 });
  }
  const form = submission.value;
  if (form.intent === "confirm") {
    if (user.twoFactor) return json<ActionData>({ error: "twoFactor.alreadyOn", codes: null }, { status: 409 });
    const codes = await confirmEnrolment(user, form.code, ip);
    if (!codes) return json<ActionData>({ error: "twoFactor.codeWrong", codes: null }, { status: 400 });
    return json<ActionData>({ error: null, codes });
  }
  if (!user.twoFactor) return json<ActionData>({ error: "twoFactor.notOn", codes: null }, { status: 409 });
  if (form.intent === "disable" && (await twoFactorRequiredFor(user.roles))) {
    return json<ActionData>({ error: "twoFactor.requiredCannotDisable", codes: null }, { status: 403 });
  }
  const check = await checkCurrentPassword(user, form.password, ip);
  if (check.status === "throttled") {
    return json<ActionData>(
      { error: null, codes: null, retryInMinutes: Math.ceil(check.retryAfterSeconds / 60) },
      { status: 429, headers: { "Retry-After": String(check.retryAfterSeconds) } },
    );
  }
  if (check.status === "wrong") {
    return json<ActionData>({ error: "profile.currentPasswordWrong", codes: null }, { status: 400 });
  }
  if (form.intent === "renew") return json<ActionData>({ error: null, codes: await renewRecoveryCodes(user, ip) });
  await disableTwoFactor(user.id, { actor: user, ip });
  return json<ActionData>({ error: null, codes: null, disabled: true });
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  return (
    <section
      aria-labelledby="codes-title"
      className="rounded-lg border border-amber-300 bg-amber-50 p-6"
      data-testid="recovery-codes"
    >
      <h2 id="codes-title" className="text-lg font-semibold text-amber-950">
        {t("twoFactor.codesTitle")}
      </h2>
      <p className="mt-1 text-sm text-amber-950">{t("twoFactor.codesHelp")}</p>
      <ul className="mt-3 grid grid-cols-2 gap-2 font-mono text-base">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </section>
  );
}

function PasswordForm({ intent, label, danger }: { intent: string; label: string; danger?: boolean }) {
  const { t } = useTranslation();
  const id = `${intent}-password`;
  return (
    <Form method="post" className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="intent" value={intent} />
      <div className="min-w-56 flex-1">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {t("profile.currentPassword")}
        </label>
        <input
          id={id}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={200}
          className="mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2"
        />
      </div>
      <Button type="submit" variant={danger ? "danger" : "secondary"}>
        {label}
      </Button>
    </Form>
  );
}

export default function TwoFactorSettings() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const error = actionData?.error ?? null;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p>
        <Link to="/profile" className="text-sm text-brand-700 underline">
          {t("twoFactor.backToProfile")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("twoFactor.title")}</h1>
      {data.required && !data.enabled ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("twoFactor.requiredNotice")}
        </p>
      ) : null}
      {actionData?.disabled ? (
        <p role="status" className="rounded border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          {t("twoFactor.disabled")}
        </p>
      ) : null}
      {actionData?.codes ? <RecoveryCodes codes={actionData.codes} /> : null}
      {error ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {t(error)}
        </p>
      ) : null}
      {actionData?.retryInMinutes ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("profile.passwordThrottled", { count: actionData.retryInMinutes })}
        </p>
      ) : null}
      {data.enabled ? (
        <section className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <p className="text-sm text-slate-800">
            <span className="mr-2 rounded bg-green-100 px-1.5 py-0.5 text-xs font-semibold text-green-900">
              {t("twoFactor.on")}
            </span>
            {t("twoFactor.codesLeft", { count: data.codesLeft })}
          </p>
          <div>
            <h2 className="font-semibold">{t("twoFactor.renewTitle")}</h2>
            <p className="mb-2 text-sm text-slate-600">{t("twoFactor.renewHelp")}</p>
            <PasswordForm intent="renew" label={t("twoFactor.renew")} />
          </div>
          {data.required ? (
            <p className="text-sm text-slate-600">{t("twoFactor.requiredKeepsOn")}</p>
          ) : (
            <div>
              <h2 className="font-semibold">{t("twoFactor.disableTitle")}</h2>
              <p className="mb-2 text-sm text-slate-600">{t("twoFactor.disableHelp")}</p>
              <PasswordForm intent="disable" label={t("twoFactor.disable")} danger />
            </div>
          )}
        </section>
      ) : data.enrolment && !actionData?.codes ? (
        <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <ol className="list-decimal space-y-4 pl-5 text-sm text-slate-800">
            <li>{t("twoFactor.stepApp")}</li>
            <li>
              {t("twoFactor.stepScan")}
              <img
                src={data.enrolment.qrDataUrl}
                alt={t("twoFactor.qrAlt")}
                width={200}
                height={200}
                className="mt-3 block size-48 border border-slate-200 bg-white"
              />
              <p className="mt-2">{t("twoFactor.manualKey")}</p>
              <code
                data-testid="totp-secret"
                className="mt-1 block break-all rounded bg-slate-100 p-2 font-mono text-sm tracking-wider"
              >
                {data.enrolment.secret}
              </code>
            </li>
            <li>
              <Form method="post" className="flex flex-wrap items-end gap-3">
                <input type="hidden" name="intent" value="confirm" />
                <div>
                  <label htmlFor="confirm-code" className="block font-medium">
                    {t("twoFactor.stepCode")}
                  </label>
                  <input
                    id="confirm-code"
                    name="code"
                    type="text"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    pattern="[0-9 ]{6,7}"
                    required
                    maxLength={7}
                    className="mt-1 block w-40 rounded border border-slate-300 bg-white px-3 py-2 font-mono tracking-widest"
                  />
                </div>
                <Button type="submit" disabled={navigation.state === "submitting"}>
                  {t("twoFactor.turnOn")}
                </Button>
              </Form>
            </li>
          </ol>
        </section>
      ) : null}
    </div>
  );
}
