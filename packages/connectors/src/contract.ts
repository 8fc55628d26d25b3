import type { Compensation, Employee } from "@tandem/hr-model";
import type { ConnectorDescription } from "./connector-description";
import type { ConnectorKind } from "./connector-kinds";
import type { SyncEntity } from "./sync-entity";

/** The kinds of system Tandem can talk to: one folder under src/ each (see README.md). */
export type { ConnectorKind };

/** One change a vendor told us about, as parsed from a verified webhook delivery. */
export interface ChangeEvent {
  /** Unique per delivery attempt family: the same event redelivered has the same id. */
  deliveryId: string;
  /**
   * True when `deliveryId` is derived from signed bytes that two real changes can share (the
   * vendor's timestamp resolution is coarse, e.g. BambooHR's seconds), so the inbox stores a
   * few repeats as new changes. False for an id that names one delivery (a HiBob body carries
   * its change's millisecond), whose repeats are duplicates.
   */
  derivedDeliveryId: boolean;
  /**
   * The sync entity the change concerns (a `SyncEntity.entity`, e.g. "employee",
   * "employee_benefit"), and `externalId` is that record's id. A vendor event about a part of a
   * record (a Gusto job or compensation) may name that part (entity "job"); the engine then asks
   * `SyncEntity.recordsConcerned` which records it touches.
   */
  entity: string;
  action: "created" | "updated" | "deleted";
  externalId: string;
  /** ISO 8601 instant at which the vendor says the change happened. */
  changedAt: string;
}

export type WebhookVerification =
  | { ok: true; events: ChangeEvent[] }
  | {
      ok: false;
      reason: string;
      /**
       * True when the signature (and timestamp) checked out but the body is not a change this
       * connector understands: the vendor did send it, so ingress keeps it as a failed inbox
       * row instead of refusing it as forged.
       */
      authentic?: boolean;
    };

/** A Gusto-style subscription handshake message that carries no change. */
export interface WebhookHandshake {
  verificationToken: string;
}

/** A webhook subscription made through the vendor's API. */
export interface WebhookRegistration {
  /** The vendor's id of the subscription; pass it to `unregisterWebhook`. */
  id: string;
  /**
   * `pending_verification`: the vendor sends a handshake to the URL first (Gusto) and
   * delivers nothing until `completeWebhookHandshake`; `active`: deliveries start now.
   */
  status: "active" | "pending_verification";
  /**
   * The key deliveries are signed with, when the vendor hands it out at creation (BambooHR's
   * `privateKey`, shown once). Store it as the connection's webhook secret. For a handshake
   * vendor the secret is the token the handshake carries.
   */
  signingSecret?: string;
}

export interface ExternalEmployee {
  externalId: string;
  employee: Employee;
  /** The vendor's own payload, kept so a write back loses nothing the model lacks. */
  raw: Record<string, unknown>;
  /** The vendor's optimistic-concurrency token, where it has one (Gusto's `version`). */
  version?: string;
}

/** One effective-dated pay rate as a system holds it, normalized (money in minor units). */
export interface ExternalCompensation {
  externalId: string;
  compensation: Compensation;
  raw: Record<string, unknown>;
  version?: string;
}

export interface EmployeePage {
  items: ExternalEmployee[];
  nextCursor: string | null;
}

export interface Connector {
  readonly kind: ConnectorKind;
  /**
   * The normalized fields this system both reads and writes faithfully: what it returns
   * after a write is what was written. Only these take part in a two-way sync; a field one
   * side cannot write (or only approximates) would otherwise bounce back as a false change.
   */
  readonly syncedFields: readonly (keyof Employee)[];
  /**
   * The system's entities and fields in its own names, for the mapping editor: synchronous,
   * no network. Field ids are dotted paths into the records' `raw` payloads.
   */
  describe(): ConnectorDescription;
  /** Checks signature (and timestamp where the vendor signs one) over the raw body. */
  verifyWebhook(headers: Headers, rawBody: string, now?: Date): WebhookVerification;
  /**
   * Recognises a subscription handshake (Gusto POSTs its verification token, unsigned, to a
   * new webhook URL). It carries no change, so ingress answers it before signature checks.
   */
  parseWebhookHandshake?(rawBody: string): WebhookHandshake | null;
  /**
   * Subscribes `url` to employee changes through the vendor's API, where the vendor has one
   * (BambooHR, Gusto). Absent for systems whose webhooks are set up in their own UI.
   */
  registerWebhook?(url: string): Promise<WebhookRegistration>;
  /** Removes a subscription made by `registerWebhook`; nothing is delivered afterwards. */
  unregisterWebhook?(id: string): Promise<void>;
  /**
   * Confirms a pending subscription with the token its handshake delivered (Gusto:
   * `PUT /v1/webhook_subscriptions/{uuid}/verify`). The token then signs every delivery.
   */
  completeWebhookHandshake?(registrationId: string, verificationToken: string): Promise<void>;
  /** The employee's pay rates, oldest first, where the connector reads compensation. */
  listCompensations?(employeeExternalId: string): Promise<ExternalCompensation[]>;
  /** Rewrites one pay rate (with the vendor's optimistic concurrency where it has it). */
  updateCompensation?(
    externalId: string,
    compensation: Compensation,
    idempotencyKey: string,
  ): Promise<void>;
  /**
   * The plan-driven engine's access to one of the system's entities (the `entity` of a mapping
   * side), or null when this connector does not sync that entity.
   */
  syncEntity(entity: string): SyncEntity | null;
  listEmployees(cursor?: string | null): Promise<EmployeePage>;
  getEmployee(externalId: string): Promise<ExternalEmployee | null>;
  findEmployeeByWorkEmail(email: string): Promise<ExternalEmployee | null>;
  createEmployee(employee: Employee, idempotencyKey: string): Promise<{ externalId: string }>;
  updateEmployee(externalId: string, employee: Employee, idempotencyKey: string): Promise<void>;
}

