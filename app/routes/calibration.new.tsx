import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { NewSessionSchema, MAX_TITLE } from "#app/calibration/schemas.ts";
import { createSession, newSessionOptions } from "#app/calibration/sessions.server.ts";
import { useDates } from "#app/components/dates.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button, useFieldMessage } from "#app/components/ui/field.tsx";
import { refusal } from "#app/utils/errors.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction = () => [{ title: "New calibration session · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "manager");
  return newSessionOptions(user, resolveLocale(request, user.locale));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "manager");
  const submission = parseWithZod(await request.formData(), { schema: NewSessionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), error: null }, { status: 400 });
  try {
    const id = await createSession(user, submission.value);
    return redirect(`/calibration/${id}`);
  } catch (error) {
    return refusal(error, resolveLocale(request, user.locale), { result: submission.reply() });
  }
}

export default function NewCalibration() {
  const options = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const say = useFieldMessage();
  const dates = useDates();
  const sent = actionData?.result?.initialValue ?? null;
  const problems = Object.values(actionData?.result?.error ?? {})
    .flat()
    .flatMap((m) => (typeof m === "string" ? [say(m)] : []));
  const text = (name: string) => (typeof sent?.[name] === "string" ? (sent[name] as string) : "");
  const ticked = (name: string, id: string) => {
    const value = sent?.[name];
    return Array.isArray(value) ? value.includes(id) : value === id;
  };
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to="/calibration" className="text-brand-700 underline">
          {t("calibration.back")}
        </Link>
      </nav>
      <h1 className="text-3xl font-bold">{t("calibration.new")}</h1>
      <p className="max-w-2xl text-slate-700">{t("calibration.newHelp")}</p>
      {actionData?.error || problems.length ? (
        <Alert>
          <p>{actionData?.error?.message ?? t("calibration.errors.fix")}</p>
          {problems.length ? (
            <ul className="mt-1 list-disc pl-5">
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <Form method="post" className="space-y-5 rounded-lg border border-slate-200 bg-white p-4">
        <div className="grid gap-4 sm:grid-cols-3">
          <label className="block">
            <span className="font-semibold">{t("calibration.sessionTitle")}</span>
            <input
              name="title"
              maxLength={MAX_TITLE}
              defaultValue={text("title")}
              className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
            />
          </label>
          <label className="block">
            <span className="font-semibold">{t("calibration.team")}</span>
            <select
              name="team"
              defaultValue={text("team")}
              className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5"
            >
              {options.teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="font-semibold">{t("calibration.deadline")}</span>
            <input
              type="date"
              name="deadline"
              defaultValue={text("deadline")}
              className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
            />
          </label>
        </div>
        <fieldset>
          <legend className="font-semibold">{t("calibration.pickAttempts")}</legend>
          <p className="text-sm text-slate-600">{t("calibration.pickAttemptsHelp")}</p>
          {options.attempts.length ? (
            <ul className="mt-2 grid gap-1 sm:grid-cols-2">
              {options.attempts.map((a) => (
                <li key={a.id}>
                  <label className="flex gap-2 text-sm">
                    <input type="checkbox" name="attempt" value={a.id} defaultChecked={ticked("attempt", a.id)} />
                    <span>
                      <span className="font-medium">{a.title}</span> · {a.trainee}
                      {a.submittedAt ? ` · ${dates.date(a.submittedAt)}` : ""}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm">{t("calibration.noAttemptsToPick")}</p>
          )}
        </fieldset>
        <fieldset>
          <legend className="font-semibold">{t("calibration.pickMentors")}</legend>
          <ul className="mt-2 grid gap-1 sm:grid-cols-3">
            {options.mentors.map((m) => (
              <li key={m.id}>
                <label className="flex gap-2 text-sm">
                  <input type="checkbox" name="mentor" value={m.id} defaultChecked={ticked("mentor", m.id)} />
                  <span>
                    {m.name}
                    {m.team ? <span className="text-slate-600"> · {m.team}</span> : null}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <Button type="submit" disabled={navigation.state === "submitting"}>
          {t("calibration.create")}
        </Button>
      </Form>
    </div>
  );
}
