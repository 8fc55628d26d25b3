import type { ServerResponse } from "node:http";
import { z } from "zod";
import { mulberry32 } from "../generator";
import { sendJson } from "./http";

/**
 * Fault knobs every vendor simulator shares, set through `SimulatorOptions.faults` or
 * `PUT /_admin/faults`. Everything is off by default. Random decisions (error rate, jitter,
 * webhook faults) come from a PRNG seeded with `seed`, restarted whenever the knobs change,
 * so the same settings and the same traffic give the same faults.
 */
export const FaultSettings = z
  .object({
    seed: z.number().int().default(1),
    /** Added before every vendor API answer: `fixedMs` plus a uniform 0…`jitterMs`. */
    latency: z
      .object({
        fixedMs: z.number().int().min(0).default(0),
        jitterMs: z.number().int().min(0).default(0),
      })
      .prefault({}),
    /** Fraction of vendor API requests answered 500 or 503 (half each) without being served. */
    errorRate: z.number().min(0).max(1).default(0),
    /**
     * Fraction of vendor writes (POST, PUT, PATCH, DELETE) served in full whose answer never
     * arrives: the connection closes before it is sent, as a timeout or a dropped connection
     * looks to a client after the vendor has acted.
     */
    lostAnswerRate: z.number().min(0).max(1).default(0),
    /**
     * Fraction of vendor reads (GET) served in full whose successful answer arrives cut short:
     * the body ends halfway, as a dropped connection through a proxy looks (malformed JSON).
     */
    malformedRate: z.number().min(0).max(1).default(0),
    /** While `from <= now < until`, every vendor request gets 503 with Retry-After. */
    downtime: z.array(z.object({ from: z.iso.datetime(), until: z.iso.datetime() })).default([]),
    /**
     * The vendor's own rate limit over a rolling window; `limit` and `windowMs` default to the
     * vendor's published figures (see each simulator's rate-limit policy).
     */
    rateLimit: z
      .object({
        enabled: z.boolean().default(false),
        limit: z.number().int().min(1).optional(),
        windowMs: z.number().int().min(1).optional(),
      })
      .prefault({}),
    webhooks: z
      .object({
        /** Fraction of events delivered twice (same bytes, so the same event id). */
        duplicateRate: z.number().min(0).max(1).default(0),
        /** Fraction of events held back until the next event has been sent. */
        outOfOrderRate: z.number().min(0).max(1).default(0),
        /** Fraction of events never sent at all (logged as dropped). */
        dropRate: z.number().min(0).max(1).default(0),
        /** A held-back event goes out after this long if no later event overtakes it. */
        holdMaxMs: z.number().int().min(0).default(1000),
      })
      .prefault({}),
  })
  .strict();
export type FaultSettings = z.infer<typeof FaultSettings>;
/** What callers pass: any subset, merged over the current settings (nested objects too). */
export type FaultSettingsInput = z.input<typeof FaultSettings>;

export const NO_FAULTS: FaultSettings = FaultSettings.parse({});

