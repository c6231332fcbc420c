// Item analysis of a quiz: per question the facility, discrimination and the share choosing
// each option, with flags for questions to rework; per quiz the score distribution and its
// reliability. It reads the running sums each submit adds to (item-stats.server.ts), so its
// cost grows with questions, languages and teams, not with attempts.
import { type SessionUser, hasRole } from "#app/accounts/auth.server.ts";
import { findQuiz, type Quiz } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { type Competency, type QuestionKind } from "#app/content/vocabulary.ts";
import { Prisma } from "#app/generated/prisma/client.ts";
import { prisma } from "#app/utils/db.server.ts";
import { DomainError, forbidden, notFound } from "#app/utils/errors.ts";
import { refuse } from "#app/utils/errors.server.ts";
import { analysisQuery } from "./analysis-filter.ts";
import { type Locale, locales } from "#app/utils/i18n.ts";
import {
  addSums,
  cronbachAlpha,
  emptySums,
  type ItemStatistics,
  itemStatistics,
  type ScoreSummary,
  scoreSummary,
  type Sums,
} from "./statistics.ts";

export type AnalysisFilter = { attempts: "first" | "all"; locale: Locale | null; teamId: string | null };

/** Whose attempts a person may analyse: everyone's (admins), or the members of some teams. */
export type AnalysisScope = { kind: "all" } | { kind: "teams"; teamIds: string[] };

type Viewer = Pick<SessionUser, "id" | "roles">;

export type ScopeOutcome =
  | { status: "ok"; scope: AnalysisScope; teams: Array<{ id: string; name: string }> }
  /** `message`: the i18n key of why. */
  | { status: "forbidden"; message: string };

/**
 * Admins analyse every attempt, or one team's; managers the attempts of the teams they
 * manage, or one of them (attempts count for the team the person was in when submitting).
 * Anyone else, or a team that is not theirs, is refused.
 */
/**
 * What every analysis request (the page and its two CSV files) starts with: the filters from
 * the URL, the viewer's scope and the quiz, or the refusal (400, 403, 404) in their language.
 */
export async function analysisRequest(viewer: Viewer, url: URL, quizId: string, locale: Locale) {
  const query = analysisQuery(url) ?? refuse(new DomainError("badFilter", 400, "analysis.errors.badFilter"), locale);
  const access = await analysisScope(viewer, query.team);
  if (access.status === "forbidden") refuse(forbidden(access.message), locale);
  const quiz = findQuiz(quizId) ?? refuse(notFound("quiz.errors.notFound"), locale);
  return { query, scope: access.scope, teams: access.teams, quiz };
}

