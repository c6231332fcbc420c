-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "decision" TEXT,
    "scores" TEXT NOT NULL DEFAULT '{}',
    "comments" TEXT NOT NULL DEFAULT '{}',
    "feedback" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    "submittedAt" DATETIME,
    "readAt" DATETIME,
    CONSTRAINT "Review_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "ScenarioAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Review_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decision" TEXT NOT NULL,
    "scores" TEXT NOT NULL,
    "comments" TEXT NOT NULL,
    "feedback" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    CONSTRAINT "ReviewVersion_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewVersion_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignOffEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "traineeId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "behaviourId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SignOffEvent_traineeId_fkey" FOREIGN KEY ("traineeId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SignOffEvent_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ScenarioAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "scenarioId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stepId" TEXT NOT NULL,
    "turn" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL,
    "finishedAt" DATETIME,
    "measures" TEXT,
    "resolved" BOOLEAN,
    "csat" INTEGER,
    "preScore" INTEGER,
    "reviewStatus" TEXT NOT NULL DEFAULT 'none',
    "submittedAt" DATETIME,
    "previousAttemptId" TEXT,
    "claimedById" TEXT,
    "claimedUntil" DATETIME,
    CONSTRAINT "ScenarioAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScenarioAttempt_claimedById_fkey" FOREIGN KEY ("claimedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ScenarioAttempt" ("csat", "finishedAt", "id", "locale", "measures", "preScore", "previousAttemptId", "resolved", "reviewStatus", "scenarioId", "startedAt", "state", "stepId", "submittedAt", "turn", "userId") SELECT "csat", "finishedAt", "id", "locale", "measures", "preScore", "previousAttemptId", "resolved", "reviewStatus", "scenarioId", "startedAt", "state", "stepId", "submittedAt", "turn", "userId" FROM "ScenarioAttempt";
DROP TABLE "ScenarioAttempt";
ALTER TABLE "new_ScenarioAttempt" RENAME TO "ScenarioAttempt";
CREATE INDEX "ScenarioAttempt_userId_scenarioId_startedAt_idx" ON "ScenarioAttempt"("userId", "scenarioId", "startedAt");
CREATE INDEX "ScenarioAttempt_reviewStatus_submittedAt_idx" ON "ScenarioAttempt"("reviewStatus", "submittedAt");
CREATE INDEX "ScenarioAttempt_userId_reviewStatus_submittedAt_idx" ON "ScenarioAttempt"("userId", "reviewStatus", "submittedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Review_attemptId_key" ON "Review"("attemptId");

-- CreateIndex
CREATE INDEX "Review_reviewerId_submittedAt_idx" ON "Review"("reviewerId", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewVersion_reviewId_version_key" ON "ReviewVersion"("reviewId", "version");

-- CreateIndex
CREATE INDEX "SignOffEvent_traineeId_level_behaviourId_at_idx" ON "SignOffEvent"("traineeId", "level", "behaviourId", "at");
