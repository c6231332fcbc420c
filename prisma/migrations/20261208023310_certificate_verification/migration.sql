-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Certification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "issue" INTEGER NOT NULL DEFAULT 1,
    "code" TEXT NOT NULL,
    "certifiedAt" DATETIME NOT NULL,
    "evidence" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    "revokedReason" TEXT,
    "revokedById" TEXT,
    CONSTRAINT "Certification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Certification_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Hand-written: every existing certificate gets its verification code, 128 random bits as
-- 32 hex digits like the ones the app makes (ADR 034).
INSERT INTO "new_Certification" ("certifiedAt", "createdAt", "evidence", "id", "stage", "userId", "code") SELECT "certifiedAt", "createdAt", "evidence", "id", "stage", "userId", lower(hex(randomblob(16))) FROM "Certification";
DROP TABLE "Certification";
ALTER TABLE "new_Certification" RENAME TO "Certification";
CREATE UNIQUE INDEX "Certification_code_key" ON "Certification"("code");
CREATE UNIQUE INDEX "Certification_userId_stage_issue_key" ON "Certification"("userId", "stage", "issue");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
