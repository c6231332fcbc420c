// Assigning and withdrawing (ADR 039): the forms on a trainee's page post here; success goes
// back to that page, a refusal is shown here with its status, so it works without JavaScript.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { assignItems, withdrawAssignment } from "#app/assignments/assignments.server.ts";
import { AssignmentActionSchema } from "#app/assignments/schemas.ts";
import { clientOf } from "#app/utils/client.server.ts";
import { refusal } from "#app/utils/errors.server.ts";
import { firstError } from "#app/utils/forms.ts";
import { getFixedT, resolveLocale } from "#app/utils/locale.server.ts";

/** Back to a page of this app only. */
const safeBack = (value: string) => (value.startsWith("/") && !value.startsWith("//") ? value : "/trainees");

// After a refused post Remix renders this page with the loader's data too: nothing to load.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["mentor", "manager"]);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["mentor", "manager"]);
  const locale = resolveLocale(request, user.locale);
  const submission = parseWithZod(await request.formData(), { schema: AssignmentActionSchema });
  if (submission.status !== "success") {
    const key = firstError(submission);
    const back = String(submission.payload.back ?? "/trainees");
    return data({ error: { message: getFixedT(locale)(key.split("?")[0]!) }, back: safeBack(back) }, { status: 400 });
  }
  const input = submission.value;
  const back = safeBack(input.back);
  try {
    if (input.intent === "withdraw") await withdrawAssignment(user, input.assignmentId, clientOf(request, context).ip);
    else {
      const [kind = "", itemId = ""] = input.item.split(":", 2);
      await assignItems(user, {
        kind: kind as "course",
        itemId,
        // The capability checks it against the difficulties it knows.
        difficulty: input.difficulty as "",
        userIds: input.userIds,
        teamId: input.teamId,
        dueDate: input.dueDate,
        note: input.note,
      });
    }
  } catch (error) {
    return refusal(error, locale, { back });
  }
  return redirect(`${back}#assignments`);
}

export default function AssignmentRefused() {
  const answer = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("assignments.form.title")}</h1>
      {answer ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-red-800" data-refusal>
          {answer.error.message}
        </p>
      ) : null}
      <Link to={answer?.back ?? "/trainees"} className="font-medium text-brand-700 underline">
        {t("assignments.back")}
      </Link>
    </div>
  );
}
