// /quizzes/<id>/outcomes.csv — every attempt's outcome per question, streamed in batches (a
// million rows never sit in memory), with the same filters and access as the analysis page.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/accounts/auth.server.ts";
import { analysisRequest, outcomeRows } from "#app/quizzes/analysis.server.ts";
import { csvStream } from "#app/utils/csv.server.ts";
import { createI18n } from "#app/utils/i18n.ts";
import { resolveLocale, translations } from "#app/utils/locale.server.ts";

const iso = (value: string | Date) => (typeof value === "string" ? value : value.toISOString());

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const { query, scope, quiz } = await analysisRequest(user, new URL(request.url), params.quizId ?? "", locale);
  const { t } = createI18n(locale, { translation: translations[locale] });
  const columns = [
    "attempt",
    "number",
    "email",
    "team",
    "language",
    "submitted",
    "question",
    "score",
    "chosen",
    "points",
  ];
  const rows = outcomeRows(quiz, scope, { attempts: query.attempts, locale: query.locale, teamId: query.team });
  async function* batches() {
    for await (const batch of rows)
      yield batch.map((r) => [
        r.attemptId,
        String(r.number),
        r.email,
        r.team ?? "",
        r.locale,
        iso(r.submittedAt),
        r.questionId,
        String(r.score),
        r.chosen,
        String(r.total),
      ]);
  }
  return csvStream(
    `${quiz.id}-outcomes-${new Date().toISOString().slice(0, 10)}.csv`,
    columns.map((c) => t(`analysis.outcomesCsv.${c}`)),
    batches(),
  );
}
