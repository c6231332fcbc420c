-- CreateTable
CREATE TABLE "QuizAttemptGrant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "quizId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "grantedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QuizAttemptGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "QuizAttemptGrant_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "score" REAL NOT NULL,
    "total" REAL NOT NULL,
    "chosen" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL,

    PRIMARY KEY ("attemptId", "questionId"),
    CONSTRAINT "QuizResponse_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "QuizAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "sx" REAL NOT NULL,
    "sxx" REAL NOT NULL,
    "st" REAL NOT NULL,
    "stt" REAL NOT NULL,
    "sxt" REAL NOT NULL,

    PRIMARY KEY ("quizId", "questionId", "locale", "teamId", "first", "chosen")
);

-- CreateTable
CREATE TABLE "QuizScoreStat" (
    "quizId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "first" BOOLEAN NOT NULL,
    "score" REAL NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("quizId", "locale", "teamId", "first", "score")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_QuizAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "quizId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "seed" INTEGER NOT NULL,
    "locale" TEXT NOT NULL,
    "questions" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" DATETIME,
    "answers" TEXT,
    "score" REAL,
    "passed" BOOLEAN,
    "competencies" TEXT,
    CONSTRAINT "QuizAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Existing attempts are numbered in the order they were started, per person and quiz.
INSERT INTO "new_QuizAttempt" ("answers", "competencies", "courseSlug", "id", "locale", "number", "passed", "quizId", "score", "seed", "startedAt", "submittedAt", "userId") SELECT "answers", "competencies", "courseSlug", "id", "locale", ROW_NUMBER() OVER (PARTITION BY "userId", "quizId" ORDER BY "startedAt", "id"), "passed", "quizId", "score", "seed", "startedAt", "submittedAt", "userId" FROM "QuizAttempt";
DROP TABLE "QuizAttempt";
ALTER TABLE "new_QuizAttempt" RENAME TO "QuizAttempt";
CREATE INDEX "QuizAttempt_userId_quizId_startedAt_idx" ON "QuizAttempt"("userId", "quizId", "startedAt");
CREATE INDEX "QuizAttempt_quizId_idx" ON "QuizAttempt"("quizId");
CREATE UNIQUE INDEX "QuizAttempt_userId_quizId_number_key" ON "QuizAttempt"("userId", "quizId", "number");
CREATE UNIQUE INDEX "QuizAttempt_one_open_key" ON "QuizAttempt"("userId", "quizId") WHERE "submittedAt" IS NULL;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "QuizAttemptGrant_grantedById_idx" ON "QuizAttemptGrant"("grantedById");

-- CreateIndex
CREATE UNIQUE INDEX "QuizAttemptGrant_userId_quizId_number_key" ON "QuizAttemptGrant"("userId", "quizId", "number");

-- CreateIndex
CREATE INDEX "QuizResponse_quizId_attemptId_questionId_idx" ON "QuizResponse"("quizId", "attemptId", "questionId");
