-- CreateTable
CREATE TABLE "ScenarioAttempt" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "scenarioId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stepId" TEXT NOT NULL,
    "turn" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "measures" TEXT,
    "resolved" BOOLEAN,
    "csat" INTEGER,
    "preScore" INTEGER,
    "reviewStatus" TEXT NOT NULL DEFAULT 'none',
    "submittedAt" TIMESTAMP(3),
    "previousAttemptId" TEXT,

    CONSTRAINT "ScenarioAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScenarioEvent" (
    "id" SERIAL NOT NULL,
    "attemptId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "ScenarioEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ScenarioAttempt_reviewStatus_submittedAt_idx" ON "ScenarioAttempt"("reviewStatus", "submittedAt");

-- CreateIndex
CREATE INDEX "ScenarioAttempt_userId_scenarioId_startedAt_idx" ON "ScenarioAttempt"("userId", "scenarioId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ScenarioEvent_attemptId_seq_key" ON "ScenarioEvent"("attemptId", "seq");

-- AddForeignKey
ALTER TABLE "ScenarioAttempt" ADD CONSTRAINT "ScenarioAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScenarioEvent" ADD CONSTRAINT "ScenarioEvent_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "ScenarioAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;