export async function analysisScope(viewer: Viewer, teamId: string | null): Promise<ScopeOutcome> {
  const admin = hasRole(viewer, "admin");
  if (!admin && !hasRole(viewer, "manager")) return { status: "forbidden", message: "analysis.errors.notAllowed" };
  const teams = await prisma.team.findMany({
    where: admin ? {} : { managers: { some: { userId: viewer.id } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  if (teamId !== null && !teams.some((t) => t.id === teamId))
    return {
      status: "forbidden",
      message: admin ? "analysis.errors.noSuchTeam" : "analysis.errors.notYourTeam",
    };
  if (teamId !== null) return { status: "ok", scope: { kind: "teams", teamIds: [teamId] }, teams };
  if (admin) return { status: "ok", scope: { kind: "all" }, teams };
  if (teams.length === 0) return { status: "forbidden", message: "analysis.errors.noTeam" };
  return { status: "ok", scope: { kind: "teams", teamIds: teams.map((t) => t.id) }, teams };
}

/** The conditions every query shares, on a table aliased `x` with quizId, locale, teamId and first (or number). */
function conditions(quiz: Quiz, scope: AnalysisScope, filter: AnalysisFilter, first: Prisma.Sql) {
  const parts = [Prisma.sql`x."quizId" = ${quiz.id}`];
  if (filter.attempts === "first") parts.push(first);
  if (filter.locale) parts.push(Prisma.sql`x."locale" = ${filter.locale}`);
  if (scope.kind === "teams") parts.push(Prisma.sql`x."teamId" IN (${Prisma.join(scope.teamIds)})`);
  return Prisma.join(parts, " AND ");
}

const toNumber = (value: number | bigint | null) => (value === null ? 0 : Number(value));

type GroupRow = {
  questionId: string;
  locale: string;
  chosen: string;
  n: number | bigint;
  sx: number | null;
  sxx: number | null;
  st: number | null;
  stt: number | null;
  sxt: number | null;
};

/** Below this many responses a question is described, not judged. */
export const MIN_RESPONSES = 30;
/** Moodle's rules of thumb: above 90 % right is too easy, below 20 % too hard. */
const TOO_EASY = 0.9;
const TOO_HARD = 0.2;
/** A language whose facility is this far from the others' suggests a translation that gives the answer away or misleads. */
const LOCALE_GAP = 0.25;

export type Flag = "tooEasy" | "tooHard" | "negativeDiscrimination" | "unusedDistractor" | "localesDisagree";

export type QuestionAnalysis = {
  id: string;
  kind: QuestionKind;
  prompt: string;
  competencies: Competency[];
  stats: ItemStatistics | null;
  /** Share of responses choosing each option (choice kinds); the right ones marked when the viewer may see the key. */
  options: Array<{ id: string; text: string; share: number | null; picks: number; correct: boolean | null }>;
  byLocale: Array<{ locale: Locale; responses: number; facility: number }>;
  flags: Flag[];
};

export type QuizAnalysis = {
  quizId: string;
  title: string;
  passMark: number;
  bankSize: number;
  perAttempt: number;
  summary: ScoreSummary | null;
  passRate: number | null;
  alpha: number | null;
  questions: QuestionAnalysis[];
};

function flagsOf(question: Omit<QuestionAnalysis, "flags">, keyCorrect: string[]): Flag[] {
  const stats = question.stats;
  if (!stats || stats.responses < MIN_RESPONSES) return [];
  const flags: Flag[] = [];
  if (stats.facility > TOO_EASY) flags.push("tooEasy");
  if (stats.facility < TOO_HARD) flags.push("tooHard");
  if (stats.discrimination !== null && stats.discrimination < 0) flags.push("negativeDiscrimination");
  if (question.options.some((o) => o.share !== null && o.picks === 0 && !keyCorrect.includes(o.id)))
    flags.push("unusedDistractor");
  const judged = question.byLocale.filter((l) => l.responses >= MIN_RESPONSES);
  if (judged.length > 1) {
    const total = judged.reduce((s, l) => s + l.responses, 0);
    const right = judged.reduce((s, l) => s + l.facility * l.responses, 0);
    if (
      judged.some(
        (l) => Math.abs(l.facility - (right - l.facility * l.responses) / (total - l.responses)) >= LOCALE_GAP,
      )
    )
      flags.push("localesDisagree");
  }
  return flags;
}

/**
 * The analysis of one quiz for one scope. `showKey` marks the right options; it is false for
 * a viewer who may still take quizzes themselves (a trainee as well as a manager).
 */
export async function analyseQuiz(
  quiz: Quiz,
  scope: AnalysisScope,
  filter: AnalysisFilter,
  displayLocale: string,
  showKey: boolean,
): Promise<QuizAnalysis> {
  const where = conditions(quiz, scope, filter, Prisma.sql`x."first"`);
  const [groups, scores] = await Promise.all([
    prisma.$queryRaw<GroupRow[]>`
      SELECT x."questionId" AS "questionId", x."locale" AS "locale", x."chosen" AS "chosen", SUM(x."n") AS n,
        SUM(x."sx") AS sx, SUM(x."sxx") AS sxx, SUM(x."st") AS st, SUM(x."stt") AS stt, SUM(x."sxt") AS sxt
      FROM "QuizItemStat" x
      WHERE ${where}
      GROUP BY x."questionId", x."locale", x."chosen"`,
    prisma.$queryRaw<Array<{ score: number; count: number | bigint }>>`
      SELECT x."score" AS score, SUM(x."count") AS count
      FROM "QuizScoreStat" x
      WHERE ${where}
      GROUP BY x."score"`,
  ]);
  const overall = new Map<string, Sums>();
  const perLocale = new Map<string, Map<string, Sums>>();
  const picks = new Map<string, Map<string, number>>();
  for (const row of groups) {
    const sums: Sums = {
      n: toNumber(row.n),
      sx: toNumber(row.sx),
      sxx: toNumber(row.sxx),
      st: toNumber(row.st),
      stt: toNumber(row.stt),
      sxt: toNumber(row.sxt),
    };
    overall.set(row.questionId, addSums(overall.get(row.questionId) ?? emptySums(), sums));
    const byLocale = perLocale.get(row.questionId) ?? new Map<string, Sums>();
    byLocale.set(row.locale, addSums(byLocale.get(row.locale) ?? emptySums(), sums));
    perLocale.set(row.questionId, byLocale);
    const counts = picks.get(row.questionId) ?? new Map<string, number>();
    if (row.chosen) for (const option of row.chosen.split(",")) counts.set(option, (counts.get(option) ?? 0) + sums.n);
    picks.set(row.questionId, counts);
  }
  const { value: variant } = pick(quiz.variants, displayLocale);
  const english = quiz.variants.en;
  const questions = variant.questions.map((question): QuestionAnalysis => {
    const sums = overall.get(question.id) ?? emptySums();
    const stats = itemStatistics(sums);
    const key = english.keys[question.id]?.correct ?? [];
    const counts = picks.get(question.id) ?? new Map<string, number>();
    const choice = question.kind !== "ordering";
    const partial = {
      id: question.id,
      kind: question.kind,
      prompt: question.prompt,
      competencies: question.competencies,
      stats,
      options: question.options.map((o) => ({
        id: o.id,
        text: o.text,
        picks: choice ? (counts.get(o.id) ?? 0) : 0,
        share: choice && sums.n > 0 ? (counts.get(o.id) ?? 0) / sums.n : null,
        correct: showKey && choice ? key.includes(o.id) : null,
      })),
      byLocale: locales.flatMap((locale) => {
        const s = perLocale.get(question.id)?.get(locale);
        return s && s.n > 0 ? [{ locale, responses: s.n, facility: s.sx / s.n }] : [];
      }),
    };
    return { ...partial, flags: flagsOf(partial, key) };
  });
  const summary = scoreSummary(scores.map((s) => ({ score: Number(s.score), count: toNumber(s.count) })));
  const responses = [...overall.values()].reduce((s, x) => s + x.n, 0);
  const perAttempt = quiz.rules.draw?.count ?? english.questions.length;
  const k = summary && responses ? responses / summary.attempts : perAttempt;
  const itemVariance =
    responses > 0
      ? [...overall.values()].reduce((s, x) => s + x.n * (x.sxx / x.n - (x.sx / x.n) ** 2), 0) / responses
      : 0;
  const passing = scores.reduce((s, g) => s + (Number(g.score) >= quiz.rules.passMark ? toNumber(g.count) : 0), 0);
  return {
    quizId: quiz.id,
    title: variant.title,
    passMark: quiz.rules.passMark,
    bankSize: english.questions.length,
    perAttempt,
    summary,
    passRate: summary ? passing / summary.attempts : null,
    alpha: summary ? cronbachAlpha(k, itemVariance, ((summary.sd * k) / 100) ** 2) : null,
    questions,
  };
}

export type OutcomeRow = {
  attemptId: string;
  number: number;
  email: string;
  team: string | null;
  locale: string;
  submittedAt: string | Date;
  questionId: string;
  score: number;
  chosen: string;
  total: number;
};

/**
 * Every attempt's per-question outcome in the scope, in batches by the responses' key, so an
 * export of a million rows never holds more than one batch.
 */
export async function* outcomeRows(quiz: Quiz, scope: AnalysisScope, filter: AnalysisFilter, batch = 5000) {
  const where = conditions(quiz, scope, filter, Prisma.sql`x."number" = 1`);
  let after: { attemptId: string; questionId: string } | null = null;
  for (;;) {
    const cursor: Prisma.Sql = after
      ? Prisma.sql`AND (x."attemptId" > ${after.attemptId} OR (x."attemptId" = ${after.attemptId} AND x."questionId" > ${after.questionId}))`
      : Prisma.empty;
    const rows: OutcomeRow[] = await prisma.$queryRaw<OutcomeRow[]>`
      SELECT x."attemptId" AS "attemptId", x."number" AS "number", u."email" AS "email", t."name" AS "team",
        x."locale" AS "locale", x."submittedAt" AS "submittedAt", x."questionId" AS "questionId",
        x."score" AS "score", x."chosen" AS "chosen", x."total" AS "total"
      FROM "QuizResponse" x
      JOIN "User" u ON u."id" = x."userId"
      LEFT JOIN "Team" t ON t."id" = x."teamId"
      WHERE ${where} ${cursor}
      ORDER BY x."quizId", x."attemptId", x."questionId"
      LIMIT ${batch}`;
    if (rows.length === 0) return;
    yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < batch) return;
    after = { attemptId: last.attemptId, questionId: last.questionId };
  }
}
