// A trainee's quizzes on their mentor's page, with the one thing a mentor may do about them:
// grant another attempt to someone out of attempts or waiting. The grant posts to its own
// route (trainees.$userId_.quizzes.$quizId.grant.ts) through a fetcher, so each row shows its
// own answer and the page reloads its figures.
import { useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/field.tsx";
import { useDates } from "#app/components/dates.tsx";

export type QuizStandingRow = {
  quizId: string;
  title: string;
  final: boolean;
  used: number;
  allowed: number | null;
  best: number | null;
  passed: boolean;
  open: boolean;
  waitUntil: string | Date | null;
  outOfAttempts: boolean;
  keyShown: boolean;
};

/** The grant route's answer: the attempt opened, or the refusal in the reader's language. */
type GrantReply = { granted?: number; error?: { message: string } };

function StandingRow({ traineeId, row }: { traineeId: string; row: QuizStandingRow }) {
  const { t } = useTranslation();
  const dates = useDates();
  const fetcher = useFetcher<GrantReply>();
  const reply = fetcher.state === "idle" ? fetcher.data : undefined;
  const blocked = !row.open && (row.outOfAttempts || row.waitUntil !== null);
  return (
    <li className="space-y-2 p-3 text-sm" data-quiz={row.quizId}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <span className="font-medium">
          {row.title}
          {row.final ? <span className="ml-2 text-xs font-normal text-slate-600">{t("quiz.finalQuiz")}</span> : null}
        </span>
        <span className="text-slate-700">
          {row.allowed === null
            ? t("trainee.attemptsUsed", { count: row.used })
            : t("trainee.attemptsOf", { used: row.used, count: row.allowed })}
          {row.best === null ? null : ` · ${t("trainee.bestScore", { score: row.best })}`}
          {row.passed ? <span className="text-emerald-800"> · {t("quiz.passed")}</span> : null}
        </span>
      </div>
      <p className="text-slate-700">
        {row.open
          ? t("trainee.quizInProgress")
          : row.outOfAttempts
            ? t("trainee.quizOutOfAttempts")
            : row.waitUntil
              ? t("trainee.quizWaiting", { time: dates.dateTime(row.waitUntil) })
              : null}
      </p>
      {blocked ? (
        <fetcher.Form
          method="post"
          action={`/trainees/${traineeId}/quizzes/${row.quizId}/grant`}
          className="flex flex-wrap items-center gap-3"
        >
          <Button type="submit" variant="secondary" disabled={fetcher.state !== "idle"}>
            {t("trainee.grant")}
          </Button>
          {row.keyShown ? <span className="text-slate-700">{t("trainee.keyShown")}</span> : null}
        </fetcher.Form>
      ) : null}
      {reply?.granted ? (
        <p role="status" className="text-emerald-800">
          {t("trainee.granted", { number: reply.granted })}
        </p>
      ) : null}
      {reply?.error ? (
        <p role="alert" className="text-red-800">
          {reply.error.message}
        </p>
      ) : null}
    </li>
  );
}

export function QuizStandings({ traineeId, rows }: { traineeId: string; rows: QuizStandingRow[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="quizzes-title" id="quizzes">
      <h2 id="quizzes-title" className="text-xl font-semibold">
        {t("trainee.quizzes")}
      </h2>
      {rows.length === 0 ? (
        <p className="mt-2 text-slate-600">{t("trainee.noQuizzes")}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {rows.map((row) => (
            <StandingRow key={row.quizId} traineeId={traineeId} row={row} />
          ))}
        </ul>
      )}
    </section>
  );
}
