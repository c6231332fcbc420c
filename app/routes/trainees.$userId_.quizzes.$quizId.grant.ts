// A mentor (or a manager of the trainee's team) grants one more attempt on a quiz. Only an
// action: the trainee's page posts here with a fetcher and shows the answer in the quiz's row.
import { type ActionFunctionArgs } from "@remix-run/node";
import { requireRole } from "#app/accounts/auth.server.ts";
import { findQuiz } from "#app/content/catalog.server.ts";
import { grantAttempt } from "#app/quizzes/attempts.server.ts";
import { requireTrainee } from "#app/reviews/trainee-page.server.ts";
import { DomainError, notFound } from "#app/utils/errors.ts";
import { refusal } from "#app/utils/errors.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["mentor", "manager"]);
  const locale = resolveLocale(request, user.locale);
  try {
    const trainee = await requireTrainee(user, params.userId ?? "");
    const quiz = findQuiz(params.quizId ?? "");
    if (!quiz) throw notFound("quiz.errors.notFound");
    const outcome = await grantAttempt(trainee.id, quiz, user.id);
    if (outcome.status !== "granted")
      throw new DomainError(outcome.status, 409, `trainee.grantErrors.${outcome.status}`);
    return { granted: outcome.number };
  } catch (error) {
    return refusal(error, locale);
  }
}
