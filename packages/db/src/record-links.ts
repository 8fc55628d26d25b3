import type { SqlTx } from "./direct-sql";

/** What one sync step leaves on a record link. */
export interface LinkStepUpdate {
  /** Each side's shadow as JSON text, or null when that side has none. */
  shadowA: string | null;
  shadowB: string | null;
  planHash: string;
  /** The counterpart this step created: its id is recorded and the create intent cleared. */
  created: { side: "a" | "b"; externalId: string } | null;
}

/**
 * Compare-and-set on a link's revision: applies the step's update only if nobody moved the
 * link since it was read, and says whether it did. The hot path of every applied change, so it
 * is one statement rather than an ORM round trip.
 */
export async function updateLinkIfUnchanged(
  tx: SqlTx,
  link: { workspaceId: string; id: string; revision: number },
  update: LinkStepUpdate,
): Promise<boolean> {
  const created = update.created
    ? `, ${update.created.side === "a" ? '"aId"' : '"bId"'} = ?, "pendingCreate" = NULL`
    : "";
  const changed = await tx.execute(
    `UPDATE "RecordLink"
    SET "shadowA" = ?, "shadowB" = ?, "planHash" = ?, "revision" = "revision" + 1,
        "updatedAt" = ?${created}
    WHERE "workspaceId" = ? AND "id" = ? AND "revision" = ?`,
    [
      update.shadowA,
      update.shadowB,
      update.planHash,
      new Date(),
      ...(update.created ? [update.created.externalId] : []),
      link.workspaceId,
      link.id,
      link.revision,
    ],
  );
  return changed === 1;
}
