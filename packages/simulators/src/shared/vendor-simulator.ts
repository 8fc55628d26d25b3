import type { Employee } from "@tandem/hr-model";
import { generateEmployees, type GeneratorOptions } from "../generator";
import { handleAdminRequest, type AdminControls, type VendorAdmin } from "./admin-api";
import {
  FaultInjector,
  GENERIC_FAULT_POLICY,
  mergeFaultSettings,
  type FaultSettings,
  type FaultSettingsInput,
  type VendorFaultPolicy,
} from "./faults";
import { RequestLog, type RequestLogEntry } from "./request-log";
import { startSimulatorServer, type RouteHandler } from "./simulator-server";
import {
  WebhookDeliveryQueue,
  scaleSchedule,
  type DeliveryAttempt,
  type DeliveryOutcome,
  type OutgoingWebhook,
  type WebhookTarget,
} from "./webhook-queue";

/** Vendor retry delays are minutes to hours; by default a minute of theirs is 0.1 s of ours. */
export const DEFAULT_TIME_SCALE = 1 / 600;

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1; the admin API only answers loopback clients anyway. */
  host?: string;
  webhook?: WebhookTarget;
  /** Delays before each webhook retry in ms; defaults to the vendor's schedule × timeScale. */
  retrySchedule?: number[];
  timeScale?: number;
  /** Start with generated employees; reset restores them. */
  seed?: GeneratorOptions;
  /** Fault knobs (latency, errors, downtime, rate limit, webhook faults); all off by default. */
  faults?: FaultSettingsInput;
}

export interface SimulatorState<TRecord> {
  employees(): TRecord[];
  readonly requests: readonly RequestLogEntry[];
  readonly deliveries: readonly DeliveryAttempt[];
  /** Resolves when every webhook so far has been delivered or given up on. */
  whenWebhooksSettled(): Promise<void>;
  setWebhook(target: WebhookTarget): void;
  faults(): FaultSettings;
  /** Merges a partial update over the current knobs, as `PUT /_admin/faults` does. */
  setFaults(input: FaultSettingsInput): FaultSettings;
  /**
   * Restores the seed and the initial fault knobs, clears the request log, drops pending
   * webhooks; keeps the target.
   */
  reset(): void;
}

export interface SimulatorHandle<TRecord> {
  url: string;
  port: number;
  close(): Promise<void>;
  state: SimulatorState<TRecord>;
}

/** Sends a delivery the vendor itself initiates (a subscription handshake, a ping). */
export interface WebhookSender {
  enqueue(webhook: OutgoingWebhook): void;
}

/** The pieces that make one vendor's simulator; the wiring is the same for every vendor. */
export interface VendorSimulatorParts<TStore, TRecord, TChange> {
  retryMinutes: readonly number[];
  shouldRetry: (outcome: DeliveryOutcome, webhook: OutgoingWebhook) => boolean;
  /** How the vendor throttles and fails, for the fault knobs; a generic 429 when absent. */
  faultPolicy?: VendorFaultPolicy;
  createStore(onChange: (change: TChange) => void): TStore;
  seed(store: TStore, people: readonly Employee[]): void;
  records(store: TStore): TRecord[];
  /** Null sends nothing, e.g. to an endpoint the vendor has disabled. */
  buildWebhook(target: WebhookTarget, change: TChange): OutgoingWebhook | null;
  /**
   * Targets registered through the vendor's own webhook API that want this change, each with
   * the secret the vendor signs its deliveries with; the admin target gets every change too.
   */
  subscribedTargets?(change: TChange): WebhookTarget[];
  api(store: TStore, webhooks: WebhookSender): RouteHandler;
  admin(store: TStore): VendorAdmin;
}

export async function startVendorSimulator<TStore, TRecord, TChange>(
  options: SimulatorOptions,
  parts: VendorSimulatorParts<TStore, TRecord, TChange>,
): Promise<SimulatorHandle<TRecord>> {
  const requestLog = new RequestLog();
  const faults = new FaultInjector(parts.faultPolicy ?? GENERIC_FAULT_POLICY, options.faults);
  const initialFaults = faults.current();
  const queue = new WebhookDeliveryQueue({
    retrySchedule:
      options.retrySchedule ??
      scaleSchedule(parts.retryMinutes, options.timeScale ?? DEFAULT_TIME_SCALE),
    shouldRetry: parts.shouldRetry,
    planFaults: () => ({ ...faults.planWebhook(), ...faults.delivery }),
  });
  let webhook: WebhookTarget | null = options.webhook ?? null;
  const store = parts.createStore((change) => {
    const targets = [...(webhook ? [webhook] : []), ...(parts.subscribedTargets?.(change) ?? [])];
    for (const target of targets) {
      const outgoing = parts.buildWebhook(target, change);
      if (outgoing) queue.enqueue(outgoing);
    }
  });
  const people = options.seed ? generateEmployees(options.seed) : [];
  parts.seed(store, people);

  const setWebhook = (target: WebhookTarget) => {
    webhook = target;
  };
  const setFaults = (input: FaultSettingsInput): FaultSettings => {
    const merged = mergeFaultSettings(faults.current(), input);
    if (!merged.ok) throw new Error(merged.message);
    faults.replace(merged.settings);
    return faults.current();
  };
  const reset = () => {
    queue.cancelAll();
    requestLog.clear();
    faults.replace(initialFaults);
    parts.seed(store, people);
  };
  const controls: AdminControls = {
    requestLog,
    deliveries: queue.attempts,
    getWebhook: () => webhook,
    setWebhook,
    faults,
    reset,
  };
  const admin = parts.admin(store);
  const server = await startSimulatorServer({
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    requestLog,
    vendor: parts.api(store, { enqueue: (outgoing) => queue.enqueue(outgoing) }),
    admin: (request, response, url) => handleAdminRequest(request, response, url, admin, controls),
    faults,
  });

  return {
    url: server.url,
    port: server.port,
    close: async () => {
      queue.cancelAll();
      await server.close();
    },
    state: {
      employees: () => parts.records(store),
      requests: requestLog.entries,
      deliveries: queue.attempts,
      whenWebhooksSettled: () => queue.whenIdle(),
      setWebhook,
      faults: () => faults.current(),
      setFaults,
      reset,
    },
  };
}
