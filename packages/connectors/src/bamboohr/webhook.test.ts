import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyBambooHrWebhook } from "./webhook";

const KEY = "bamboo-private-key";
const NOW = new Date("2026-01-31T18:42:30Z");
const TIMESTAMP = String(Math.floor(Date.parse("2026-01-31T18:42:00Z") / 1000));
const BODY =
  '{"type":"employee.updated","timestamp":"2026-01-31T18:42:00+0000","data":{"companyId":1,"employeeId":"42","changedFields":["jobTitle"]}}';

function sign(body: string, timestamp: string, key = KEY): string {
  return createHmac("sha256", key)
    .update(body + timestamp)
    .digest("hex");
}

function headers(body: string, timestamp = TIMESTAMP, key = KEY): Headers {
  return new Headers({
    "X-BambooHR-Signature": sign(body, timestamp, key),
    "X-BambooHR-Timestamp": timestamp,
  });
}

describe("verifyBambooHrWebhook", () => {
  it("accepts a valid delivery and parses the event", () => {
    const result = verifyBambooHrWebhook(headers(BODY), BODY, KEY, NOW);
    expect(result).toEqual({
      ok: true,
      events: [
        {
          deliveryId: expect.stringMatching(/^bamboohr:[0-9a-f]{64}$/) as string,
          derivedDeliveryId: true,
          entity: "employee",
          action: "updated",
          externalId: "42",
          changedAt: "2026-01-31T18:42:00.000Z",
        },
      ],
    });
  });

  it("derives the same delivery id for a redelivery and a different one for another event", () => {
    const first = verifyBambooHrWebhook(headers(BODY), BODY, KEY, NOW);
    const again = verifyBambooHrWebhook(headers(BODY), BODY, KEY, NOW);
    const laterTimestamp = String(Number(TIMESTAMP) + 1);
    const other = verifyBambooHrWebhook(headers(BODY, laterTimestamp), BODY, KEY, NOW);
    if (!first.ok || !again.ok || !other.ok) throw new Error("expected valid deliveries");
    expect(again.events[0]?.deliveryId).toBe(first.events[0]?.deliveryId);
    expect(other.events[0]?.deliveryId).not.toBe(first.events[0]?.deliveryId);
  });

  it("rejects a tampered body", () => {
    const tampered = BODY.replace('"42"', '"43"');
    expect(verifyBambooHrWebhook(headers(BODY), tampered, KEY, NOW)).toEqual({
      ok: false,
      reason: "signature does not match",
    });
  });

  it("rejects a body re-serialized after parsing", () => {
    const reserialized = JSON.stringify(JSON.parse(BODY), null, 1);
    expect(verifyBambooHrWebhook(headers(BODY), reserialized, KEY, NOW).ok).toBe(false);
  });

  it("rejects a signature made with another key", () => {
    expect(verifyBambooHrWebhook(headers(BODY, TIMESTAMP, "other-key"), BODY, KEY, NOW).ok).toBe(
      false,
    );
  });

  it("rejects a signature over the body alone (timestamp not included)", () => {
    const bodyOnly = new Headers({
      "X-BambooHR-Signature": sign(BODY, ""),
      "X-BambooHR-Timestamp": TIMESTAMP,
    });
    expect(verifyBambooHrWebhook(bodyOnly, BODY, KEY, NOW).ok).toBe(false);
  });

  it("rejects stale and future timestamps outside 5 minutes, accepts inside", () => {
    const at = (offsetSeconds: number) => String(Math.floor(NOW.getTime() / 1000) + offsetSeconds);
    const verifyAt = (timestamp: string) =>
      verifyBambooHrWebhook(headers(BODY, timestamp), BODY, KEY, NOW);
    expect(verifyAt(at(-301))).toEqual({
      ok: false,
      reason: "timestamp outside the 5 minute tolerance",
    });
    expect(verifyAt(at(301))).toEqual({
      ok: false,
      reason: "timestamp outside the 5 minute tolerance",
    });
    expect(verifyAt(at(-299)).ok).toBe(true);
    expect(verifyAt(at(299)).ok).toBe(true);
  });

  it("rejects missing headers, malformed signatures and unreadable timestamps", () => {
    expect(verifyBambooHrWebhook(new Headers(), BODY, KEY, NOW).ok).toBe(false);
    const badSignature = new Headers({
      "X-BambooHR-Signature": "zz",
      "X-BambooHR-Timestamp": TIMESTAMP,
    });
    expect(verifyBambooHrWebhook(badSignature, BODY, KEY, NOW).ok).toBe(false);
    expect(verifyBambooHrWebhook(headers(BODY, "yesterday"), BODY, KEY, NOW).ok).toBe(false);
  });

  it("accepts signed non-employee events without producing changes", () => {
    const body =
      '{"type":"company.updated","timestamp":"2026-01-31T18:42:00+0000","data":{"employeeId":"0"}}';
    expect(verifyBambooHrWebhook(headers(body), body, KEY, NOW)).toEqual({ ok: true, events: [] });
  });
});
