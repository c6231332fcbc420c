-- AlterTable
ALTER TABLE "Readiness" ADD COLUMN     "nextShare" INTEGER NOT NULL DEFAULT 0;
