// A mentor (or a manager of the trainee's team) grants one more attempt on a quiz. Only an
// action: the trainee's page posts here with a fetcher and shows the answer in the quiz's row.
import { type ActionFunctionArgs, json } from "@remix-run/node";
import { requireRole } from "#app/accounts/auth.server.ts";
import { findQuiz } from "#app/content/catalog.server.ts";
import { grantAttempt } from "#app/quizzes/attempts.server.ts";
import { canReview } from "#app/reviews/access.server.ts";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["mentor", "manager"]);
  if (!(await canReview(user, params.userId ?? "")))
    return json({ granted: null, error: "trainee.errors.notYours" }, { status: 403 });
  const quiz = findQuiz(params.quizId ?? "");
  if (!quiz) return json({ granted: null, error: "trainee.grantErrors.unknownQuiz" }, { status: 404 });
  const outcome = await grantAttempt(params.userId ?? "", quiz, user.id);
  if (outcome.status === "granted") return json({ granted: outcome.number, error: null });
  return json({ granted: null, error: `trainee.grantErrors.${outcome.status}` }, { status: 409 });
}
