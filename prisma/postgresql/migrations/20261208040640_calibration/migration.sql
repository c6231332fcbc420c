-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "hiddenCalibration" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "CalibrationSession" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "CalibrationSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalibrationItem" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'attempt',
    "attemptId" TEXT,

    CONSTRAINT "CalibrationItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalibrationInvite" (
    "sessionId" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,

    CONSTRAINT "CalibrationInvite_pkey" PRIMARY KEY ("sessionId","mentorId")
);

-- CreateTable
CREATE TABLE "CalibrationGrade" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "graderId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "scores" TEXT NOT NULL,
    "comments" TEXT NOT NULL DEFAULT '{}',
    "feedback" TEXT NOT NULL DEFAULT '',
    "decision" TEXT,
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "CalibrationGrade_pkey" PRIMARY KEY ("id")
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

    CONSTRAINT "CalibrationScore_pkey" PRIMARY KEY ("gradeId","criterion")
);

-- CreateTable
CREATE TABLE "HiddenCalibration" (
    "id" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedUntil" TIMESTAMP(3),
    "gradedAt" TIMESTAMP(3),

    CONSTRAINT "HiddenCalibration_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "CalibrationSession" ADD CONSTRAINT "CalibrationSession_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalibrationSession" ADD CONSTRAINT "CalibrationSession_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalibrationItem" ADD CONSTRAINT "CalibrationItem_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CalibrationSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalibrationItem" ADD CONSTRAINT "CalibrationItem_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "ScenarioAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalibrationInvite" ADD CONSTRAINT "CalibrationInvite_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CalibrationSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalibrationInvite" ADD CONSTRAINT "CalibrationInvite_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalibrationGrade" ADD CONSTRAINT "CalibrationGrade_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "CalibrationItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalibrationGrade" ADD CONSTRAINT "CalibrationGrade_graderId_fkey" FOREIGN KEY ("graderId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalibrationScore" ADD CONSTRAINT "CalibrationScore_gradeId_fkey" FOREIGN KEY ("gradeId") REFERENCES "CalibrationGrade"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HiddenCalibration" ADD CONSTRAINT "HiddenCalibration_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HiddenCalibration" ADD CONSTRAINT "HiddenCalibration_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "CalibrationItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
