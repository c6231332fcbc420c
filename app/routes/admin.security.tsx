import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { SecuritySettingsSchema } from "#app/accounts/schemas.ts";
import { getSecuritySettings, saveSecuritySettings } from "#app/accounts/settings.server.ts";
import { Button } from "#app/components/ui/field.tsx";
import { clientOf } from "#app/utils/client.server.ts";

export const meta: MetaFunction = () => [{ title: "Security · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return json(await getSecuritySettings());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await request.formData(), { schema: SecuritySettingsSchema });
  if (submission.status !== "success") return json({ saved: false }, { status: 400 });
  const { requireTwoFactor } = submission.value;
  await saveSecuritySettings({ requireTwoFactor: requireTwoFactor === "on" }, admin, clientOf(request, context).ip);
  return json({ saved: true });
}

export default function SecuritySettings() {
  const settings = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("admin.security.title")}</h1>
      <Form method="post" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <input type="hidden" name="intent" value="save" />
        <div className="flex items-start gap-3">
          <input
            id="require-two-factor"
            type="checkbox"
            name="requireTwoFactor"
            defaultChecked={settings.requireTwoFactor}
            aria-describedby="require-two-factor-help"
            className="mt-1 size-4"
          />
          <div>
            <label htmlFor="require-two-factor" className="block font-medium">
              {t("admin.security.requireTwoFactor")}
            </label>
            <p id="require-two-factor-help" className="text-sm text-slate-600">
              {t("admin.security.requireTwoFactorHelp")}
            </p>
          </div>
        </div>
        {actionData?.saved ? (
          <p role="status" className="text-sm text-green-800">
            {t("admin.users.saved")}
          </p>
        ) : null}
        <Button type="submit">{t("admin.users.save")}</Button>
      </Form>
    </div>
  );
}
