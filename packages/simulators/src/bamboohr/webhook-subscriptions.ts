import { randomBytes } from "node:crypto";
import type { WebhookTarget } from "../shared/webhook-queue";
import { BAMBOOHR_FIELD_NAMES } from "./fields";
import type { BambooHrChange } from "./store";

export const BAMBOOHR_WEBHOOK_EVENTS = [
  "employee.created",
  "employee.updated",
  "employee.deleted",
] as const;
export type BambooHrWebhookEvent = (typeof BAMBOOHR_WEBHOOK_EVENTS)[number];

export interface BambooHrWebhook {
  id: string;
  name: string;
  url: string;
  format: "json";
  events: BambooHrWebhookEvent[];
  monitorFields: string[];
  postFields: Record<string, string>;
  created: string;
  lastSent: string | null;
}

export type BambooHrWebhookInput = Pick<
  BambooHrWebhook,
  "name" | "url" | "events" | "monitorFields" | "postFields"
>;

export type WebhookInputResult =
  { ok: true; value: BambooHrWebhookInput } | { ok: false; message: string };

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/**
 * Validates `POST /v1/webhooks` as BambooHR documents it: a name, an HTTPS url, JSON format,
 * event-based `events`, and at least one monitored field for `employee.updated`. The
 * simulator also accepts plain http to loopback so local receivers can subscribe; the
 * form-encoded format is not simulated.
 */
export function parseBambooHrWebhookInput(input: unknown): WebhookInputResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, message: "The request body must be a JSON object." };
  }
  const body = input as Record<string, unknown>;
  if (typeof body.name !== "string" || body.name.trim() === "") {
    return { ok: false, message: 'Missing required field "name".' };
  }
  let url: URL;
  try {
    url = new URL(typeof body.url === "string" ? body.url : "");
  } catch {
    return { ok: false, message: 'Field "url" must be an absolute URL.' };
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
    return { ok: false, message: 'Field "url" must use HTTPS.' };
  }
  if (body.format !== undefined && body.format !== "json") {
    return { ok: false, message: 'Field "format" must be "json" (form-encoded is not simulated).' };
  }
  const events = body.events ?? [];
  if (
    !isStringArray(events) ||
    events.length === 0 ||
    !events.every((event) => (BAMBOOHR_WEBHOOK_EVENTS as readonly string[]).includes(event))
  ) {
    return {
      ok: false,
      message: `Field "events" must list some of ${BAMBOOHR_WEBHOOK_EVENTS.join(", ")}.`,
    };
  }
  const monitorFields = body.monitorFields ?? [];
  if (!isStringArray(monitorFields)) {
    return { ok: false, message: 'Field "monitorFields" must be a list of field names.' };
  }
  const unknown = monitorFields.find(
    (name) => !(BAMBOOHR_FIELD_NAMES as readonly string[]).includes(name),
  );
  if (unknown !== undefined) return { ok: false, message: `Unknown monitor field "${unknown}".` };
  if (events.includes("employee.updated") && monitorFields.length === 0) {
    return { ok: false, message: "employee.updated needs at least one monitor field." };
  }
  const postFields = body.postFields ?? {};
  if (typeof postFields !== "object" || postFields === null || Array.isArray(postFields)) {
    return { ok: false, message: 'Field "postFields" must be an object.' };
  }
  return {
    ok: true,
    value: {
      name: body.name,
      url: url.toString(),
      events: events as BambooHrWebhookEvent[],
      monitorFields,
      postFields: postFields as Record<string, string>,
    },
  };
}

/**
 * Webhooks created through the API (BambooHR's "permissioned" webhooks). Each gets a private
 * key, returned once at creation, that signs every delivery to its URL. An update fires only
 * when a monitored field changed. Webhooks survive a simulator reset.
 */
export class BambooHrWebhooks {
  private readonly webhooks = new Map<string, BambooHrWebhook & { privateKey: string }>();
  private nextId = 1;

  create(input: BambooHrWebhookInput): BambooHrWebhook & { privateKey: string } {
    const webhook = {
      ...input,
      id: String(this.nextId++),
      format: "json" as const,
      created: new Date().toISOString(),
      lastSent: null,
      privateKey: randomBytes(32).toString("hex"),
    };
    this.webhooks.set(webhook.id, webhook);
    return webhook;
  }

  get(id: string): BambooHrWebhook | undefined {
    const webhook = this.webhooks.get(id);
    return webhook && withoutKey(webhook);
  }

  list(): BambooHrWebhook[] {
    return [...this.webhooks.values()].map(withoutKey);
  }

  remove(id: string): boolean {
    return this.webhooks.delete(id);
  }

  targetsFor(change: BambooHrChange): WebhookTarget[] {
    const targets: WebhookTarget[] = [];
    for (const webhook of this.webhooks.values()) {
      if (!webhook.events.includes(change.type)) continue;
      const monitored =
        change.type !== "employee.updated" ||
        change.changedFields.some((field) => webhook.monitorFields.includes(field));
      if (!monitored) continue;
      webhook.lastSent = new Date().toISOString();
      targets.push({ url: webhook.url, secret: webhook.privateKey });
    }
    return targets;
  }
}

function withoutKey(webhook: BambooHrWebhook & { privateKey: string }): BambooHrWebhook {
  const { privateKey: _privateKey, ...rest } = webhook;
  return { ...rest, events: [...rest.events], monitorFields: [...rest.monitorFields] };
}
