-- CreateTable
CREATE TABLE "Readiness" (
    "userId" TEXT NOT NULL,
    "contentVersion" TEXT NOT NULL,
    "currentLevel" TEXT,
    "nextLevel" TEXT,
    "nextMet" INTEGER NOT NULL,
    "nextTotal" INTEGER NOT NULL,
    "missing" TEXT NOT NULL,
    "competencies" TEXT NOT NULL,
    "lastActivityAt" TIMESTAMP(3),
    "l1At" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Readiness_pkey" PRIMARY KEY ("userId")
);

-- AddForeignKey
ALTER TABLE "Readiness" ADD CONSTRAINT "Readiness_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
