-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Readiness" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "contentVersion" TEXT NOT NULL,
    "currentLevel" TEXT,
    "nextLevel" TEXT,
    "nextMet" INTEGER NOT NULL,
    "nextTotal" INTEGER NOT NULL,
    "nextShare" INTEGER NOT NULL DEFAULT 0,
    "missing" TEXT NOT NULL,
    "competencies" TEXT NOT NULL,
    "lastActivityAt" DATETIME,
    "l1At" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Readiness_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Readiness" ("competencies", "contentVersion", "currentLevel", "l1At", "lastActivityAt", "missing", "nextLevel", "nextMet", "nextTotal", "updatedAt", "userId") SELECT "competencies", "contentVersion", "currentLevel", "l1At", "lastActivityAt", "missing", "nextLevel", "nextMet", "nextTotal", "updatedAt", "userId" FROM "Readiness";
DROP TABLE "Readiness";
ALTER TABLE "new_Readiness" RENAME TO "Readiness";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
