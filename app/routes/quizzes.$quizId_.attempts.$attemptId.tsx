import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { findQuiz } from "#app/content/catalog.server.ts";
import { getAttemptResult } from "#app/quizzes/attempts.server.ts";
import { CustomerMessage } from "#app/quizzes/quiz-form.tsx";
import { notFound } from "#app/utils/errors.ts";
import { refuse } from "#app/utils/errors.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.result.title ?? "Result"} · Rapport` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const quiz = findQuiz(params.quizId ?? "") ?? refuse(notFound("quiz.errors.notFound"), locale);
  // Ownership is part of the query: another person's attempt is simply not found.
  const result =
    (await getAttemptResult(user.id, quiz, params.attemptId ?? "")) ??
    refuse(notFound("quiz.errors.resultNotFound"), locale);
  return json({ quizId: quiz.id, result });
}

export default function AttemptResult() {
  const { quizId, result } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const competencies = Object.entries(result.competencies);
  return (
    <div className="mx-auto max-w-3xl space-y-6" lang={result.locale}>
      <nav className="text-sm">
        <Link to={`/quizzes/${quizId}`} className="text-brand-700 underline">
          {result.title}
        </Link>
      </nav>
      <header
        className={`rounded-lg border p-6 ${result.passed ? "border-emerald-300 bg-emerald-50" : "border-amber-300 bg-amber-50"}`}
      >
        <h1 className="text-2xl font-bold">{result.passed ? t("quiz.resultPassed") : t("quiz.resultNotPassed")}</h1>
        <p className="mt-1 text-lg">{t("quiz.yourScore", { score: result.score, passMark: result.passMark })}</p>
        {competencies.length ? (
          <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
            {competencies.map(([competency, score]) => (
              <div key={competency} className="flex gap-1">
                <dt>{t(`competencies.${competency}`)}:</dt>
                <dd className="font-semibold">{score}%</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </header>
      <ol className="space-y-4">
        {result.questions.map((question, n) => (
          <li key={question.id} className="rounded-lg border border-slate-200 bg-white p-5">
            <p className="text-sm font-semibold text-slate-600">
              {t("quiz.questionNumber", { number: n + 1, total: result.questions.length })} ·{" "}
              <span
                className={
                  question.score === 1 ? "text-emerald-800" : question.score > 0 ? "text-amber-800" : "text-red-800"
                }
              >
                {question.score === 1
                  ? t("quiz.right")
                  : question.score > 0
                    ? t("quiz.partly", { percent: Math.round(question.score * 100) })
                    : t("quiz.wrong")}
              </span>
            </p>
            <p className="mt-1 font-medium">{question.prompt}</p>
            {question.customer ? <CustomerMessage text={question.customer} channel={question.channel} /> : null}
            {question.kind === "ordering" ? (
              <div className="mt-3 grid gap-4 md:grid-cols-2">
                <div>
                  <p className="text-sm font-semibold">{t("quiz.yourOrder")}</p>
                  <ol className="mt-1 list-decimal pl-5 text-sm">
                    {question.yourOrder?.map((text, i) => (
                      <li key={i}>{text}</li>
                    ))}
                  </ol>
                </div>
                <div>
                  <p className="text-sm font-semibold">{t("quiz.correctOrder")}</p>
                  <ol className="mt-1 list-decimal pl-5 text-sm">
                    {question.correctOrder?.map((text, i) => (
                      <li key={i}>{text}</li>
                    ))}
                  </ol>
                </div>
              </div>
            ) : (
              <ul className="mt-3 space-y-2">
                {question.options.map((option) => (
                  <li
                    key={option.id}
                    className={`rounded border p-3 text-sm ${option.correct ? "border-emerald-300 bg-emerald-50" : option.chosen ? "border-red-300 bg-red-50" : "border-slate-200"}`}
                  >
                    <p>
                      <span className="font-semibold">
                        {option.chosen ? `${t("quiz.yourAnswer")} · ` : ""}
                        {option.correct ? `${t("quiz.correctAnswer")} · ` : ""}
                      </span>
                      {question.kind === "true-false" ? t(`quiz.${option.id}`) : option.text}
                    </p>
                    {(option.chosen || option.correct) && option.feedback ? (
                      <p className="mt-1 text-slate-700">{option.feedback}</p>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-3 rounded bg-slate-50 p-3 text-sm text-slate-800">
              <span className="font-semibold">{t("quiz.explanation")}</span> {question.explanation}
            </p>
          </li>
        ))}
      </ol>
      <Link
        to={`/quizzes/${quizId}`}
        className="inline-block rounded border border-slate-300 bg-white px-4 py-2 text-sm font-semibold"
      >
        {t("quiz.backToQuiz")}
      </Link>
    </div>
  );
}
