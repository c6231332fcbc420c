import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { findCourse, findQuiz } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { Button } from "#app/components/ui/field.tsx";
import {
  attemptQuestions,
  getQuizState,
  startAttempt,
  submitAttempt,
  submitRefusal,
} from "#app/quizzes/attempts.server.ts";
import { QuizForm } from "#app/quizzes/quiz-form.tsx";
import { quizFormSchema } from "#app/quizzes/schemas.ts";
import { notFound } from "#app/utils/errors.ts";
import { refusal, refuse } from "#app/utils/errors.server.ts";
import { formatDateTime } from "#app/utils/format.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";
import { keepRetryAfter } from "#app/utils/headers.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Quiz"} · Rapport` }];

export const headers = keepRetryAfter;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const quiz = findQuiz(params.quizId ?? "") ?? refuse(notFound("quiz.errors.notFound"), locale);
  const state = await getQuizState(user.id, quiz);
  const course = findCourse(quiz.courseSlug);
  const shown = state.open ? attemptQuestions(quiz, state.open) : null;
  const preferred = pick(quiz.variants, locale);
  return {
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
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const quiz = findQuiz(params.quizId ?? "") ?? refuse(notFound("quiz.errors.notFound"), locale);
  // The English questions: every language's have the same ids and options.
  const submission = parseWithZod(await request.formData(), { schema: quizFormSchema(quiz.variants.en.questions) });
  if (submission.status !== "success") return data({ result: submission.reply(), error: null }, { status: 400 });
  const form = submission.value;
  try {
    if (form.intent === "start") {
      await startAttempt(user.id, quiz, locale);
      return redirect(`/quizzes/${quiz.id}`);
    }
    const outcome = await submitAttempt(user.id, quiz, form.attemptId, form.answers);
    if (outcome.status === "graded") return redirect(`/quizzes/${quiz.id}/attempts/${outcome.attemptId}`);
    throw submitRefusal(outcome);
  } catch (error) {
    return refusal(error, locale, { result: submission.reply() });
  }
}

export default function QuizPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const refused = actionData?.error ?? null;
  const resultId = refused?.code === "alreadySubmitted" ? refused.details.attemptId : null;
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
      {refused ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {refused.message}{" "}
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
          lastResult={actionData?.result}
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
