// The running sums behind item analysis (QuizItemStat, QuizScoreStat), added to in each
// submit's transaction with one upsert per table: the sums are additive, so concurrent
// submits on any number of servers each add their own and none is lost. Portable SQL:
// INSERT … ON CONFLICT … DO UPDATE works on SQLite and PostgreSQL alike.
import { type QuestionKind } from "#app/content/vocabulary.ts";
import { Prisma } from "#app/generated/prisma/client.ts";
import { prisma } from "#app/utils/db.server.ts";

type Executor = Pick<typeof prisma, "$executeRaw">;

export type Outcome = {
  quizId: string;
  locale: string;
  /** The team when submitted, "" for none. */
  teamId: string;
  /** The attempt's number: 1 counts as a first attempt. */
  number: number;
  score: number;
  points: number;
  questions: Array<{ questionId: string; kind: QuestionKind; score: number; chosen: string }>;
};

/** Ordering answers are permutations: their shares would say nothing, so they are summed as one. */
export const statChoice = (kind: QuestionKind, chosen: string) => (kind === "ordering" ? "" : chosen);

export async function recordOutcome(tx: Executor, outcome: Outcome) {
  const { quizId, locale, teamId, number, points } = outcome;
  if (outcome.questions.length) {
    const rows = outcome.questions.map(
      (q) =>
        Prisma.sql`(${quizId}, ${q.questionId}, ${locale}, ${teamId}, ${number} = 1, ${statChoice(q.kind, q.chosen)}, 1, ${q.score}, ${q.score * q.score}, ${points}, ${points * points}, ${q.score * points})`,
    );
    await tx.$executeRaw`
      INSERT INTO "QuizItemStat" ("quizId", "questionId", "locale", "teamId", "first", "chosen", "n", "sx", "sxx", "st", "stt", "sxt")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("quizId", "questionId", "locale", "teamId", "first", "chosen") DO UPDATE SET
        "n" = "QuizItemStat"."n" + excluded."n", "sx" = "QuizItemStat"."sx" + excluded."sx",
        "sxx" = "QuizItemStat"."sxx" + excluded."sxx", "st" = "QuizItemStat"."st" + excluded."st",
        "stt" = "QuizItemStat"."stt" + excluded."stt", "sxt" = "QuizItemStat"."sxt" + excluded."sxt"`;
  }
  await tx.$executeRaw`
    INSERT INTO "QuizScoreStat" ("quizId", "locale", "teamId", "first", "score", "count")
    VALUES (${quizId}, ${locale}, ${teamId}, ${number} = 1, ${outcome.score}, 1)
    ON CONFLICT ("quizId", "locale", "teamId", "first", "score") DO UPDATE SET "count" = "QuizScoreStat"."count" + 1`;
}

/**
 * Recomputes the sums from the stored per-question rows: after rows were written outside a
 * submit (the large organisation, a backfill). Ordering questions are summed as one answer.
 * (Grouped by position, so PostgreSQL matches the parameterised expression too.)
 */
export async function rebuildItemStats(orderingQuestions: Array<{ quizId: string; questionId: string }>) {
  const ordering = orderingQuestions.map((q) => `${q.quizId}/${q.questionId}`);
  const chosen = ordering.length
    ? Prisma.sql`CASE WHEN (r."quizId" || '/' || r."questionId") IN (${Prisma.join(ordering)}) THEN '' ELSE r."chosen" END`
    : Prisma.sql`r."chosen"`;
  await prisma.$transaction([
    prisma.$executeRaw`DELETE FROM "QuizItemStat"`,
    prisma.$executeRaw`DELETE FROM "QuizScoreStat"`,
    prisma.$executeRaw`
      INSERT INTO "QuizItemStat" ("quizId", "questionId", "locale", "teamId", "first", "chosen", "n", "sx", "sxx", "st", "stt", "sxt")
      SELECT r."quizId", r."questionId", r."locale", r."teamId", r."number" = 1, ${chosen},
        COUNT(*), SUM(r."score"), SUM(r."score" * r."score"), SUM(r."total"), SUM(r."total" * r."total"), SUM(r."score" * r."total")
      FROM "QuizResponse" r
      GROUP BY 1, 2, 3, 4, 5, 6`,
    prisma.$executeRaw`
      INSERT INTO "QuizScoreStat" ("quizId", "locale", "teamId", "first", "score", "count")
      SELECT a."quizId", a."locale", t."teamId", a."number" = 1, a."score", COUNT(*)
      FROM "QuizAttempt" a
      JOIN (SELECT r."attemptId", MIN(r."teamId") AS "teamId" FROM "QuizResponse" r GROUP BY r."attemptId") t
        ON t."attemptId" = a."id"
      WHERE a."score" IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5`,
  ]);
}
