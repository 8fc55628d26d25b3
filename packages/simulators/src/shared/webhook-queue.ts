import http from "node:http";
import https from "node:https";
import { appendBounded } from "./bounded-log";
import type { WebhookFaultPlan } from "./faults";

export interface WebhookTarget {
  url: string;
  secret: string;
}

/** A signed delivery, ready to POST; retries resend exactly these bytes and headers. */
export interface OutgoingWebhook {
  url: string;
  body: string;
  headers: Record<string, string>;
  /**
   * Headers made afresh for every attempt, replacing `headers`: Standard Webhooks stamps each
   * attempt with its own time and signs it again, so retries cannot reuse the first headers.
   */
  headersForAttempt?: () => Record<string, string>;
}

export type DeliveryOutcome = { status: number } | { error: string };

export interface DeliveryAttempt {
  /** Sequence number of the event; all attempts of one event share it. */
  delivery: number;
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
  url: string;
  status: number | null;
  error: string | null;
  time: string;
  /** Milliseconds until the next attempt, or null when this was the last one. */
  retryInMs: number | null;
}

export interface WebhookQueueOptions {
  /** Delay before each retry, in order; its length is the number of retries. */
  retrySchedule: readonly number[];
  /** Whether a failed attempt is retried at all (BambooHR: only 5xx; Gusto: any non-2xx). */
  shouldRetry: (outcome: DeliveryOutcome, webhook: OutgoingWebhook) => boolean;
  timeoutMs?: number;
  /** Fault injection: drop, duplicate or hold back an event (all off when absent). */
  planFaults?: () => WebhookFaultPlan & { holdMaxMs: number };
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Scales a vendor's retry schedule, given in minutes, by a time factor into milliseconds. */
export function scaleSchedule(minutes: readonly number[], timeScale: number): number[] {
  return minutes.map((minute) => Math.round(minute * 60_000 * timeScale));
}

function isSuccess(outcome: DeliveryOutcome): boolean {
  return "status" in outcome && outcome.status >= 200 && outcome.status < 300;
}

/**
 * At-least-once webhook delivery in the background: the first attempt starts immediately,
 * failures are retried on the schedule, and nothing ever blocks the API response that
 * caused the event.
 */
export class WebhookDeliveryQueue {
  readonly attempts: DeliveryAttempt[] = [];
  private outstanding = 0;
  private nextDelivery = 1;
  /** Bumped by cancelAll so attempts still in flight know their results no longer count. */
  private generation = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });
  private idleWaiters: (() => void)[] = [];
  /** An event held back by the out-of-order fault, sent right after the next event. */
  private held: (() => void) | null = null;

  constructor(private readonly options: WebhookQueueOptions) {}

  enqueue(webhook: OutgoingWebhook): void {
    const plan = this.options.planFaults?.() ?? null;
    if (plan?.drop) {
      appendBounded(this.attempts, {
        delivery: this.nextDelivery++,
        attempt: 1,
        url: webhook.url,
        status: null,
        error: "dropped (fault injection)",
        time: new Date().toISOString(),
        retryInMs: null,
      });
      return;
    }
    const copies = plan?.duplicate ? 2 : 1;
    const sends: (() => Promise<void>)[] = [];
    for (let copy = 0; copy < copies; copy++) {
      this.outstanding++;
      const delivery = this.nextDelivery++;
      const generation = this.generation;
      sends.push(() => this.attempt(delivery, webhook, 1, generation));
    }
    const previouslyHeld = this.held;
    this.held = null;
    if (plan?.holdBack && previouslyHeld === null) {
      const generation = this.generation;
      let released = false;
      const release = () => {
        if (released || generation !== this.generation) return;
        released = true;
        clearTimeout(timer);
        this.timers.delete(timer);
        if (this.held === release) this.held = null;
        for (const send of sends) void send();
      };
      const timer = setTimeout(release, plan.holdMaxMs);
      this.timers.add(timer);
      this.held = release;
    } else {
      // The overtaking event's first attempt completes before the held one goes out, so the
      // receiver sees them in swapped order.
      void Promise.all(sends.map((send) => send())).finally(() => previouslyHeld?.());
    }
  }

  /** Resolves once every enqueued delivery has succeeded or given up. */
  whenIdle(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops scheduled retries and aborts deliveries in flight; the attempt log is cleared too. */
  cancelAll(): void {
    this.generation++;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.held = null;
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
    this.attempts.length = 0;
    this.outstanding = 0;
    this.resolveIdleWaiters();
  }

  private async attempt(
    delivery: number,
    webhook: OutgoingWebhook,
    attempt: number,
    generation: number,
  ): Promise<void> {
    const time = new Date().toISOString();
    const outcome = await this.post(webhook);
    if (generation !== this.generation) return;

    const delay = this.options.retrySchedule[attempt - 1];
    const retryInMs =
      !isSuccess(outcome) && this.options.shouldRetry(outcome, webhook) && delay !== undefined
        ? delay
        : null;
    appendBounded(this.attempts, {
      delivery,
      attempt,
      url: webhook.url,
      status: "status" in outcome ? outcome.status : null,
      error: "error" in outcome ? outcome.error : null,
      time,
      retryInMs,
    });

    if (retryInMs === null) {
      this.outstanding--;
      if (this.outstanding === 0) this.resolveIdleWaiters();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery, webhook, attempt + 1, generation);
    }, retryInMs);
    this.timers.add(timer);
  }

  /**
   * One POST over a kept-alive connection (node:http rather than fetch: a vendor sends many
   * small deliveries to one receiver, and fetch's stream machinery costs more than the request).
   */
  private async post(webhook: OutgoingWebhook): Promise<DeliveryOutcome> {
    const outcome = await this.postOnce(webhook);
    // A kept-alive socket the receiver closed just as it was reused: Node's documented remedy
    // is to send again on a fresh socket (the receiver never saw the request).
    if (!("retryOnFreshSocket" in outcome)) return outcome;
    const again = await this.postOnce(webhook);
    return "retryOnFreshSocket" in again ? { error: "ECONNRESET" } : again;
  }

  private postOnce(
    webhook: OutgoingWebhook,
  ): Promise<DeliveryOutcome | { retryOnFreshSocket: true }> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const url = new URL(webhook.url);
    const secure = url.protocol === "https:";
    return new Promise((resolve) => {
      const settle = (outcome: DeliveryOutcome | { retryOnFreshSocket: true }) => {
        this.inFlight.delete(controller);
        resolve(outcome);
      };
      const request = (secure ? https : http).request(
        url,
        {
          method: "POST",
          headers: {
            ...(webhook.headersForAttempt?.() ?? webhook.headers),
            "content-length": String(Buffer.byteLength(webhook.body)),
          },
          agent: secure ? this.httpsAgent : this.httpAgent,
          signal: controller.signal,
          timeout: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        },
        (response) => {
          response.resume();
          response.once("end", () => settle({ status: response.statusCode ?? 0 }));
          response.once("error", (error) => settle({ error: describeError(error) }));
        },
      );
      request.once("timeout", () => request.destroy(new DeliveryTimeout()));
      request.once("error", (error) =>
        settle(
          request.reusedSocket && (error as NodeJS.ErrnoException).code === "ECONNRESET"
            ? { retryOnFreshSocket: true }
            : { error: describeError(error) },
        ),
      );
      request.end(webhook.body);
    });
  }

  private resolveIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

class DeliveryTimeout extends Error {
  override name = "TimeoutError";
}

function describeError(error: unknown): string {
  if (error instanceof DeliveryTimeout) return "timeout";
  if (error instanceof Error) {
    if ("code" in error && typeof error.code === "string" && error.code !== "ABORT_ERR")
      return error.code;
    return error.message;
  }
  return String(error);
}
