import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { startSession } from "#app/accounts/auth.server.ts";
import { linkStatus, viewLink } from "#app/accounts/invitations.server.ts";
import { LinkProblem } from "#app/accounts/link-problem.tsx";
import { checkReset, completeReset } from "#app/accounts/password-reset.server.ts";
import { NewPasswordSchema } from "#app/accounts/schemas.ts";
import { startPendingSignIn } from "#app/accounts/two-factor.server.ts";
import { useDates } from "#app/components/dates.tsx";
import { Button, ErrorList, Field } from "#app/components/ui/field.tsx";
import { clientOf } from "#app/utils/client.server.ts";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Rapport" }];

const inspect = async (request: Request, token: string | undefined) => viewLink(request, await checkReset(token));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await inspect(request, params.token);
  if (found.problem !== null) {
    return json(
      { problem: found.problem, signedInAs: found.signedInAs, account: null },
      { status: linkStatus(found.problem) },
    );
  }
  return json({
    problem: null,
    signedInAs: found.signedInAs,
    account: { email: found.user.email, expiresAt: found.reset.expiresAt },
  });
}

const hidden = ["password", "confirmPassword"];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { problem, signedInAs } = await inspect(request, params.token);
  if (problem !== null) return json({ problem, signedInAs, result: null }, { status: linkStatus(problem) });
  const submission = parseWithZod(await request.formData(), { schema: NewPasswordSchema });
  if (submission.status !== "success") {
    return json({ problem: null, signedInAs, result: submission.reply({ hideFields: hidden }) }, { status: 400 });
  }
  const client = clientOf(request, context);
  const outcome = await completeReset(params.token ?? "", submission.value.password, client.ip);
  switch (outcome.status) {
    case "gone":
      return json({ problem: outcome.problem, signedInAs, result: null }, { status: linkStatus(outcome.problem) });
    case "common":
      return json(
        {
          problem: null,
          signedInAs,
          result: submission.reply({ fieldErrors: { password: ["form.passwordCommon"] }, hideFields: hidden }),
        },
        { status: 400 },
      );
    case "ok":
      // The mailbox proves the person, not their second factor: that step still follows.
      if (outcome.twoFactor) {
        return redirect("/login/two-factor", {
          headers: { "Set-Cookie": await startPendingSignIn({ userId: outcome.user.id, redirectTo: "/?reset=1" }) },
        });
      }
      return redirect("/?reset=1", { headers: await startSession(request, outcome.user, client, "reset") });
  }
}

export default function ResetPassword() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const dates = useDates();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData?.result,
    constraint: { password: { required: true }, confirmPassword: { required: true } },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewPasswordSchema }),
    shouldRevalidate: "onBlur",
  });
  const problem = actionData?.problem ?? data.problem;
  if (problem || !data.account) {
    return <LinkProblem kind="reset" problem={problem ?? "invalid"} signedInAs={data.signedInAs ?? undefined} />;
  }
  return (
    <section className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-bold">{t("reset.title")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("reset.intro", { email: data.account.email })}</p>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="username" autoComplete="username" value={data.account.email} />
        <Field
          label={t("reset.password")}
          hint={t("profile.passwordHint")}
          errors={fields.password.errors}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
        />
        <Field
          label={t("reset.confirmPassword")}
          errors={fields.confirmPassword.errors}
          inputProps={{ ...getInputProps(fields.confirmPassword, { type: "password" }), autoComplete: "new-password" }}
        />
        <ErrorList id={form.errorId} errors={form.errors} />
        <p className="text-sm text-slate-700">{t("reset.endsSessions")}</p>
        <Button type="submit" className="w-full" disabled={navigation.state === "submitting"}>
          {t("reset.submit")}
        </Button>
        <p className="text-xs text-slate-600">{t("reset.expires", { time: dates.dateTime(data.account.expiresAt) })}</p>
      </Form>
    </section>
  );
}
