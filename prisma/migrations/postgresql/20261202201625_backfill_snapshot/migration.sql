-- CreateTable
CREATE TABLE "BackfillRecord" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "syncId" TEXT NOT NULL,
    "backfillId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "record" TEXT NOT NULL,
    "matchKeys" TEXT NOT NULL,

    CONSTRAINT "BackfillRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackfillItem" (
    "workspaceId" TEXT NOT NULL,
    "backfillId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "aId" TEXT,
    "bId" TEXT,
    "reason" TEXT,

    CONSTRAINT "BackfillItem_pkey" PRIMARY KEY ("backfillId","seq")
);

-- CreateIndex
CREATE INDEX "BackfillRecord_workspaceId_backfillId_idx" ON "BackfillRecord"("workspaceId", "backfillId");

-- CreateIndex
CREATE UNIQUE INDEX "BackfillRecord_backfillId_side_externalId_key" ON "BackfillRecord"("backfillId", "side", "externalId");

-- CreateIndex
CREATE INDEX "BackfillItem_workspaceId_backfillId_idx" ON "BackfillItem"("workspaceId", "backfillId");

