import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseGustoVerificationHandshake, verifyGustoWebhook } from "./webhook";

const TOKEN = "gusto-verification-token";
const BODY =
  '{"uuid":"0b9e2a4c-1111-4c2e-9a3b-2f6d1c0e9a77","event_type":"employee.terminated","resource_type":"Company","resource_uuid":"c-1","entity_type":"Employee","entity_uuid":"e-1","timestamp":1769884920}';

function headers(body: string, token = TOKEN): Headers {
  return new Headers({
    "X-Gusto-Signature": createHmac("sha256", token).update(body).digest("hex"),
  });
}

describe("verifyGustoWebhook", () => {
  it("accepts a valid delivery and maps the event", () => {
    expect(verifyGustoWebhook(headers(BODY), BODY, TOKEN)).toEqual({
      ok: true,
      events: [
        {
          deliveryId: "gusto:0b9e2a4c-1111-4c2e-9a3b-2f6d1c0e9a77",
          derivedDeliveryId: false,
          entity: "employee",
          action: "updated",
          externalId: "e-1",
          changedAt: "2026-01-31T18:42:00.000Z",
        },
      ],
    });
  });

  it("maps created and deleted events", () => {
    for (const [eventType, action] of [
      ["employee.created", "created"],
      ["employee.deleted", "deleted"],
      ["employee.rehired", "updated"],
    ] as const) {
      const body = BODY.replace("employee.terminated", eventType);
      const result = verifyGustoWebhook(headers(body), body, TOKEN);
      expect(result.ok && result.events[0]?.action).toBe(action);
    }
  });

  it("rejects a tampered body, a re-serialized body and another token", () => {
    expect(verifyGustoWebhook(headers(BODY), BODY.replace("e-1", "e-2"), TOKEN).ok).toBe(false);
    expect(
      verifyGustoWebhook(headers(BODY), JSON.stringify(JSON.parse(BODY), null, 2), TOKEN).ok,
    ).toBe(false);
    expect(verifyGustoWebhook(headers(BODY, "other-token"), BODY, TOKEN).ok).toBe(false);
    expect(verifyGustoWebhook(new Headers(), BODY, TOKEN)).toEqual({
      ok: false,
      reason: "missing X-Gusto-Signature header",
    });
  });

  it("maps compensation and employee benefit events to their entities", () => {
    for (const [eventType, entityType, entity, action] of [
      ["employee_job_compensation.created", "EmployeeJobCompensation", "compensation", "created"],
      ["employee_job_compensation.updated", "EmployeeJobCompensation", "compensation", "updated"],
      ["employee_benefit.updated", "EmployeeBenefit", "employee_benefit", "updated"],
      ["employee_benefit.deleted", "EmployeeBenefit", "employee_benefit", "deleted"],
    ] as const) {
      const body = BODY.replace("employee.terminated", eventType).replace(
        '"entity_type":"Employee"',
        `"entity_type":"${entityType}"`,
      );
      const result = verifyGustoWebhook(headers(body), body, TOKEN);
      expect(result.ok && result.events[0]).toMatchObject({ entity, action, externalId: "e-1" });
    }
  });

  it("ignores signed events about other entities", () => {
    const body = BODY.replace('"entity_type":"Employee"', '"entity_type":"Payroll"');
    expect(verifyGustoWebhook(headers(body), body, TOKEN)).toEqual({ ok: true, events: [] });
  });
});

describe("parseGustoVerificationHandshake", () => {
  it("recognises the verification token POST", () => {
    expect(parseGustoVerificationHandshake('{"verification_token":"abc123"}')).toEqual({
      verificationToken: "abc123",
    });
  });

  it("does not mistake events or junk for a handshake", () => {
    expect(parseGustoVerificationHandshake(BODY)).toBeNull();
    expect(parseGustoVerificationHandshake("not json")).toBeNull();
    expect(parseGustoVerificationHandshake('{"verification_token":""}')).toBeNull();
  });
});
