import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { checkUserReferences, createUser, getUserFormOptions } from "#app/accounts/admin.server.ts";
import { requireRole } from "#app/accounts/auth.server.ts";
import { UserFormSchema } from "#app/accounts/schemas.ts";
import { UserForm } from "#app/accounts/user-form.tsx";
import { clientOf } from "#app/utils/client.server.ts";

export const meta: MetaFunction = () => [{ title: "New user · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return json({ options: await getUserFormOptions() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await request.formData(), { schema: UserFormSchema });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const fieldErrors = await checkUserReferences(submission.value);
  if (Object.keys(fieldErrors).length) {
    return json(submission.reply({ fieldErrors, hideFields: ["password"] }), { status: 400 });
  }
  const user = await createUser(submission.value, { ...admin, ip: clientOf(request, context).ip });
  return redirect(`/admin/users/${user.id}?created=1`);
}

export default function NewUser() {
  const { options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("admin.users.new")}</h1>
      <UserForm
        lastResult={lastResult}
        options={options}
        submitLabel={t("admin.users.create")}
        passwordLabel={t("admin.users.initialPassword")}
      />
    </div>
  );
}
