-- AlterTable (hand-written: existing events are numbered in the order they happened, ADR 020)
ALTER TABLE "SignOffEvent" ADD COLUMN     "seq" INTEGER;
UPDATE "SignOffEvent" SET "seq" = n."seq"
FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY "traineeId", "level", "behaviourId" ORDER BY "at", "id") AS "seq"
      FROM "SignOffEvent") n
WHERE n."id" = "SignOffEvent"."id";
ALTER TABLE "SignOffEvent" ALTER COLUMN "seq" SET NOT NULL;

-- Hand-written: before ADR 020 two starts at once could each store an open attempt. Keep the
-- latest open quiz attempt (the one the quiz page showed, and an open attempt holds no answers)
-- and the open scenario attempt with the most turns; the other scenario attempts are closed,
-- their turns kept.
DELETE FROM "QuizAttempt" a
USING "QuizAttempt" o
WHERE a."submittedAt" IS NULL AND o."submittedAt" IS NULL
  AND o."userId" = a."userId" AND o."quizId" = a."quizId"
  AND (o."startedAt", o."id") > (a."startedAt", a."id");
UPDATE "ScenarioAttempt" a SET "finishedAt" = CURRENT_TIMESTAMP
WHERE a."finishedAt" IS NULL AND EXISTS (
    SELECT 1 FROM "ScenarioAttempt" o
    WHERE o."userId" = a."userId" AND o."scenarioId" = a."scenarioId" AND o."finishedAt" IS NULL
      AND (o."turn", o."startedAt", o."id") > (a."turn", a."startedAt", a."id"));

-- CreateIndex
CREATE UNIQUE INDEX "QuizAttempt_one_open_key" ON "QuizAttempt"("userId", "quizId") WHERE ("submittedAt" IS NULL);

-- CreateIndex
CREATE UNIQUE INDEX "ScenarioAttempt_one_open_key" ON "ScenarioAttempt"("userId", "scenarioId") WHERE ("finishedAt" IS NULL);

-- CreateIndex
CREATE UNIQUE INDEX "SignOffEvent_traineeId_level_behaviourId_seq_key" ON "SignOffEvent"("traineeId", "level", "behaviourId", "seq");
