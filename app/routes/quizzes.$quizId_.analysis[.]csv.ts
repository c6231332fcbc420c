// /quizzes/<id>/analysis.csv — the item-analysis table as a spreadsheet: one row per question
// and language (and one for all languages), with the same filters and access as the page.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { hasRole, requireUser } from "#app/accounts/auth.server.ts";
import { analyseQuiz, analysisRequest } from "#app/quizzes/analysis.server.ts";
import { csvResponse } from "#app/utils/csv.server.ts";
import { createI18n } from "#app/utils/i18n.ts";
import { resolveLocale, translations } from "#app/utils/locale.server.ts";

const fixed = (value: number | null | undefined, digits = 3) =>
  value === null || value === undefined ? "" : value.toFixed(digits);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const { query, scope, quiz } = await analysisRequest(user, new URL(request.url), params.quizId ?? "", locale);
  const showKey = !hasRole(user, "trainee");
  const analysis = await analyseQuiz(
    quiz,
    scope,
    { attempts: query.attempts, locale: query.locale, teamId: query.team },
    locale,
    showKey,
  );
  const { t } = createI18n(locale, { translation: translations[locale] });
  const columns = [
    "question",
    "prompt",
    "kind",
    "language",
    "responses",
    "facility",
    "sd",
    "discrimination",
    "flags",
    "options",
  ];
  const rows = analysis.questions.flatMap((q) => {
    const options = q.options
      .filter((o) => o.share !== null)
      .map((o) => `${o.id}${o.correct ? "*" : ""}=${fixed(o.share)}`)
      .join(" ");
    const flags = q.flags.map((f) => t(`analysis.flags.${f}`)).join("; ");
    return [
      [
        q.id,
        q.prompt,
        q.kind,
        t("analysis.csv.allLanguages"),
        String(q.stats?.responses ?? 0),
        fixed(q.stats?.facility),
        fixed(q.stats?.sd),
        fixed(q.stats?.discrimination),
        flags,
        options,
      ],
      ...q.byLocale.map((l) => [
        q.id,
        q.prompt,
        q.kind,
        l.locale,
        String(l.responses),
        fixed(l.facility),
        "",
        "",
        "",
        "",
      ]),
    ];
  });
  return csvResponse(
    `${quiz.id}-analysis-${new Date().toISOString().slice(0, 10)}.csv`,
    columns.map((c) => t(`analysis.csv.${c}`)),
    rows,
  );
}
