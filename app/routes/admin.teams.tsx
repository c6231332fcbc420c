import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  createTeam,
  isActiveManager,
  listTeams,
  renameTeam,
  setTeamManager,
  teamExists,
  teamNameTaken,
} from "#app/accounts/admin.server.ts";
import { requireRole } from "#app/accounts/auth.server.ts";
import { TeamFormSchema } from "#app/accounts/schemas.ts";
import { Button, ErrorList, Field } from "#app/components/ui/field.tsx";
import { clientOf } from "#app/utils/client.server.ts";

export const meta: MetaFunction = () => [{ title: "Teams · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return json(await listTeams());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const admin = { ...user, ip: clientOf(request, context).ip };
  const submission = parseWithZod(await request.formData(), { schema: TeamFormSchema });
  // Which of the page's forms was sent (one per team), so its answer shows beside it.
  const formId = typeof submission.payload.formId === "string" ? submission.payload.formId.slice(0, 100) : "";
  if (submission.status !== "success") {
    return json({ formId, result: submission.reply() }, { status: 400 });
  }
  const value = submission.value;
  if (value.intent !== "create" && !(await teamExists(value.teamId))) {
    return json({ formId, result: submission.reply({ formErrors: ["form.teamUnknown"] }) }, { status: 404 });
  }
  switch (value.intent) {
    case "create":
    case "rename": {
      if (await teamNameTaken(value.name, value.intent === "rename" ? value.teamId : undefined)) {
        return json(
          { formId, result: submission.reply({ fieldErrors: { name: ["form.teamNameTaken"] } }) },
          { status: 400 },
        );
      }
      if (value.intent === "create") await createTeam(value.name, admin);
      else await renameTeam(value.teamId, value.name, admin);
      break;
    }
    case "set-manager": {
      if (value.managerId && !(await isActiveManager(value.managerId))) {
        return json(
          { formId, result: submission.reply({ fieldErrors: { managerId: ["form.managerInvalid"] } }) },
          { status: 400 },
        );
      }
      await setTeamManager(value.teamId, value.managerId, admin);
      break;
    }
  }
  return json({ formId, result: submission.reply({ resetForm: value.intent === "create" }) });
}

type TeamResult = SubmissionResult<string[]>;

function CreateTeamForm({ lastResult }: { lastResult?: TeamResult }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "create-team",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TeamFormSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <Form method="post" className="flex flex-wrap items-end gap-3" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="create" />
      <input type="hidden" name="formId" value="create-team" />
      <div className="min-w-64">
        <Field
          label={t("admin.teams.newName")}
          errors={fields.name.errors}
          inputProps={getInputProps(fields.name, { type: "text" })}
        />
      </div>
      <Button type="submit">{t("admin.teams.create")}</Button>
      <ErrorList errors={form.errors} />
    </Form>
  );
}

function TeamRow({
  team,
  managers,
  lastResult,
}: {
  team: {
    id: string;
    name: string;
    _count: { members: number };
    managers: Array<{ user: { id: string; name: string } }>;
  };
  managers: Array<{ id: string; name: string }>;
  lastResult?: TeamResult;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `rename-${team.id}`,
    lastResult,
    defaultValue: { name: team.name },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TeamFormSchema }),
  });
  const current = team.managers[0]?.user.id ?? "";
  return (
    <li className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-[1fr_1fr]">
      <div>
        <p className="text-sm text-slate-600">{t("admin.teams.members", { count: team._count.members })}</p>
        <Form method="post" className="mt-2 flex flex-wrap items-end gap-2" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="rename" />
          <input type="hidden" name="teamId" value={team.id} />
          <input type="hidden" name="formId" value={`rename-${team.id}`} />
          <div className="min-w-56 flex-1">
            <Field
              label={t("admin.teams.name")}
              errors={fields.name.errors}
              inputProps={getInputProps(fields.name, { type: "text" })}
            />
          </div>
          <Button type="submit" variant="secondary">
            {t("admin.teams.rename")}
          </Button>
        </Form>
        <ErrorList errors={form.errors} />
      </div>
      <Form method="post" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="intent" value="set-manager" />
        <input type="hidden" name="teamId" value={team.id} />
        <input type="hidden" name="formId" value={`manager-${team.id}`} />
        <div className="min-w-56 flex-1">
          <label htmlFor={`manager-${team.id}`} className="block text-sm font-medium">
            {t("admin.teams.manager")}
          </label>
          <select
            id={`manager-${team.id}`}
            name="managerId"
            defaultValue={current}
            className="mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2"
          >
            <option value="">{t("admin.teams.noManager")}</option>
            {managers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          {t("admin.teams.setManager")}
        </Button>
      </Form>
    </li>
  );
}

export default function AdminTeams() {
  const { teams, managers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const resultFor = (formId: string) => (actionData?.formId === formId ? actionData.result : undefined);
  const managerError = actionData?.formId.startsWith("manager-") ? actionData.result : undefined;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("admin.teams.title")}</h1>
      <CreateTeamForm lastResult={resultFor("create-team")} />
      {managerError?.error ? (
        <div role="alert">
          <ErrorList
            errors={Object.values(managerError.error)
              .flat()
              .filter((e): e is string => typeof e === "string")}
          />
        </div>
      ) : null}
      <ul className="space-y-3">
        {teams.map((team) => (
          <TeamRow key={team.id} team={team} managers={managers} lastResult={resultFor(`rename-${team.id}`)} />
        ))}
      </ul>
    </div>
  );
}
