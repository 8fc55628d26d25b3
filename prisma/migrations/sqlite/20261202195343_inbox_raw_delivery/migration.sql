-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN "rawSealed" TEXT;

