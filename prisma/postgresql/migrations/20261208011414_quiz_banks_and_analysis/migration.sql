-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN     "number" INTEGER,
ADD COLUMN     "questions" TEXT;
-- Existing attempts are numbered in the order they were started, per person and quiz.
UPDATE "QuizAttempt" SET "number" = numbered."n" FROM (
  SELECT "id", ROW_NUMBER() OVER (PARTITION BY "userId", "quizId" ORDER BY "startedAt", "id") AS "n" FROM "QuizAttempt"
) AS numbered WHERE numbered."id" = "QuizAttempt"."id";
ALTER TABLE "QuizAttempt" ALTER COLUMN "number" SET NOT NULL;

-- CreateTable
CREATE TABLE "QuizAttemptGrant" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "quizId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "grantedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuizAttemptGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuizResponse" (
    "attemptId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "quizId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "total" DOUBLE PRECISION NOT NULL,
    "chosen" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuizResponse_pkey" PRIMARY KEY ("attemptId","questionId")
);

-- CreateTable
CREATE TABLE "QuizItemStat" (
    "quizId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "first" BOOLEAN NOT NULL,
    "chosen" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "sx" DOUBLE PRECISION NOT NULL,
    "sxx" DOUBLE PRECISION NOT NULL,
    "st" DOUBLE PRECISION NOT NULL,
    "stt" DOUBLE PRECISION NOT NULL,
    "sxt" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "QuizItemStat_pkey" PRIMARY KEY ("quizId","questionId","locale","teamId","first","chosen")
);

-- CreateTable
CREATE TABLE "QuizScoreStat" (
    "quizId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "first" BOOLEAN NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "QuizScoreStat_pkey" PRIMARY KEY ("quizId","locale","teamId","first","score")
);

-- CreateIndex
CREATE INDEX "QuizAttemptGrant_grantedById_idx" ON "QuizAttemptGrant"("grantedById");

-- CreateIndex
CREATE UNIQUE INDEX "QuizAttemptGrant_userId_quizId_number_key" ON "QuizAttemptGrant"("userId", "quizId", "number");

-- CreateIndex
CREATE INDEX "QuizResponse_quizId_attemptId_questionId_idx" ON "QuizResponse"("quizId", "attemptId", "questionId");

-- CreateIndex
CREATE UNIQUE INDEX "QuizAttempt_userId_quizId_number_key" ON "QuizAttempt"("userId", "quizId", "number");

-- AddForeignKey
ALTER TABLE "QuizAttemptGrant" ADD CONSTRAINT "QuizAttemptGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAttemptGrant" ADD CONSTRAINT "QuizAttemptGrant_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizResponse" ADD CONSTRAINT "QuizResponse_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "QuizAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;
