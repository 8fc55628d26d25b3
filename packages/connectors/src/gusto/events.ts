import { z } from "zod";
import { ConnectorError } from "../contract";
import { parseVendorResponse } from "../vendor-response";
import type { GustoEntityContext } from "./entity-support";
import { GustoEvent, entityOfGustoEvent } from "./webhook";

/** The largest page `GET /v1/events` is asked for; Gusto does not publish its maximum. */
const EVENTS_PAGE_SIZE = 100;

/** A record of another entity an event names, for that entity's `recordsConcerned`. */
export interface EventSubject {
  entity: string;
  externalId: string;
}

/**
 * The company's events from `since` (ISO 8601) on, through `GET /v1/events` newest first,
 * `limit=100` a page, until a page reaches an event older than `since` or `X-Has-Next-Page`
 * is not `true`. Event timestamps are whole seconds, so `since` is rounded down: an event in
 * the same second is kept. The endpoint takes the organization's system access token.
 */
export async function listGustoEventsSince(
  context: GustoEntityContext,
  systemAccessToken: string,
  since: string,
): Promise<GustoEvent[]> {
  const sinceMs = Date.parse(since);
  if (Number.isNaN(sinceMs)) {
    throw new ConnectorError(
      `Gusto events since ${JSON.stringify(since)}: not a date`,
      "permanent",
    );
  }
  const sinceSeconds = Math.floor(sinceMs / 1000);
  const found: GustoEvent[] = [];
  let after: string | null = null;
  for (;;) {
    const response = await context.http.request({
      method: "GET",
      path: "/events",
      query: {
        sort_order: "desc",
        resource_uuid: context.companyId,
        limit: String(EVENTS_PAGE_SIZE),
        ...(after === null ? {} : { starting_after_uuid: after }),
      },
      headers: { Authorization: `Bearer ${systemAccessToken}` },
    });
    const page = parseVendorResponse(z.array(GustoEvent), response.body, "Gusto events page");
    for (const event of page) {
      if (event.timestamp < sinceSeconds) return found;
      found.push(event);
    }
    const last = page.at(-1);
    if (last === undefined || response.headers.get("x-has-next-page") !== "true") return found;
    after = last.uuid;
  }
}

/**
 * The ids of one entity's records that a list of events names: its own events' entity uuids,
 * and, through `recordsConcerned`, the records that events of other entities concern (a
 * compensation's employee, an employee's benefit enrollments), each subject asked once.
 */
export async function recordIdsOfEvents(
  entity: string,
  events: readonly GustoEvent[],
  recordsConcerned: (subject: EventSubject) => Promise<string[]>,
): Promise<string[]> {
  const ids = new Set<string>();
  const others = new Map<string, EventSubject>();
  for (const event of events) {
    const subject = entityOfGustoEvent(event.entity_type);
    if (subject === undefined) continue;
    if (subject === entity) ids.add(event.entity_uuid);
    else
      others.set(`${subject}:${event.entity_uuid}`, {
        entity: subject,
        externalId: event.entity_uuid,
      });
  }
  for (const other of others.values()) {
    for (const id of await recordsConcerned(other)) ids.add(id);
  }
  return [...ids];
}

/**
 * An entity's `listChangedSince` through the event log, or undefined when the connection has
 * no system access token (the endpoint takes no other).
 */
export function gustoChangeListing(
  context: GustoEntityContext,
  entity: string,
  recordsConcerned: (subject: EventSubject) => Promise<string[]>,
): ((since: string) => Promise<string[]>) | undefined {
  const token = context.systemAccessToken;
  if (token === undefined) return undefined;
  return async (since) =>
    recordIdsOfEvents(entity, await listGustoEventsSince(context, token, since), recordsConcerned);
}
