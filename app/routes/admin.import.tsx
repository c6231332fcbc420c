import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import {
  checkUserCsv,
  csvIsClean,
  type CsvProblem,
  type CsvRow,
  csvSummary,
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
  const answer = {
    result: submission.reply({ hideFields: ["file"] }),
    csv: "",
    update: false,
    check: null,
    summary: null,
    imported: null,
  };
  if (submission.status !== "success") return data({ ...answer, stage: "error" as const }, { status: 400 });
  const { update } = submission.value;
  const text = await csvText(submission.value);
  const check = await checkUserCsv(text, { update, adminId: admin.id });
  const preview = { ...answer, stage: "preview" as const, csv: text, update, check, summary: csvSummary(check) };
  if (!csvIsClean(check)) return data(preview, { status: 400 });
  if (submission.value.intent === "preview") return preview;
  const imported = await importCheckedRows(check, { ...admin, ip: clientOf(request, context).ip });
  return { ...answer, update, stage: "done" as const, imported };
}

function Problem({ problem }: { problem: CsvProblem }) {
  const { t } = useTranslation();
  return <>{t(problem.key, { value: problem.value ?? "", line: problem.line ?? "" })}</>;
}

const actionStyle: Record<string, string> = {
  create: "bg-green-100 text-green-900",
  update: "bg-brand-50 text-brand-700",
  unchanged: "bg-slate-100 text-slate-700",
  error: "bg-red-100 text-red-900",
};

function RowOutcome({ row }: { row: CsvRow }) {
  const { t } = useTranslation();
  const action = row.action ?? "error";
  return (
    <>
      <span className={`rounded px-2 py-0.5 text-xs font-semibold ${actionStyle[action] ?? ""}`}>
        {t(`admin.import.actions.${action}`)}
      </span>
      {row.problems.length ? (
        <ul className="mt-1 text-red-800">
          {row.problems.map((p, i) => (
            <li key={i}>
              <Problem problem={p} />
            </li>
          ))}
        </ul>
      ) : row.changes.length ? (
        <ul className="mt-1 text-slate-700">
          {row.changes.map((c) => (
            <li key={c.field}>
              {t("admin.import.change", {
                field: t(`admin.import.fields.${c.field}`),
                from: c.from || "—",
                to: c.to || "—",
              })}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export default function ImportUsers() {
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const busy = navigation.state === "submitting";
  const check = data?.check;
  const summary = data?.summary;
  const clean = check ? check.fileProblems.length === 0 && check.rows.every((r) => r.problems.length === 0) : false;
  const columns = ["email", "name", "roles", "team", "startDate", "locale", "timeZone"] as const;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("admin.import.title")}</h1>
      {data?.stage === "done" && data.imported ? (
        <div role="status" className="rounded border border-green-200 bg-green-50 p-4 text-green-900">
          <p className="font-semibold">
            {t("admin.import.doneCreated", { count: data.imported.created })}{" "}
            {data.imported.updated ? t("admin.import.doneUpdated", { count: data.imported.updated }) : null}
          </p>
          {data.imported.created ? <p className="mt-1 text-sm">{t("admin.import.invitationsSent")}</p> : null}
          <Link to="/admin/users" className="mt-2 inline-block text-sm font-medium underline">
            {t("admin.users.title")}
          </Link>
        </div>
      ) : null}
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <p className="text-sm text-slate-700">{t("admin.import.help")}</p>
        <pre className="mt-2 overflow-x-auto rounded bg-slate-100 p-3 text-xs">
          {
            "email,name,roles,team,start date,locale,time zone\nana.souza@example.com,Ana Souza,trainee,Team North,2026-09-01,pt-BR,America/Sao_Paulo\nlee@example.com,Lee Park,mentor;trainee,,2026-05-12,en,"
          }
        </pre>
        <Form method="post" encType="multipart/form-data" className="mt-4 space-y-3">
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
          <div className="flex items-start gap-2 text-sm">
            <input
              id="import-update"
              type="checkbox"
              name="update"
              aria-describedby="import-update-help"
              className="mt-0.5 size-4"
              defaultChecked={data?.update ?? false}
            />
            <div>
              <label htmlFor="import-update" className="font-medium">
                {t("admin.import.update")}
              </label>
              <p id="import-update-help" className="text-slate-600">
                {t("admin.import.updateHelp")}
              </p>
            </div>
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
      {check && summary ? (
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
                ? t("admin.import.summary", {
                    create: summary.create,
                    update: summary.update,
                    unchanged: summary.unchanged,
                  })
                : t("admin.import.someInvalid", { count: summary.invalid })}
            </p>
          )}
          {check.rows.length ? (
            <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="min-w-full text-left text-sm">
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      {t("admin.import.line")}
                    </th>
                    {columns.map((c) => (
                      <th key={c} scope="col" className="px-3 py-2">
                        {t(`admin.import.fields.${c}`)}
                      </th>
                    ))}
                    <th scope="col" className="px-3 py-2">
                      {t("admin.import.outcome")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {check.rows.map((row) => (
                    <tr key={row.line} className={`align-top ${row.problems.length ? "bg-red-50" : ""}`}>
                      <td className="px-3 py-2">{row.line}</td>
                      {columns.map((c) => (
                        <td key={c} className="px-3 py-2">
                          {row[c]}
                        </td>
                      ))}
                      <td className="px-3 py-2">
                        <RowOutcome row={row} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {clean && data && summary.create + summary.update > 0 ? (
            <Form method="post" encType="multipart/form-data">
              <input type="hidden" name="intent" value="import" />
              {data.update ? <input type="hidden" name="update" value="on" /> : null}
              <textarea name="csv" defaultValue={data.csv} hidden readOnly />
              <Button type="submit" disabled={busy}>
                {t("admin.import.confirm", { create: summary.create, update: summary.update })}
              </Button>
            </Form>
          ) : clean ? (
            <p className="text-sm text-slate-700">{t("admin.import.nothingToDo")}</p>
          ) : check.rows.length || check.fileProblems.length ? (
            <p className="text-sm text-slate-700">{t("admin.import.fixAndRetry")}</p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