/** Validates a partial update and merges it over `current`, one level deep. */
export function mergeFaultSettings(
  current: FaultSettings,
  input: unknown,
): { ok: true; settings: FaultSettings } | { ok: false; message: string } {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, message: "expected a JSON object of fault settings" };
  }
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const before = merged[key];
    merged[key] = isPlainObject(before) && isPlainObject(value) ? { ...before, ...value } : value;
  }
  const parsed = FaultSettings.safeParse(merged);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    message: `invalid fault settings: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch ms at which the oldest counted request leaves the window. */
  resetAt: number;
  /** Whole seconds to wait before a request would be admitted, at least 1 when throttled. */
  retryAfterSeconds: number;
}

/** How one vendor throttles and how it answers a request it will not serve. */
export interface VendorFaultPolicy {
  rateLimit: {
    defaultLimit: number;
    defaultWindowMs: number;
    /** Headers the vendor puts on every answer while a limit applies (may be none). */
    headers(state: RateLimitState): Record<string, string>;
    /** The vendor's throttled answer (status, headers, body). */
    reject(response: ServerResponse, state: RateLimitState): void;
  };
  /** The vendor's answer to a request it failed on (500 or 503), with extra headers. */
  sendError(
    response: ServerResponse,
    status: 500 | 503,
    message: string,
    headers: Record<string, string>,
  ): void;
}

/**
 * For a simulator that has not described its vendor's throttling yet: the common HTTP shape,
 * 429 with Retry-After and a JSON `{error}` body, 60 requests per rolling minute.
 */
export const GENERIC_FAULT_POLICY: VendorFaultPolicy = {
  rateLimit: {
    defaultLimit: 60,
    defaultWindowMs: 60_000,
    headers: () => ({}),
    reject(response, state) {
      sendJson(
        response,
        429,
        { error: "Too many requests." },
        { "Retry-After": String(state.retryAfterSeconds) },
      );
    },
  },
  sendError(response, status, message, headers) {
    sendJson(response, status, { error: message }, headers);
  },
};

/** What the fault layer decided for one vendor API request. */
export type RequestFault =
  | { kind: "serve"; headers: Record<string, string>; loseAnswer: boolean; malformed: boolean }
  | { kind: "answered" };

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface WebhookFaultPlan {
  drop: boolean;
  duplicate: boolean;
  holdBack: boolean;
}

/**
 * Applies the knobs: a vendor request first waits out the latency, then meets downtime, the
 * rate limit and the error rate in that order (a request refused by downtime does not count
 * against the rate limit, as it never reached the vendor's application).
 */
export class FaultInjector {
  private settings: FaultSettings;
  private apiRandom: () => number;
  private webhookRandom: () => number;
  /** Arrival times (epoch ms) of the requests inside the current rate-limit window. */
  private readonly recent: number[] = [];

  constructor(
    private readonly policy: VendorFaultPolicy,
    initial: FaultSettingsInput = {},
    private readonly now: () => number = Date.now,
  ) {
    this.settings = FaultSettings.parse(initial);
    this.apiRandom = mulberry32(this.settings.seed);
    this.webhookRandom = mulberry32(this.settings.seed ^ 0x5bd1e995);
  }

  current(): FaultSettings {
    return structuredClone(this.settings);
  }

  /** Replaces the settings; restarts the PRNGs and the rate-limit window. */
  replace(settings: FaultSettings): void {
    this.settings = structuredClone(settings);
    this.apiRandom = mulberry32(settings.seed);
    this.webhookRandom = mulberry32(settings.seed ^ 0x5bd1e995);
    this.recent.length = 0;
  }

  get delivery(): { holdMaxMs: number } {
    return { holdMaxMs: this.settings.webhooks.holdMaxMs };
  }

  /** Decides a vendor request's fate; answers it itself unless the result is "serve". */
  async beforeVendorRequest(response: ServerResponse, method = "GET"): Promise<RequestFault> {
    const { latency, errorRate, downtime, rateLimit, lostAnswerRate, malformedRate } =
      this.settings;
    const delay =
      latency.fixedMs +
      (latency.jitterMs > 0 ? Math.floor(this.apiRandom() * latency.jitterMs) : 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

    const now = this.now();
    const window = downtime.find(
      (entry) => Date.parse(entry.from) <= now && now < Date.parse(entry.until),
    );
    if (window) {
      const retryAfter = Math.max(1, Math.ceil((Date.parse(window.until) - now) / 1000));
      this.policy.sendError(response, 503, "The service is temporarily unavailable.", {
        "Retry-After": String(retryAfter),
      });
      return { kind: "answered" };
    }

    let headers: Record<string, string> = {};
    if (rateLimit.enabled) {
      const limit = rateLimit.limit ?? this.policy.rateLimit.defaultLimit;
      const windowMs = rateLimit.windowMs ?? this.policy.rateLimit.defaultWindowMs;
      while (this.recent.length > 0 && (this.recent[0] ?? 0) <= now - windowMs) this.recent.shift();
      if (this.recent.length >= limit) {
        const resetAt = (this.recent[this.recent.length - limit] ?? now) + windowMs;
        this.policy.rateLimit.reject(response, {
          limit,
          remaining: 0,
          resetAt,
          retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
        });
        return { kind: "answered" };
      }
      this.recent.push(now);
      headers = this.policy.rateLimit.headers({
        limit,
        remaining: limit - this.recent.length,
        resetAt: (this.recent[0] ?? now) + windowMs,
        retryAfterSeconds: 0,
      });
    }

    if (errorRate > 0 && this.apiRandom() < errorRate) {
      const status = this.apiRandom() < 0.5 ? 500 : 503;
      this.policy.sendError(
        response,
        status,
        status === 500 ? "Internal server error." : "The service is temporarily unavailable.",
        headers,
      );
      return { kind: "answered" };
    }
    const loseAnswer =
      lostAnswerRate > 0 && WRITE_METHODS.has(method) && this.apiRandom() < lostAnswerRate;
    const malformed = malformedRate > 0 && method === "GET" && this.apiRandom() < malformedRate;
    return { kind: "serve", headers, loseAnswer, malformed };
  }

  /** Decides what happens to one outgoing webhook event. */
  planWebhook(): WebhookFaultPlan {
    const { dropRate, duplicateRate, outOfOrderRate } = this.settings.webhooks;
    // One draw per knob, always, so changing one rate does not shift the others' decisions.
    const drop = this.webhookRandom() < dropRate;
    const duplicate = this.webhookRandom() < duplicateRate;
    const holdBack = this.webhookRandom() < outOfOrderRate;
    return { drop, duplicate: !drop && duplicate, holdBack: !drop && holdBack };
  }
}
