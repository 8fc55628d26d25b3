import type { Client } from "@temporalio/client";
import { findUnsignalledChanges, type Db } from "@tandem/db";
import { dispatchStoredChange } from "./client";

/**
 * Hands over inbox events that were stored while Temporal was unreachable. Ingress signals
 * right away; anything still "received" after `graceMs` was missed and is relayed here.
 */
export async function relayUnsignalledChanges(
  db: Db,
  client: Client,
  graceMs = 10_000,
  taskQueue?: string,
): Promise<number> {
  const stale = await findUnsignalledChanges(db, new Date(Date.now() - graceMs));
  let relayed = 0;
  for (const event of stale) {
    await dispatchStoredChange(db, client, event, taskQueue);
    relayed += 1;
  }
  return relayed;
}
