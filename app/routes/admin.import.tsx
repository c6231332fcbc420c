import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import {
  checkUserCsv,
  csvIsClean,
  type CsvProblem,
  csvText,
  importCheckedRows,
} from "#app/accounts/csv-import.server.ts";
import { CsvImportSchema } from "#app/accounts/schemas.ts";
import { Button, ErrorList } from "#app/components/ui/field.tsx";
import { clientOf } from "#app/utils/client.server.ts";

export const meta: MetaFunction = () => [{ title: "Import users · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await request.formData(), { schema: CsvImportSchema });
  const answer = { result: submission.reply({ hideFields: ["file"] }), csv: "", check: null, imported: 0 };
  if (submission.status !== "success") return data({ ...answer, stage: "error" as const }, { status: 400 });
  const text = await csvText(submission.value);
  const check = await checkUserCsv(text);
  if (!csvIsClean(check)) return data({ ...answer, stage: "preview" as const, csv: text, check }, { status: 400 });
  if (submission.value.intent === "preview") return { ...answer, stage: "preview" as const, csv: text, check };
  const imported = await importCheckedRows(check.rows, { ...admin, ip: clientOf(request, context).ip });
  return { ...answer, stage: "done" as const, imported };
}

function Problem({ problem }: { problem: CsvProblem }) {
  const { t } = useTranslation();
  return <>{t(problem.key, { value: problem.value ?? "", line: problem.line ?? "" })}</>;
}

export default function ImportUsers() {
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const busy = navigation.state === "submitting";
  const check = data?.check;
  const clean = check ? check.fileProblems.length === 0 && check.rows.every((r) => r.problems.length === 0) : false;
  const badRows = check?.rows.filter((r) => r.problems.length).length ?? 0;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("admin.import.title")}</h1>
      {data?.stage === "done" ? (
        <div role="status" className="rounded border border-green-200 bg-green-50 p-4 text-green-900">
          <p className="font-semibold">{t("admin.import.done", { count: data.imported })}</p>
          <p className="mt-1 text-sm">{t("admin.import.noPasswords")}</p>
          <Link to="/admin/users" className="mt-2 inline-block text-sm font-medium underline">
            {t("admin.users.title")}
          </Link>
        </div>
      ) : null}
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <p className="text-sm text-slate-700">{t("admin.import.help")}</p>
        <pre className="mt-2 overflow-x-auto rounded bg-slate-100 p-3 text-xs">
          {
            "email,name,roles,team,start date,locale\nana.souza@example.com,Ana Souza,trainee,Team North,2026-09-01,pt-BR\nlee@example.com,Lee Park,mentor;trainee,,2026-05-12,en"
          }
        </pre>
        <Form method="post" encType="multipart/form-data" className="mt-4 flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="preview" />
          <div>
            <label htmlFor="csv-file" className="block text-sm font-medium">
              {t("admin.import.file")}
            </label>
            <input
              id="csv-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              required
              className="mt-1 block text-sm"
            />
          </div>
          <Button type="submit" disabled={busy}>
            {t("admin.import.preview")}
          </Button>
        </Form>
        {data?.stage === "error" ? (
          <div role="alert" className="mt-3">
            <ErrorList
              errors={Object.values(data.result.error ?? {})
                .flat()
                .filter((e) => e !== null)}
            />
          </div>
        ) : null}
      </section>
      {check ? (
        <section aria-labelledby="preview-title" className="space-y-3">
          <h2 id="preview-title" className="text-lg font-semibold">
            {t("admin.import.previewTitle")}
          </h2>
          {check.fileProblems.length ? (
            <ul role="alert" className="list-disc pl-5 text-sm text-red-700">
              {check.fileProblems.map((p) => (
                <li key={`${p.key}-${p.value ?? ""}`}>
                  <Problem problem={p} />
                </li>
              ))}
            </ul>
          ) : (
            <p role={clean ? "status" : "alert"} className={`text-sm ${clean ? "text-green-800" : "text-red-700"}`}>
              {clean
                ? t("admin.import.allValid", { count: check.rows.length })
                : t("admin.import.someInvalid", { count: badRows })}
            </p>
          )}
          {check.rows.length ? (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="min-w-full text-left text-sm">
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      {t("admin.import.line")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("admin.users.email")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("admin.users.name")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("admin.users.roles")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("admin.users.team")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("admin.users.startDate")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("admin.users.locale")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("admin.import.problems")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {check.rows.map((row) => (
                    <tr key={row.line} className={row.problems.length ? "bg-red-50" : undefined}>
                      <td className="px-3 py-2">{row.line}</td>
                      <td className="px-3 py-2">{row.email}</td>
                      <td className="px-3 py-2">{row.name}</td>
                      <td className="px-3 py-2">{row.roles}</td>
                      <td className="px-3 py-2">{row.team}</td>
                      <td className="px-3 py-2">{row.startDate}</td>
                      <td className="px-3 py-2">{row.locale}</td>
                      <td className="px-3 py-2 text-red-800">
                        {row.problems.length ? (
                          <ul>
                            {row.problems.map((p, i) => (
                              <li key={i}>
                                <Problem problem={p} />
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <span className="text-green-800">{t("admin.import.ok")}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {clean && data ? (
            <Form method="post" encType="multipart/form-data">
              <input type="hidden" name="intent" value="import" />
              <textarea name="csv" defaultValue={data.csv} hidden readOnly />
              <Button type="submit" disabled={busy}>
                {t("admin.import.confirm", { count: check.rows.length })}
              </Button>
            </Form>
          ) : check.rows.length || check.fileProblems.length ? (
            <p className="text-sm text-slate-700">{t("admin.import.fixAndRetry")}</p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
