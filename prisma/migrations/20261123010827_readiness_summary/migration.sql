-- CreateTable
CREATE TABLE "Readiness" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "contentVersion" TEXT NOT NULL,
    "currentLevel" TEXT,
    "nextLevel" TEXT,
    "nextMet" INTEGER NOT NULL,
    "nextTotal" INTEGER NOT NULL,
    "missing" TEXT NOT NULL,
    "competencies" TEXT NOT NULL,
    "lastActivityAt" DATETIME,
    "l1At" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Readiness_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