/** Changes read from a change feed, and the cursor to read the next ones from. */
export interface ChangeBatch {
  events: ChangeEvent[];
  /** Opaque; pass it to the next read. Equal to the input when nothing new was settled. */
  cursor: string | null;
  /**
   * True when newer changes exist but are not settled yet (an older transaction is still
   * open), so a read a moment later will return more even without a new notification.
   */
  pending: boolean;
}

export interface ChangeWatch {
  /** The cursor after the last event handed to `onEvent`; store it to resume later. */
  readonly cursor: string | null;
  /** Stops listening and waits for the event being handled, if any. */
  close(): Promise<void>;
}

export interface WatchChangesOptions {
  /** Resume after this cursor; null or absent starts at the oldest recorded change. */
  cursor?: string | null;
  /**
   * The watch has stopped because of this error (a ConnectorError from the database, or what
   * `onEvent` threw); resume with a new watch from its `cursor`.
   */
  onError?: (error: unknown) => void;
}

/**
 * A system that pushes changes over its own connection instead of webhooks (a database with
 * LISTEN/NOTIFY). Its `verifyWebhook` refuses every delivery; changes come from here, each
 * with a stable `deliveryId`, so the inbox deduplicates them exactly as it does webhooks.
 * Delivery is at least once: a consumer that stores the cursor after handling an event sees
 * an event twice only when it stops in between.
 */
export interface ChangeFeedConnector extends Connector {
  /** Reads settled changes after `cursor` in order; null reads from the oldest. */
  readChangesSince(cursor: string | null, limit?: number): Promise<ChangeBatch>;
  /**
   * Catches up from `options.cursor`, then hands every new change to `onEvent` in order, one
   * at a time (the next waits for the returned promise). A rejection from `onEvent` stops
   * the watch and is reported to `onError`.
   */
  watchChanges(
    onEvent: (event: ChangeEvent, cursor: string | null) => void | Promise<void>,
    options?: WatchChangesOptions,
  ): Promise<ChangeWatch>;
  /**
   * Names the feed's source without secrets (server, database, changes table): connections
   * with the same source read one feed, so it is pruned below the lowest of their cursors.
   */
  readonly changeSource: string;
  /**
   * Sets up what the feed needs in the system when it is missing; leaves it alone (and the
   * system's tables unlocked) when it is there.
   */
  ensureChangeCapture(): Promise<void>;
  /**
   * Calls `wake` whenever the system announces new changes (a hint only: read them with
   * `readChangesSince`), and `onLost` once if the announcements stop.
   */
  listenForChanges(wake: () => void, onLost: (error: unknown) => void): Promise<ChangeListener>;
  /** Deletes the changes up to and including `cursor`; returns how many. */
  pruneChangesThrough(cursor: string | null): Promise<number>;
  /** The earliest of these cursors (null, before any change, is the earliest). */
  lowestChangeCursor(cursors: readonly (string | null)[]): string | null;
  /** Releases the connector's connections to the system. */
  close(): Promise<void>;
}

export interface ChangeListener {
  close(): Promise<void>;
}

export function isChangeFeedConnector(connector: Connector): connector is ChangeFeedConnector {
  return "watchChanges" in connector && "readChangesSince" in connector;
}

/**
 * `stale`: the record changed since it was read (an optimistic-concurrency refusal); read it
 * again and decide again, never resend the same content.
 */
export type ConnectorErrorKind = "retryable" | "permanent" | "stale";

/**
 * Every failure a connector reports is classified, so the sync engine knows whether to retry
 * (rate limits, 5xx, timeouts, resets) or park the change for an operator (validation, 4xx).
 * Messages never contain credentials.
 */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly kind: ConnectorErrorKind,
    readonly details: { status?: number; retryAfterMs?: number; vendorMessage?: string } = {},
  ) {
    super(message);
    this.name = "ConnectorError";
  }
}
