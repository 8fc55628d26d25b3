import { randomUUID } from "node:crypto";
import type { GustoChange, GustoEntityType, GustoEventType } from "./store";

/** One Gusto event: the thin webhook payload, and a row of `GET /v1/events`. */
export interface GustoEvent {
  uuid: string;
  event_type: GustoEventType;
  resource_type: "Company";
  resource_uuid: string;
  entity_type: GustoEntityType;
  entity_uuid: string;
  /** Epoch seconds. */
  timestamp: number;
}

/**
 * How many events the log keeps. Gusto publishes no retention for `GET /v1/events`; the
 * simulator keeps the latest 10,000 so a long-running simulator stays bounded, and a cursor
 * older than that is answered as an unknown one.
 */
export const GUSTO_EVENT_LOG_LIMIT = 10_000;

/**
 * The company's events in the order they happened: every change the store reports, whether
 * or not a webhook for it was delivered (a dropped delivery is a delivery failure, not a
 * missing event). Append-only; the oldest events fall off past `limit`. A reset of the
 * simulator starts a new history.
 */
export class GustoEventLog {
  private readonly events: GustoEvent[] = [];

  constructor(
    private readonly companyUuid: string,
    private readonly limit: number = GUSTO_EVENT_LOG_LIMIT,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(change: GustoChange): GustoEvent {
    const event: GustoEvent = {
      uuid: randomUUID(),
      event_type: change.eventType,
      resource_type: "Company",
      resource_uuid: this.companyUuid,
      entity_type: change.entityType,
      entity_uuid: change.entityUuid,
      timestamp: Math.floor(this.now().getTime() / 1000),
    };
    this.events.push(event);
    if (this.events.length > this.limit) this.events.splice(0, this.events.length - this.limit);
    return event;
  }

  /** Oldest first. */
  list(): readonly GustoEvent[] {
    return this.events;
  }

  clear(): void {
    this.events.length = 0;
  }
}
