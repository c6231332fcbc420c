-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SignOffEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "traineeId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "behaviourId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SignOffEvent_traineeId_fkey" FOREIGN KEY ("traineeId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SignOffEvent_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Hand-written: existing events are numbered in the order they happened (ADR 020).
INSERT INTO "new_SignOffEvent" ("action", "at", "behaviourId", "id", "level", "mentorId", "note", "traineeId", "seq")
SELECT "action", "at", "behaviourId", "id", "level", "mentorId", "note", "traineeId",
    (SELECT COUNT(*) FROM "SignOffEvent" e
     WHERE e."traineeId" = "SignOffEvent"."traineeId" AND e."level" = "SignOffEvent"."level"
       AND e."behaviourId" = "SignOffEvent"."behaviourId"
       AND (e."at" < "SignOffEvent"."at" OR (e."at" = "SignOffEvent"."at" AND e."id" <= "SignOffEvent"."id")))
FROM "SignOffEvent";
DROP TABLE "SignOffEvent";
ALTER TABLE "new_SignOffEvent" RENAME TO "SignOffEvent";
CREATE INDEX "SignOffEvent_traineeId_level_behaviourId_at_idx" ON "SignOffEvent"("traineeId", "level", "behaviourId", "at");
CREATE UNIQUE INDEX "SignOffEvent_traineeId_level_behaviourId_seq_key" ON "SignOffEvent"("traineeId", "level", "behaviourId", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Hand-written: before ADR 020 two starts at once could each store an open attempt. Keep the
-- latest open quiz attempt (the one the quiz page showed, and an open attempt holds no answers)
-- and the open scenario attempt with the most turns; the other scenario attempts are closed,
-- their turns kept.
DELETE FROM "QuizAttempt"
WHERE "submittedAt" IS NULL AND EXISTS (
    SELECT 1 FROM "QuizAttempt" o
    WHERE o."userId" = "QuizAttempt"."userId" AND o."quizId" = "QuizAttempt"."quizId" AND o."submittedAt" IS NULL
      AND (o."startedAt" > "QuizAttempt"."startedAt" OR (o."startedAt" = "QuizAttempt"."startedAt" AND o."id" > "QuizAttempt"."id")));
UPDATE "ScenarioAttempt" SET "finishedAt" = strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
WHERE "finishedAt" IS NULL AND EXISTS (
    SELECT 1 FROM "ScenarioAttempt" o
    WHERE o."userId" = "ScenarioAttempt"."userId" AND o."scenarioId" = "ScenarioAttempt"."scenarioId"
      AND o."finishedAt" IS NULL AND o."id" <> "ScenarioAttempt"."id"
      AND (o."turn" > "ScenarioAttempt"."turn"
        OR (o."turn" = "ScenarioAttempt"."turn" AND (o."startedAt" > "ScenarioAttempt"."startedAt"
          OR (o."startedAt" = "ScenarioAttempt"."startedAt" AND o."id" > "ScenarioAttempt"."id")))));

-- CreateIndex
CREATE UNIQUE INDEX "QuizAttempt_one_open_key" ON "QuizAttempt"("userId", "quizId") WHERE "submittedAt" IS NULL;

-- CreateIndex
CREATE UNIQUE INDEX "ScenarioAttempt_one_open_key" ON "ScenarioAttempt"("userId", "scenarioId") WHERE "finishedAt" IS NULL;
