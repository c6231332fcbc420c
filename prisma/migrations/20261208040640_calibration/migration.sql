-- CreateTable
CREATE TABLE "CalibrationSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "deadline" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "CalibrationSession_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CalibrationSession_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CalibrationItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'attempt',
    "attemptId" TEXT,
    CONSTRAINT "CalibrationItem_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CalibrationSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CalibrationItem_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "ScenarioAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CalibrationInvite" (
    "sessionId" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,

    PRIMARY KEY ("sessionId", "mentorId"),
    CONSTRAINT "CalibrationInvite_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CalibrationSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CalibrationInvite_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CalibrationGrade" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "graderId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "scores" TEXT NOT NULL,
    "comments" TEXT NOT NULL DEFAULT '{}',
    "feedback" TEXT NOT NULL DEFAULT '',
    "decision" TEXT,
    "submittedAt" DATETIME,
    CONSTRAINT "CalibrationGrade_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "CalibrationItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CalibrationGrade_graderId_fkey" FOREIGN KEY ("graderId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CalibrationScore" (
    "gradeId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "graderId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "criterion" TEXT NOT NULL,
    "level" INTEGER NOT NULL,

    PRIMARY KEY ("gradeId", "criterion"),
    CONSTRAINT "CalibrationScore_gradeId_fkey" FOREIGN KEY ("gradeId") REFERENCES "CalibrationGrade" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HiddenCalibration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mentorId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedUntil" DATETIME,
    "gradedAt" DATETIME,
    CONSTRAINT "HiddenCalibration_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "HiddenCalibration_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "CalibrationItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Team" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "hiddenCalibration" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_Team" ("createdAt", "id", "name") SELECT "createdAt", "id", "name" FROM "Team";
DROP TABLE "Team";
ALTER TABLE "new_Team" RENAME TO "Team";
CREATE UNIQUE INDEX "Team_name_key" ON "Team"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CalibrationSession_teamId_closedAt_idx" ON "CalibrationSession"("teamId", "closedAt");

-- CreateIndex
CREATE INDEX "CalibrationItem_attemptId_idx" ON "CalibrationItem"("attemptId");

-- CreateIndex
CREATE UNIQUE INDEX "CalibrationItem_sessionId_position_key" ON "CalibrationItem"("sessionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "CalibrationItem_sessionId_attemptId_key" ON "CalibrationItem"("sessionId", "attemptId");

-- CreateIndex
CREATE INDEX "CalibrationInvite_mentorId_idx" ON "CalibrationInvite"("mentorId");

-- CreateIndex
CREATE INDEX "CalibrationGrade_graderId_idx" ON "CalibrationGrade"("graderId");

-- CreateIndex
CREATE UNIQUE INDEX "CalibrationGrade_itemId_graderId_kind_key" ON "CalibrationGrade"("itemId", "graderId", "kind");

-- CreateIndex
CREATE INDEX "CalibrationScore_sessionId_kind_criterion_idx" ON "CalibrationScore"("sessionId", "kind", "criterion");

-- CreateIndex
CREATE INDEX "CalibrationScore_itemId_criterion_kind_idx" ON "CalibrationScore"("itemId", "criterion", "kind");

-- CreateIndex
CREATE INDEX "HiddenCalibration_mentorId_gradedAt_idx" ON "HiddenCalibration"("mentorId", "gradedAt");

-- CreateIndex
CREATE UNIQUE INDEX "HiddenCalibration_mentorId_itemId_key" ON "HiddenCalibration"("mentorId", "itemId");
