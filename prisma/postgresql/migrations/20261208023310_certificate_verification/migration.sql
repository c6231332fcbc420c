-- DropIndex
DROP INDEX "Certification_userId_stage_key";

-- AlterTable (hand-written: every existing certificate gets its verification code, 128
-- random bits as 32 hex digits like the ones the app makes, ADR 034; two built-in random
-- UUIDs hold 244 random bits, hashed down to 128)
ALTER TABLE "Certification" ADD COLUMN     "code" TEXT,
ADD COLUMN     "issue" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "revokedAt" TIMESTAMP(3),
ADD COLUMN     "revokedById" TEXT,
ADD COLUMN     "revokedReason" TEXT;
UPDATE "Certification" SET "code" = substr(encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex'), 1, 32);
ALTER TABLE "Certification" ALTER COLUMN "code" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Certification_code_key" ON "Certification"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Certification_userId_stage_issue_key" ON "Certification"("userId", "stage", "issue");

-- AddForeignKey
ALTER TABLE "Certification" ADD CONSTRAINT "Certification_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
