-- CreateTable
CREATE TABLE "ChangeFeedCursor" (
    "connectionId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "cursor" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChangeFeedCursor_pkey" PRIMARY KEY ("connectionId")
);

-- CreateIndex
CREATE INDEX "ChangeFeedCursor_source_idx" ON "ChangeFeedCursor"("source");

-- AddForeignKey
ALTER TABLE "ChangeFeedCursor" ADD CONSTRAINT "ChangeFeedCursor_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

