import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseRestDescription } from "./rest-description";
import { verifyStandardWebhook } from "./webhook";

const KEY = Buffer.from("a-signing-key-of-at-least-24-bytes");
const SECRET = `whsec_${KEY.toString("base64")}`;
const OTHER_SECRET = `whsec_${Buffer.from("another-key-of-at-least-24-bytes").toString("base64")}`;
const ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
const TIMESTAMP = 1769884920;
const NOW = new Date(TIMESTAMP * 1000);
const BODY =
  '{"type":"employee.updated","timestamp":"2026-01-31T18:41:58.000Z","data":{"id":"emp_1"}}';

function sign(body: string, secret = SECRET, id = ID, timestamp = TIMESTAMP): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

function headers(signature = sign(BODY), timestamp = TIMESTAMP, id = ID): Headers {
  return new Headers({
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signature,
  });
}

describe("verifyStandardWebhook", () => {
  it("accepts a valid delivery and takes webhook-id as the delivery id", () => {
    expect(verifyStandardWebhook(headers(), BODY, SECRET, NOW)).toEqual({
      ok: true,
      events: [
        {
          deliveryId: ID,
          derivedDeliveryId: false,
          entity: "employee",
          action: "updated",
          externalId: "emp_1",
          changedAt: "2026-01-31T18:41:58.000Z",
        },
      ],
    });
  });

  it("refuses a tampered body and a body re-serialized after parsing", () => {
    expect(verifyStandardWebhook(headers(), BODY.replace("emp_1", "emp_2"), SECRET, NOW)).toEqual({
      ok: false,
      reason: "no v1 signature matches",
    });
    const reserialized = JSON.stringify(JSON.parse(BODY), null, 1);
    expect(verifyStandardWebhook(headers(), reserialized, SECRET, NOW).ok).toBe(false);
  });

  it("refuses a signature made with another secret, or over another id or timestamp", () => {
    expect(verifyStandardWebhook(headers(sign(BODY, OTHER_SECRET)), BODY, SECRET, NOW).ok).toBe(
      false,
    );
    expect(verifyStandardWebhook(headers(), BODY, OTHER_SECRET, NOW).ok).toBe(false);
    expect(
      verifyStandardWebhook(headers(sign(BODY), TIMESTAMP, "msg_other"), BODY, SECRET, NOW).ok,
    ).toBe(false);
    expect(verifyStandardWebhook(headers(sign(BODY), TIMESTAMP + 1), BODY, SECRET, NOW).ok).toBe(
      false,
    );
  });

  it("refuses stale and future timestamps beyond 5 minutes, and accepts within", () => {
    const at = (offsetSeconds: number) =>
      verifyStandardWebhook(
        headers(sign(BODY, SECRET, ID, TIMESTAMP + offsetSeconds), TIMESTAMP + offsetSeconds),
        BODY,
        SECRET,
        NOW,
      );
    expect(at(-301)).toEqual({
      ok: false,
      reason: "webhook-timestamp outside the 5 minute tolerance",
    });
    expect(at(301).ok).toBe(false);
    expect(at(-300).ok).toBe(true);
    expect(at(300).ok).toBe(true);
  });

  it("accepts any matching v1 signature in the list (key rotation)", () => {
    const rotated = `${sign(BODY, OTHER_SECRET)} ${sign(BODY)}`;
    expect(verifyStandardWebhook(headers(rotated), BODY, SECRET, NOW).ok).toBe(true);
    expect(verifyStandardWebhook(headers(rotated), BODY, OTHER_SECRET, NOW).ok).toBe(true);
    const bothStale = `${sign(BODY, OTHER_SECRET)} v1,${"A".repeat(43)}=`;
    expect(verifyStandardWebhook(headers(bothStale), BODY, SECRET, NOW).ok).toBe(false);
  });

  it("ignores v1a (ed25519) entries, even one carrying the HMAC", () => {
    const hmac = sign(BODY).slice("v1,".length);
    expect(verifyStandardWebhook(headers(`v1a,${hmac}`), BODY, SECRET, NOW).ok).toBe(false);
    expect(
      verifyStandardWebhook(headers(`v1a,${"B".repeat(86)}== ${sign(BODY)}`), BODY, SECRET, NOW).ok,
    ).toBe(true);
  });

  it("accepts a secret without the whsec_ prefix and refuses a secret that is not base64", () => {
    expect(verifyStandardWebhook(headers(), BODY, KEY.toString("base64"), NOW).ok).toBe(true);
    expect(verifyStandardWebhook(headers(), BODY, "whsec_not base64!", NOW)).toEqual({
      ok: false,
      reason: "the webhook secret is not whsec_ + base64",
    });
  });

  it("refuses missing or malformed headers", () => {
    expect(verifyStandardWebhook(new Headers(), BODY, SECRET, NOW)).toEqual({
      ok: false,
      reason: "missing webhook-id, webhook-timestamp or webhook-signature header",
    });
    const isoTimestamp = headers();
    isoTimestamp.set("webhook-timestamp", NOW.toISOString());
    expect(verifyStandardWebhook(isoTimestamp, BODY, SECRET, NOW).ok).toBe(false);
  });

  it("reads the event through a described payload shape", () => {
    const { webhook } = parseRestDescription({
      format: "tandem.rest/v1",
      auth: { type: "bearer" },
      endpoints: {
        list: { path: "/people", paging: { style: "page" } },
        get: { path: "/people/{id}" },
        create: { path: "/people", id: { from: "location" } },
        update: { method: "PUT", path: "/people/{id}" },
      },
      fields: { firstName: "first", lastName: "last" },
      webhook: {
        typePath: "event",
        idPath: "person.key",
        changedAtPath: "at",
        eventTypes: { updated: ["person.changed", "person.moved"], deleted: ["person.gone"] },
      },
    });
    const body = '{"event":"person.moved","at":1769884900,"person":{"key":42}}';
    expect(verifyStandardWebhook(headers(sign(body)), body, SECRET, NOW, webhook)).toEqual({
      ok: true,
      events: [
        expect.objectContaining({
          action: "updated",
          externalId: "42",
          changedAt: "2026-01-31T18:41:40.000Z",
        }),
      ],
    });
    const other = '{"event":"payroll.ran","at":1769884900}';
    expect(verifyStandardWebhook(headers(sign(other)), other, SECRET, NOW, webhook)).toEqual({
      ok: true,
      events: [],
    });
  });

  it("falls back to webhook-timestamp when the payload has no change time", () => {
    const body = '{"type":"employee.created","data":{"id":"emp_9"}}';
    const result = verifyStandardWebhook(headers(sign(body)), body, SECRET, NOW);
    expect(result.ok && result.events[0]).toMatchObject({
      action: "created",
      changedAt: NOW.toISOString(),
    });
  });
});
