import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { type z } from "zod";
import { startSession } from "#app/accounts/auth.server.ts";
import { checkSetupToken, completeSetup, type SetupLink } from "#app/accounts/first-run.server.ts";
import { LinkProblem } from "#app/accounts/link-problem.tsx";
import { SetupSchema } from "#app/accounts/schemas.ts";
import { TimeZoneOptions } from "#app/components/time-zone-options.tsx";
import { Button, ErrorList, Field, SelectField } from "#app/components/ui/field.tsx";
import { clientOf } from "#app/utils/client.server.ts";
import { localeNames, locales } from "#app/utils/i18n.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";
import { machineTimeZone, timeZones } from "#app/utils/time-zone.ts";

export const meta: MetaFunction = () => [{ title: "Set up Rapport · Rapport" }];

/** An admin exists: the page is gone, as if it had never been. */
function closed(): never {
  throw new Response("Not found", { status: 404 });
}

const problemStatus = (link: Exclude<SetupLink, "ok" | "closed">) => (link === "expired" ? 410 : 404);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const link = await checkSetupToken(params.token);
  if (link === "closed") closed();
  const base = { zones: timeZones(), defaults: { timeZone: machineTimeZone(), locale: resolveLocale(request) } };
  if (link !== "ok") return json({ ...base, problem: link }, { status: problemStatus(link) });
  return json({ ...base, problem: null });
}

const hidden = ["password", "confirmPassword"];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const link = await checkSetupToken(params.token);
  if (link === "closed") closed();
  if (link !== "ok") return json({ problem: link, result: null }, { status: problemStatus(link) });
  const submission = parseWithZod(await request.formData(), { schema: SetupSchema });
  if (submission.status !== "success") {
    return json({ problem: null, result: submission.reply({ hideFields: hidden }) }, { status: 400 });
  }
  const client = clientOf(request, context);
  const outcome = await completeSetup(params.token ?? "", submission.value, client.ip);
  switch (outcome.status) {
    case "gone":
      if (outcome.link === "closed") closed();
      return json({ problem: outcome.link, result: null }, { status: problemStatus(outcome.link) });
    case "common":
      return json(
        {
          problem: null,
          result: submission.reply({ fieldErrors: { password: ["form.passwordCommon"] }, hideFields: hidden }),
        },
        { status: 400 },
      );
    case "emailTaken":
      return json(
        {
          problem: null,
          result: submission.reply({ fieldErrors: { email: ["form.emailTaken"] }, hideFields: hidden }),
        },
        { status: 400 },
      );
    case "ok":
      return redirect("/admin/users?welcome=1", {
        headers: await startSession(request, outcome.user, client, "setup"),
      });
  }
}

export default function Setup() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof SetupSchema>>({
    id: "setup",
    lastResult: actionData?.result,
    defaultValue: data.defaults,
    constraint: { name: { required: true }, email: { required: true }, password: { required: true } },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SetupSchema }),
    shouldRevalidate: "onBlur",
  });
  const problem = actionData?.problem ?? data.problem;
  if (problem) return <LinkProblem kind="setup" problem={problem} />;
  return (
    <section className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-bold">{t("setup.title")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("setup.intro")}</p>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">{t("setup.you")}</legend>
          <Field
            label={t("setup.name")}
            errors={fields.name.errors}
            inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }}
          />
          <Field
            label={t("setup.email")}
            errors={fields.email.errors}
            inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "username" }}
          />
          <Field
            label={t("setup.password")}
            hint={t("profile.passwordHint")}
            errors={fields.password.errors}
            inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
          />
          <Field
            label={t("setup.confirmPassword")}
            errors={fields.confirmPassword.errors}
            inputProps={{
              ...getInputProps(fields.confirmPassword, { type: "password" }),
              autoComplete: "new-password",
            }}
          />
        </fieldset>
        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">{t("setup.organisation")}</legend>
          <p className="text-sm text-slate-600">{t("setup.organisationHelp")}</p>
          <SelectField
            label={t("setup.timeZone")}
            errors={fields.timeZone.errors}
            selectProps={getSelectProps(fields.timeZone)}
          >
            <TimeZoneOptions zones={data.zones} />
          </SelectField>
          <SelectField
            label={t("setup.locale")}
            errors={fields.locale.errors}
            selectProps={getSelectProps(fields.locale)}
          >
            {locales.map((l) => (
              <option key={l} value={l} lang={l}>
                {localeNames[l]}
              </option>
            ))}
          </SelectField>
        </fieldset>
        <ErrorList id={form.errorId} errors={form.errors} />
        <Button type="submit" className="w-full" disabled={navigation.state === "submitting"}>
          {t("setup.submit")}
        </Button>
      </Form>
    </section>
  );
}
