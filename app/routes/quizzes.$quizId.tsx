import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { findCourse, findQuiz } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { Button } from "#app/components/ui/field.tsx";
import {
  attemptQuestions,
  getQuizState,
  QuizRuleError,
  startAttempt,
  submitAttempt,
} from "#app/quizzes/attempts.server.ts";
import { answersFromForm } from "#app/quizzes/parse-answers.ts";
import { QuizForm } from "#app/quizzes/quiz-form.tsx";
import { formatDateTime } from "#app/utils/format.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";
import { invariantResponse } from "#app/utils/misc.ts";
import { RateLimited } from "#app/utils/rate-limit.server.ts";
import { keepRetryAfter } from "#app/utils/headers.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Quiz"} · Rapport` }];

export const headers = keepRetryAfter;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const quiz = findQuiz(params.quizId ?? "");
  invariantResponse(quiz, "No quiz with this address.", { status: 404 });
  const locale = resolveLocale(request, user.locale);
  const state = await getQuizState(user.id, quiz);
  const course = findCourse(quiz.courseSlug);
  const shown = state.open ? attemptQuestions(quiz, state.open) : null;
  const preferred = pick(quiz.variants, locale);
  return json({
    id: quiz.id,
    title: shown?.title ?? preferred.value.title,
    questionCount: quiz.variants.en.questions.length,
    final: quiz.final,
    rules: quiz.rules,
    course: course && { slug: course.slug, title: pick(course.text, locale).value.title },
    translated: (shown?.locale ?? preferred.locale) === locale,
    history: state.attempts.map((a) => ({ id: a.id, submittedAt: a.submittedAt, score: a.score, passed: a.passed })),
    passed: state.passed,
    verdict: state.verdict,
    // Only the public part of the questions: no correct answers, feedback or explanations.
    open: state.open && shown ? { id: state.open.id, questions: shown.questions } : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const quiz = findQuiz(params.quizId ?? "");
  invariantResponse(quiz, "No quiz with this address.", { status: 404 });
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "start") {
    try {
      await startAttempt(user.id, quiz, resolveLocale(request, user.locale));
    } catch (error) {
      if (error instanceof RateLimited) {
        return json(
          { error: "quiz.errors.tooManyAttempts", answers: null, problems: null },
          { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
        );
      }
      if (!(error instanceof QuizRuleError)) throw error;
      if (error.verdict.reason === "wait") {
        const seconds = Math.max(1, Math.ceil((error.verdict.until.getTime() - Date.now()) / 1000));
        return json(
          { error: "quiz.errors.wait", answers: null, problems: null },
          { status: 429, headers: { "Retry-After": String(seconds) } },
        );
      }
      // No attempts left is no question of waiting: refused, not "too many requests".
      return json({ error: "quiz.errors.maxAttempts", answers: null, problems: null }, { status: 403 });
    }
    return redirect(`/quizzes/${quiz.id}`);
  }
  invariantResponse(intent === "submit", "Start the quiz or submit your answers.", { status: 400 });
  const answers = answersFromForm(formData);
  const attemptId = formData.get("attemptId");
  invariantResponse(
    answers && typeof attemptId === "string",
    "The answers could not be read. Reload the page and try again.",
    { status: 400 },
  );
  const outcome = await submitAttempt(user.id, quiz, attemptId, answers);
  switch (outcome.status) {
    case "graded":
      return redirect(`/quizzes/${quiz.id}/attempts/${outcome.attemptId}`);
    case "notFound":
      throw new Response("This attempt is not yours or does not exist.", { status: 404 });
    case "alreadySubmitted":
      return json(
        { error: "quiz.errors.alreadySubmitted", answers: null, problems: null, resultId: outcome.attemptId },
        { status: 409 },
      );
    case "invalid":
      return json(
        {
          error: "quiz.errors.fixAnswers",
          answers,
          problems: Object.fromEntries(outcome.problems.map((p) => [p.questionId, p.message])),
        },
        { status: 400 },
      );
  }
}

export default function QuizPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const resultId = actionData && "resultId" in actionData ? actionData.resultId : null;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      {data.course ? (
        <nav aria-label={t("courses.breadcrumb")} className="text-sm">
          <Link to={`/courses/${data.course.slug}`} className="text-brand-700 underline">
            {data.course.title}
          </Link>
        </nav>
      ) : null}
      <header>
        <p className="text-sm font-medium text-slate-600">{data.final ? t("quiz.finalQuiz") : t("quiz.check")}</p>
        <h1 className="mt-1 text-3xl font-bold">{data.title}</h1>
        <p className="mt-2 text-slate-700">
          {t("quiz.rules", { count: data.questionCount, passMark: data.rules.passMark })}
          {data.rules.maxAttempts ? ` ${t("quiz.maxAttempts", { count: data.rules.maxAttempts })}` : ""}
          {data.rules.waitMinutes ? ` ${t("quiz.waitRule", { count: data.rules.waitMinutes })}` : ""}
        </p>
        {!data.translated ? (
          <p className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm">{t("lesson.notTranslated")}</p>
        ) : null}
      </header>
      {actionData?.error ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {t(actionData.error)}{" "}
          {resultId ? (
            <Link to={`/quizzes/${data.id}/attempts/${resultId}`} className="underline">
              {t("quiz.seeResult")}
            </Link>
          ) : null}
        </p>
      ) : null}
      {data.open ? (
        <QuizForm
          key={data.open.id}
          attemptId={data.open.id}
          questions={data.open.questions}
          answers={actionData?.answers ?? undefined}
          errors={actionData?.problems ?? undefined}
        />
      ) : (
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          {data.verdict.allowed ? (
            <Form method="post">
              <input type="hidden" name="intent" value="start" />
              <Button type="submit">{data.history.length ? t("quiz.retake") : t("quiz.start")}</Button>
            </Form>
          ) : data.verdict.reason === "wait" ? (
            <p>{t("quiz.waitUntil", { time: formatDateTime(data.verdict.until, i18n.language) })}</p>
          ) : (
            <p>{t("quiz.noAttemptsLeft")}</p>
          )}
          {data.passed ? <p className="mt-3 font-medium text-emerald-800">✓ {t("quiz.passedAlready")}</p> : null}
        </section>
      )}
      {data.history.length ? (
        <section aria-labelledby="history">
          <h2 id="history" className="text-lg font-semibold">
            {t("quiz.history")}
          </h2>
          <ol className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {data.history.map((attempt, i) => (
              <li key={attempt.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                <span>
                  {t("quiz.attemptNumber", { number: i + 1 })} ·{" "}
                  {attempt.submittedAt ? formatDateTime(attempt.submittedAt, i18n.language) : ""}
                </span>
                <span className={attempt.passed ? "text-emerald-800" : "text-red-800"}>
                  {attempt.score}% · {attempt.passed ? t("quiz.passed") : t("quiz.notPassed")}
                </span>
                <Link to={`/quizzes/${data.id}/attempts/${attempt.id}`} className="text-brand-700 underline">
                  {t("quiz.review")}
                </Link>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
