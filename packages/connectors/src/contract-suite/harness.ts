import type { Employee } from "@tandem/hr-model";
import type { FaultSettingsInput } from "@tandem/simulators";
import type { Connector } from "../contract";

export interface ContractSetupOptions {
  /** Records the system must hold when setup returns. */
  seedCount: number;
  /** Page size to build the connector with; the suite seeds several pages' worth. */
  pageSize: number;
}

/** A webhook delivery exactly as it arrived: raw bytes and headers. */
export interface ReceivedDelivery {
  headers: Headers;
  rawBody: string;
}

/** What a connector's wiring gives the contract suite; see README.md. */
export interface ConnectorContractHarness {
  connector: Connector;
  /**
   * Whether the system signs a timestamp into its webhooks: then deliveries verified more
   * than the tolerance away from their signing time must be refused.
   */
  signsTimestamp: boolean;
  /** An id of the system's own format that names no record. */
  missingExternalId: string;
  /** Every credential the connector holds; none may appear in an error message. */
  secrets: readonly string[];
  /**
   * Changes a record the way a person working in the system would (not through the
   * connector). The suite only edits `lastName`.
   */
  editInVendor(externalId: string, changes: Partial<Employee>): Promise<void>;
  /** The next webhook delivery the system sent that the suite has not taken yet. */
  nextWebhook(): Promise<ReceivedDelivery>;
  /** Waits until every webhook so far was delivered or given up, then forgets them all. */
  drainWebhooks(): Promise<void>;
  /** Makes the system sign its next webhooks with `secret` instead of the connector's. */
  signWebhooksWith(secret: string): Promise<void>;
  /**
   * The simulator's fault knobs (merged over the current ones). Absent for a system without
   * them, e.g. a real database; the suite then skips the throttling and outage tests.
   */
  setFaults?: (faults: FaultSettingsInput) => Promise<void>;
  /**
   * The same connector with another webhook signing secret (what `registerWebhook` or its
   * handshake handed out). Present when the connector can register webhooks.
   */
  withWebhookSecret?: (secret: string) => Connector;
  /**
   * False for a system that is not reached over HTTP (a database): its refusals carry the
   * system's own message but no HTTP status.
   */
  reportsHttpStatus?: boolean;
  /** The vendor returns every record in one reply (HiBob's people search has no paging). */
  singlePage?: boolean;
  /** An employee the system refuses with a 4xx; defaults to blank names. */
  invalidEmployee?: Employee;
  teardown(): Promise<void>;
}

export type ContractSetup = (options: ContractSetupOptions) => Promise<ConnectorContractHarness>;

/**
 * What each connector folder's `contract-wiring.ts` exports as `contractWiring`; the suite
 * (`contract.test.ts`) runs for every registered connector with its wiring. A system that
 * cannot run here (no PostgreSQL to test against) gives the reason instead, and is skipped.
 */
export type ContractWiring =
  | {
      /** Starts the connector's system (a simulator, a database) before each test. */
      setup: ContractSetup;
      /** Runs once after all of the connector's tests, e.g. to drop a database made for them. */
      cleanup?: () => Promise<void>;
    }
  | { skipReason: string };
