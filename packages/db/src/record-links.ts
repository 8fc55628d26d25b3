import type { Db } from "./client";
import { Prisma } from "./generated/sqlite/client";

/** What one sync step leaves on a record link. */
export interface LinkStepUpdate {
  /** Each side's shadow as JSON text, or null when that side has none. */
  shadowA: string | null;
  shadowB: string | null;
  planHash: string;
  /** The counterpart this step created: its id is recorded and the create intent cleared. */
  created: { side: "a" | "b"; externalId: string } | null;
}

type Executor = Pick<Db, "$executeRaw">;

/**
 * Compare-and-set on a link's revision: applies the step's update only if nobody moved the
 * link since it was read, and says whether it did. The hot path of every applied change, so it
 * is one statement rather than an ORM round trip.
 */
export async function updateLinkIfUnchanged(
  db: Executor,
  link: { workspaceId: string; id: string; revision: number },
  update: LinkStepUpdate,
): Promise<boolean> {
  const created = update.created
    ? Prisma.sql`, ${Prisma.raw(update.created.side === "a" ? '"aId"' : '"bId"')} = ${update.created.externalId}, "pendingCreate" = NULL`
    : Prisma.empty;
  const changed = await db.$executeRaw`
    UPDATE "RecordLink"
    SET "shadowA" = ${update.shadowA}, "shadowB" = ${update.shadowB}, "planHash" = ${update.planHash},
        "revision" = "revision" + 1, "updatedAt" = ${new Date()}${created}
    WHERE "workspaceId" = ${link.workspaceId} AND "id" = ${link.id} AND "revision" = ${link.revision}`;
  return changed === 1;
}
