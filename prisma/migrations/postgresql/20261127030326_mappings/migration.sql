-- CreateTable
CREATE TABLE "Mapping" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "syncId" TEXT,
    "draft" TEXT NOT NULL,
    "draftRevision" INTEGER NOT NULL DEFAULT 0,
    "draftSavedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Mapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MappingVersion" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "mappingId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "plan" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "note" TEXT,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MappingVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Mapping_syncId_key" ON "Mapping"("syncId");

-- CreateIndex
CREATE INDEX "Mapping_workspaceId_idx" ON "Mapping"("workspaceId");

-- CreateIndex
CREATE INDEX "MappingVersion_workspaceId_idx" ON "MappingVersion"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "MappingVersion_mappingId_hash_key" ON "MappingVersion"("mappingId", "hash");

-- AddForeignKey
ALTER TABLE "Mapping" ADD CONSTRAINT "Mapping_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mapping" ADD CONSTRAINT "Mapping_syncId_fkey" FOREIGN KEY ("syncId") REFERENCES "Sync"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MappingVersion" ADD CONSTRAINT "MappingVersion_mappingId_fkey" FOREIGN KEY ("mappingId") REFERENCES "Mapping"("id") ON DELETE CASCADE ON UPDATE CASCADE;

