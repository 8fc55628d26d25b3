-- DropForeignKey
ALTER TABLE "AuditEntry" DROP CONSTRAINT "AuditEntry_syncId_fkey";

-- DropForeignKey
ALTER TABLE "AuditEntry" DROP CONSTRAINT "AuditEntry_linkId_fkey";

-- DropIndex
DROP INDEX "AuditEntry_linkId_createdAt_idx";

-- DropIndex
DROP INDEX "AuditEntry_syncId_createdAt_idx";

-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "aId" TEXT,
ADD COLUMN     "bId" TEXT,
ADD COLUMN     "connectionId" TEXT,
ADD COLUMN     "webhookEventId" TEXT;

-- CreateIndex
CREATE INDEX "AuditEntry_workspaceId_linkId_createdAt_idx" ON "AuditEntry"("workspaceId", "linkId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_workspaceId_syncId_createdAt_idx" ON "AuditEntry"("workspaceId", "syncId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_reviewItemId_idx" ON "AuditEntry"("reviewItemId");


-- Append-only audit: the database refuses to change or remove a row, whatever the client.
CREATE FUNCTION "AuditEntry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'AuditEntry is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$;
CREATE TRIGGER "AuditEntry_no_update_or_delete" BEFORE UPDATE OR DELETE ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION "AuditEntry_append_only"();
CREATE TRIGGER "AuditEntry_no_truncate" BEFORE TRUNCATE ON "AuditEntry" FOR EACH STATEMENT EXECUTE FUNCTION "AuditEntry_append_only"();
