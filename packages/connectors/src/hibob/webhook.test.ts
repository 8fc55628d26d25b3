import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyHiBobWebhook } from "./webhook";

const SECRET = "bob-webhook-secret";
const BODY =
  '{"companyId":645123,"type":"employee.updated","triggeredBy":"3332883884017713199","triggeredAt":"2026-01-31T18:42:00.123Z","version":"v2","data":{"employeeId":"3332883884017713238","fieldIds":["work.title"]}}';

function sign(body: string, secret = SECRET, encoding: "base64" | "hex" = "base64"): string {
  return createHmac("sha512", secret).update(body).digest(encoding);
}

function headers(body: string, secret = SECRET, encoding: "base64" | "hex" = "base64"): Headers {
  return new Headers({ "Bob-Signature": sign(body, secret, encoding) });
}

describe("verifyHiBobWebhook", () => {
  it("accepts a valid base64 signature and parses the v2 event", () => {
    expect(verifyHiBobWebhook(headers(BODY), BODY, SECRET)).toEqual({
      ok: true,
      events: [
        {
          deliveryId: expect.stringMatching(/^hibob:[0-9a-f]{64}$/) as string,
          // Identical signed bytes are one delivery: a replay is a duplicate, not a new change.
          derivedDeliveryId: false,
          entity: "employee",
          action: "updated",
          externalId: "3332883884017713238",
          changedAt: "2026-01-31T18:42:00.123Z",
        },
      ],
    });
  });

  it("accepts the same HMAC hex-encoded, since Bob's encoding is unconfirmed", () => {
    expect(verifyHiBobWebhook(headers(BODY, SECRET, "hex"), BODY, SECRET).ok).toBe(true);
  });

  it("derives the same delivery id for a redelivery and another for a later change", () => {
    const first = verifyHiBobWebhook(headers(BODY), BODY, SECRET);
    const again = verifyHiBobWebhook(headers(BODY), BODY, SECRET);
    const later = BODY.replace("00.123Z", "01.456Z");
    const other = verifyHiBobWebhook(headers(later), later, SECRET);
    if (!first.ok || !again.ok || !other.ok) throw new Error("expected valid deliveries");
    expect(again.events[0]?.deliveryId).toBe(first.events[0]?.deliveryId);
    expect(other.events[0]?.deliveryId).not.toBe(first.events[0]?.deliveryId);
  });

  it("rejects a tampered body, a re-serialized body and another secret", () => {
    const tampered = BODY.replace("713238", "713239");
    expect(verifyHiBobWebhook(headers(BODY), tampered, SECRET)).toEqual({
      ok: false,
      reason: "signature does not match",
    });
    const reserialized = JSON.stringify(JSON.parse(BODY), null, 2);
    expect(verifyHiBobWebhook(headers(BODY), reserialized, SECRET).ok).toBe(false);
    expect(verifyHiBobWebhook(headers(BODY, "other-secret"), BODY, SECRET).ok).toBe(false);
  });

  it("rejects a missing header, a malformed signature and a SHA-256 digest", () => {
    expect(verifyHiBobWebhook(new Headers(), BODY, SECRET)).toEqual({
      ok: false,
      reason: "missing Bob-Signature header",
    });
    const malformed = new Headers({ "Bob-Signature": "not-a-signature" });
    expect(verifyHiBobWebhook(malformed, BODY, SECRET).ok).toBe(false);
    const sha256 = new Headers({
      "Bob-Signature": createHmac("sha256", SECRET).update(BODY).digest("base64"),
    });
    expect(verifyHiBobWebhook(sha256, BODY, SECRET)).toEqual({
      ok: false,
      reason: "Bob-Signature is not a SHA-512 digest",
    });
  });

  it("maps event types onto actions", () => {
    for (const [type, action] of [
      ["employee.created", "created"],
      ["employee.deleted", "deleted"],
      ["employee.joined", "updated"],
      ["employee.left", "updated"],
      ["employee.temporaryLeave", "updated"],
      ["table.entry.updated", "updated"],
    ] as const) {
      const body = BODY.replace("employee.updated", type);
      const result = verifyHiBobWebhook(headers(body), body, SECRET);
      expect(result.ok && result.events[0]?.action).toBe(action);
    }
  });

  it("acknowledges Bob's ping test without events, and refuses a malformed event", () => {
    expect(verifyHiBobWebhook(new Headers(), "Ping test", SECRET)).toEqual({
      ok: true,
      events: [],
    });
    const ping = '{"text":"Ping test"}';
    expect(verifyHiBobWebhook(headers(ping), ping, SECRET)).toEqual({ ok: true, events: [] });
    const noEmployee = BODY.replace('"employeeId":"3332883884017713238",', "");
    // Signed, so authentic: ingress keeps it as a failed delivery instead of refusing it.
    expect(verifyHiBobWebhook(headers(noEmployee), noEmployee, SECRET)).toEqual({
      ok: false,
      authentic: true,
      reason: "employee.updated event without data.employeeId",
    });
    const badTime = BODY.replace("2026-01-31T18:42:00.123Z", "yesterday");
    expect(verifyHiBobWebhook(headers(badTime), badTime, SECRET)).toMatchObject({
      ok: false,
      authentic: true,
    });
    expect(verifyHiBobWebhook(headers(badTime), BODY, SECRET)).not.toHaveProperty("authentic");
  });
});
