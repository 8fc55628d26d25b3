import type { EntityRecord, SyncEntity } from "@tandem/connectors";
import type { Db } from "@tandem/db";
import {
  duplicateSearches,
  likelyDuplicateReason,
  matchingKey,
  matchSearches,
  otherSide,
  type MatchSearch,
  type Side,
} from "@tandem/sync-core";
import { searchPagesListing } from "./listing-snapshot";
import type { SyncContext } from "./sync-context";

export type Counterpart =
  | { kind: "matched"; externalId: string }
  | { kind: "none" }
  /** No key links them, but they look like the same person: an operator decides. */
  | { kind: "duplicate"; candidateId: string; reason: string }
  /** A key links them, but the counterpart is already linked to another record. */
  | { kind: "claimed"; candidateId: string; reason: string };

/** Pages a vendor's listing when it has no search: bounded, so a huge tenant cannot stall a step. */
const MAX_SCAN_PAGES = 20;

async function search(ctx: SyncContext, side: Side, query: MatchSearch): Promise<EntityRecord[]> {
  const entity = ctx.entities[side];
  if (ctx.listings && searchPagesListing(entity)) return ctx.listings.search(side, query);
  return scan(entity, query);
}

async function scan(entity: SyncEntity, query: MatchSearch): Promise<EntityRecord[]> {
  if (entity.findByField) return entity.findByField(query.field, query.value);
  const found: EntityRecord[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_SCAN_PAGES; page += 1) {
    const result = await entity.list(cursor);
    found.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return found;
}

/**
 * Finds the other side's record of the same person by the plan's match keys, in priority
 * order. Without a key match, looks for a likely duplicate (the same address in another email
 * field, the same name and birth date), which is parked rather than created twice.
 */
export async function findCounterpart(
  db: Db,
  ctx: SyncContext,
  source: Side,
  record: EntityRecord,
  createDespiteDuplicate: boolean,
  onlyKeys = false,
): Promise<Counterpart> {
  const { plan } = ctx;
  const other = otherSide(source);
  const seen = new Map<string, EntityRecord>();
  for (const query of matchSearches(plan, source, record.fields)) {
    for (const candidate of await search(ctx, other, query)) {
      seen.set(candidate.id, candidate);
      if (!matchingKey(plan, source, record.fields, candidate.fields)) continue;
      const claimedBy = await db.recordLink.findFirst({
        where: {
          workspaceId: ctx.ref.workspaceId,
          syncId: ctx.ref.syncId,
          entity: plan.sides.a.entity,
          [other === "a" ? "aId" : "bId"]: candidate.id,
        },
        select: { aId: true, bId: true },
      });
      const holder = claimedBy?.[source === "a" ? "aId" : "bId"];
      if (holder && holder !== record.id)
        return {
          kind: "claimed",
          candidateId: candidate.id,
          reason: `its match key points at ${other.toUpperCase()} record ${candidate.id}, which is already linked to ${source.toUpperCase()} record ${holder} (a reused address, or a rehire entered as a new record?)`,
        };
      return { kind: "matched", externalId: candidate.id };
    }
  }
  if (onlyKeys || createDespiteDuplicate) return { kind: "none" };
  // A side with no search at all is compared whole (an email in another field, the same name
  // and birth date), not only the records its emails find.
  const noSearch = !ctx.entities[other].findByField;
  for (const query of duplicateSearches(plan, source, record.fields)) {
    const candidates =
      noSearch && ctx.listings
        ? await ctx.listings.all(other)
        : noSearch && seen.size > 0
          ? [...seen.values()]
          : await search(ctx, other, query);
    for (const candidate of candidates) {
      const reason = likelyDuplicateReason(plan, source, record.fields, candidate.fields);
      if (reason)
        return {
          kind: "duplicate",
          candidateId: candidate.id,
          reason: `likely the same person as ${other.toUpperCase()} record ${candidate.id}, though no match key links them: ${reason}`,
        };
    }
  }
  return { kind: "none" };
}
