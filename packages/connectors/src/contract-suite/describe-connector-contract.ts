import { Employee } from "@tandem/hr-model";
import { startWebhookReceiver } from "@tandem/simulators";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectorDescriptionSchema } from "../connector-description";
import { ConnectorError, isChangeFeedConnector, type ExternalEmployee } from "../contract";
import { fieldValueProblem, readFieldValue } from "../field-value-check";
import { withRetries } from "../with-retries";
import type { ConnectorContractHarness, ContractSetup, ReceivedDelivery } from "./harness";
import { toFetchHeaders } from "./simulator-wiring";

const SEED_COUNT = 23;
const PAGE_SIZE = 5;
const TEN_MINUTES_MS = 10 * 60 * 1000;

/** Every normalized field filled with a valid value; each connector compares its synced ones. */
function sampleEmployee(tag: string): Employee {
  return {
    firstName: "Ada",
    lastName: `Lovelace-${tag}`,
    preferredName: "Countess",
    workEmail: `ada.${tag}@contract.example`,
    jobTitle: "Analyst",
    department: "Engineering",
    status: "active",
    startDate: "2024-03-01",
    terminationDate: null,
    employeeNumber: `E-${tag}`,
    personalEmail: `ada.${tag}@home.example`,
    phone: "+1 555 0100",
    dateOfBirth: "1990-12-10",
    nationalId: "000-00-0000",
    homeLocationId: "home-1",
    workLocationId: "office-1",
    managerId: "manager-1",
  };
}

/** A second version of the sample with every field that can change changed. */
function changedEmployee(tag: string): Employee {
  return {
    ...sampleEmployee(tag),
    firstName: "Augusta",
    lastName: `King-${tag}`,
    preferredName: null,
    workEmail: `augusta.${tag}@contract.example`,
    jobTitle: "Principal Analyst",
    department: "Research",
    startDate: "2024-04-15",
    terminationDate: "2031-06-30",
    employeeNumber: `F-${tag}`,
    personalEmail: null,
    phone: "+1 555 0199",
    dateOfBirth: "1990-12-11",
    nationalId: null,
    homeLocationId: "home-2",
    workLocationId: "office-2",
    managerId: null,
  };
}

function syncedSubset(
  harness: ConnectorContractHarness,
  employee: Partial<Employee>,
): Record<string, unknown> {
  return Object.fromEntries(
    harness.connector.syncedFields.map((field) => [field, employee[field] ?? null]),
  );
}

async function listAll(harness: ConnectorContractHarness) {
  const pages: ExternalEmployee[][] = [];
  let cursor: string | null = null;
  do {
    const page = await harness.connector.listEmployees(cursor);
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 1000);
  return pages;
}

async function caught(operation: () => Promise<unknown>): Promise<ConnectorError> {
  try {
    await operation();
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error("expected the operation to fail with a ConnectorError");
}

function expectNoSecrets(harness: ConnectorContractHarness, error: ConnectorError) {
  for (const secret of harness.secrets) expect(error.message).not.toContain(secret);
}

/**
 * The behaviour every connector must show against its system, whatever the vendor: the same
 * tests, unchanged, for each. `setup` starts the system (a simulator, a database) seeded with
 * `seedCount` employees and returns the wiring described in `harness.ts`.
 */
export function describeConnectorContract(name: string, setup: ContractSetup): void {
  describe(`${name} connector contract`, () => {
    let harness: ConnectorContractHarness;

    beforeEach(async () => {
      harness = await setup({ seedCount: SEED_COUNT, pageSize: PAGE_SIZE });
    });
    afterEach(async () => {
      await harness.teardown();
    });

    /** Edits a seeded record in the vendor and returns the webhook that edit caused. */
    async function deliveryForAnEdit(): Promise<{ delivery: ReceivedDelivery; id: string }> {
      const [first] = (await harness.connector.listEmployees(null)).items;
      if (!first) throw new Error("the seeded system returned no employee");
      await harness.drainWebhooks();
      await harness.editInVendor(first.externalId, { lastName: "Edited-In-Vendor" });
      return { delivery: await harness.nextWebhook(), id: first.externalId };
    }

    describe("paging", () => {
      it("lists every record exactly once across several pages", async () => {
        const pages = await listAll(harness);
        if (harness.singlePage) {
          expect(pages).toHaveLength(1);
        } else {
          expect(pages.length).toBeGreaterThan(1);
          for (const page of pages) expect(page.length).toBeLessThanOrEqual(PAGE_SIZE);
        }
        const ids = pages.flat().map((item) => item.externalId);
        expect(ids).toHaveLength(SEED_COUNT);
        expect(new Set(ids).size).toBe(SEED_COUNT);
      });

      it("normalizes every listed record into a valid hr-model Employee", async () => {
        for (const item of (await listAll(harness)).flat()) {
          const parsed = Employee.safeParse(item.employee);
          expect(parsed.success, `${item.externalId}: ${parsed.error?.message}`).toBe(true);
        }
      });
    });

    describe("description", () => {
      function employeeEntity() {
        const entity = harness.connector
          .describe()
          .entities.find((candidate) => candidate.entity === "employee");
        if (!entity) throw new Error("the description has no employee entity");
        return entity;
      }

      function typeProblems(items: readonly ExternalEmployee[]): string[] {
        const problems: string[] = [];
        for (const item of items) {
          for (const field of employeeEntity().fields) {
            const problem = fieldValueProblem(field, readFieldValue(item.raw, field.id));
            if (problem !== null) problems.push(`${item.externalId} ${field.id}: ${problem}`);
          }
        }
        return problems;
      }

      it("describes its entities in a shape the mapping editor accepts, without I/O", () => {
        const description = harness.connector.describe();
        const parsed = ConnectorDescriptionSchema.safeParse(description);
        expect(parsed.success, parsed.error?.message).toBe(true);
        expect(description.system).toBe(harness.connector.kind);
        expect(employeeEntity().fields.filter((field) => field.required).length).toBeGreaterThan(0);
      });

      it("gives every described field of every listed record its declared type", async () => {
        const items = (await listAll(harness)).flat();
        expect(typeProblems(items)).toEqual([]);
        // Not vacuous: most described fields are found in the records.
        const found = employeeEntity().fields.filter((field) =>
          items.some((item) => readFieldValue(item.raw, field.id) !== undefined),
        );
        expect(found.length).toBeGreaterThanOrEqual(employeeEntity().fields.length / 2);
      });

      it("gives a record created through the connector its declared types", async () => {
        const { externalId } = await harness.connector.createEmployee(
          sampleEmployee("desc"),
          "contract-describe",
        );
        const read = await harness.connector.getEmployee(externalId);
        if (!read) throw new Error(`created ${externalId} but could not read it`);
        expect(typeProblems([read])).toEqual([]);
      });
    });

    describe("create, update and read", () => {
      it("round-trips every synced field through create, read and update", async () => {
        const created = sampleEmployee("rt1");
        const { externalId } = await harness.connector.createEmployee(created, "contract-create");
        const afterCreate = await harness.connector.getEmployee(externalId);
        expect(syncedSubset(harness, afterCreate?.employee ?? {})).toEqual(
          syncedSubset(harness, created),
        );

        const changed = changedEmployee("rt1");
        await harness.connector.updateEmployee(externalId, changed, "contract-update");
        const afterUpdate = await harness.connector.getEmployee(externalId);
        expect(syncedSubset(harness, afterUpdate?.employee ?? {})).toEqual(
          syncedSubset(harness, changed),
        );

        const ids = (await listAll(harness)).flat().map((item) => item.externalId);
        expect(ids.filter((id) => id === externalId)).toHaveLength(1);
        expect(ids).toHaveLength(SEED_COUNT + 1);
      });

      it("finds a record by work email, case-insensitively", async () => {
        const { externalId } = await harness.connector.createEmployee(
          sampleEmployee("find"),
          "contract-find",
        );
        const found = await harness.connector.findEmployeeByWorkEmail("ADA.find@Contract.Example");
        expect(found?.externalId).toBe(externalId);
        expect(await harness.connector.findEmployeeByWorkEmail("nobody@contract.example")).toBe(
          null,
        );
      });

      it("reads an edit made in the vendor, and null for an unknown id", async () => {
        const [first] = (await harness.connector.listEmployees(null)).items;
        if (!first) throw new Error("the seeded system returned no employee");
        await harness.editInVendor(first.externalId, { lastName: "Changed-Elsewhere" });
        const read = await harness.connector.getEmployee(first.externalId);
        expect(read?.employee.lastName).toBe("Changed-Elsewhere");
        expect(await harness.connector.getEmployee(harness.missingExternalId)).toBeNull();
      });
    });

    describe("webhook verification", () => {
      beforeEach((context) => {
        // A change-feed system pushes over its own connection; see "change feed" below.
        if (isChangeFeedConnector(harness.connector)) context.skip();
      });

      it("accepts the vendor's delivery and parses the change", async () => {
        const { delivery, id } = await deliveryForAnEdit();
        const result = harness.connector.verifyWebhook(delivery.headers, delivery.rawBody);
        if (!result.ok) throw new Error(`refused a genuine delivery: ${result.reason}`);
        expect(result.events).toEqual([
          expect.objectContaining({ entity: "employee", action: "updated", externalId: id }),
        ]);
        const [event] = result.events;
        expect(new Date(event?.changedAt ?? "").toISOString()).toBe(event?.changedAt);
        expect(Math.abs(Date.parse(event?.changedAt ?? "") - Date.now())).toBeLessThan(60_000);
        expect(event?.deliveryId).toMatch(/\S/);
      });

      it("refuses a tampered body", async () => {
        const { delivery } = await deliveryForAnEdit();
        const tampered = delivery.rawBody.replace(/"([^"]+)"/, '"$1x"');
        expect(tampered).not.toBe(delivery.rawBody);
        const result = harness.connector.verifyWebhook(delivery.headers, tampered);
        expect(result.ok).toBe(false);
        // Only a delivery whose signature holds may be kept as an authentic, failed one.
        expect(result).not.toMatchObject({ authentic: true });
      });

      it("refuses a body re-serialized after parsing", async () => {
        const { delivery } = await deliveryForAnEdit();
        const parsed = JSON.parse(delivery.rawBody) as unknown;
        const reserialized = JSON.stringify(parsed, null, 2);
        expect(reserialized).not.toBe(delivery.rawBody);
        expect(harness.connector.verifyWebhook(delivery.headers, reserialized).ok).toBe(false);
      });

      it("refuses a delivery without its signature headers", async () => {
        const { delivery } = await deliveryForAnEdit();
        const stripped = new Headers({ "content-type": "application/json" });
        expect(harness.connector.verifyWebhook(stripped, delivery.rawBody).ok).toBe(false);
      });

      it("refuses stale and future deliveries when the vendor signs a timestamp", async () => {
        const { delivery } = await deliveryForAnEdit();
        const at = (offsetMs: number) =>
          harness.connector.verifyWebhook(
            delivery.headers,
            delivery.rawBody,
            new Date(Date.now() + offsetMs),
          ).ok;
        // A vendor without a signed timestamp has no replay window: both are accepted.
        expect(at(TEN_MINUTES_MS)).toBe(!harness.signsTimestamp);
        expect(at(-TEN_MINUTES_MS)).toBe(!harness.signsTimestamp);
        expect(at(0)).toBe(true);
      });

      it("refuses a delivery signed with another secret", async () => {
        await harness.signWebhooksWith("a-secret-the-connector-does-not-know");
        const { delivery } = await deliveryForAnEdit();
        const result = harness.connector.verifyWebhook(delivery.headers, delivery.rawBody);
        expect(result.ok).toBe(false);
      });

      it("gives a duplicated delivery the same delivery id", async (context) => {
        if (!harness.setFaults) return context.skip();
        await harness.setFaults({ webhooks: { duplicateRate: 1 } });
        const { delivery } = await deliveryForAnEdit();
        const repeat = await harness.nextWebhook();
        const ids = [delivery, repeat].map((copy) => {
          const result = harness.connector.verifyWebhook(copy.headers, copy.rawBody);
          return result.ok ? result.events.map((event) => event.deliveryId) : [result.reason];
        });
        expect(ids[0]).toHaveLength(1);
        expect(ids[1]).toEqual(ids[0]);
      });
    });

    describe("change feed", () => {
      it("reports an edit made in the system once, with a delivery id stable across reads", async (context) => {
        const { connector } = harness;
        if (!isChangeFeedConnector(connector)) return context.skip();
        let cursor: string | null = null;
        for (let batch = await connector.readChangesSince(null); ;) {
          if (batch.cursor === cursor) break;
          cursor = batch.cursor;
          batch = await connector.readChangesSince(cursor);
        }
        const [first] = (await connector.listEmployees(null)).items;
        if (!first) throw new Error("the seeded system returned no employee");
        await harness.editInVendor(first.externalId, { lastName: "Edited-In-Feed" });

        const batch = await connector.readChangesSince(cursor);
        expect(batch.events).toEqual([
          expect.objectContaining({ action: "updated", externalId: first.externalId }),
        ]);
        expect(Math.abs(Date.parse(batch.events[0]?.changedAt ?? "") - Date.now())).toBeLessThan(
          60_000,
        );
        const again = await connector.readChangesSince(cursor);
        expect(again.events.map((event) => event.deliveryId)).toEqual(
          batch.events.map((event) => event.deliveryId),
        );
        expect((await connector.readChangesSince(batch.cursor)).events).toEqual([]);
      });
    });

    describe("webhook registration", () => {
      it("registers, completes the handshake, delivers signed changes, and stops after unregistering", async (context) => {
        const { connector, withWebhookSecret } = harness;
        if (!connector.registerWebhook || !connector.unregisterWebhook || !withWebhookSecret) {
          return context.skip();
        }
        const [first] = (await connector.listEmployees(null)).items;
        if (!first) throw new Error("the seeded system returned no employee");
        const receiver = await startWebhookReceiver();
        try {
          const registration = await connector.registerWebhook(receiver.url);
          let secret = registration.signingSecret;
          if (registration.status === "pending_verification") {
            const handshake = connector.parseWebhookHandshake?.(
              (await receiver.delivery(1)).rawBody,
            );
            if (!handshake || !connector.completeWebhookHandshake) {
              throw new Error("a pending registration needs a handshake the connector completes");
            }
            // Nothing but the handshake reaches an unverified subscription.
            await harness.editInVendor(first.externalId, { lastName: "Before-Verify" });
            await harness.drainWebhooks();
            expect(receiver.received).toHaveLength(1);
            await connector.completeWebhookHandshake(registration.id, handshake.verificationToken);
            secret = handshake.verificationToken;
          }
          if (secret === undefined) throw new Error("the registration gave no signing secret");
          const sent = receiver.received.length;

          await harness.editInVendor(first.externalId, { lastName: "Registered-Edit" });
          const delivery = await receiver.delivery(sent + 1);
          const headers = toFetchHeaders(delivery.headers);
          const result = withWebhookSecret(secret).verifyWebhook(headers, delivery.rawBody);
          if (!result.ok) throw new Error(`refused the registered delivery: ${result.reason}`);
          expect(result.events).toContainEqual(
            expect.objectContaining({ action: "updated", externalId: first.externalId }),
          );
          // Signed with the registration's own secret, not the connection's old one.
          expect(connector.verifyWebhook(headers, delivery.rawBody).ok).toBe(false);

          await connector.unregisterWebhook(registration.id);
          await harness.drainWebhooks();
          const beforeEdit = receiver.received.length;
          await harness.editInVendor(first.externalId, { lastName: "After-Unregister" });
          await harness.nextWebhook(); // the vendor did send it, to its other target
          await harness.drainWebhooks();
          expect(receiver.received).toHaveLength(beforeEdit);
          await connector.unregisterWebhook(registration.id); // already gone: no error
        } finally {
          await receiver.close();
        }
      });
    });

    describe("error classification", () => {
      it("reports a refused write as permanent, with the vendor's message", async () => {
        const invalid = harness.invalidEmployee ?? {
          firstName: "",
          lastName: "",
          status: "active",
        };
        const error = await caught(() => harness.connector.createEmployee(invalid, "invalid"));
        expect(error.kind).toBe("permanent");
        if (harness.reportsHttpStatus !== false) {
          expect(error.details.status).toBeGreaterThanOrEqual(400);
          expect(error.details.status).toBeLessThan(500);
        }
        expect(error.details.vendorMessage).toMatch(/\S/);
        expect(error.message).toContain(error.details.vendorMessage);
        expectNoSecrets(harness, error);
      });

      it("reports the vendor's throttling as retryable with retryAfterMs", async (context) => {
        if (!harness.setFaults) return context.skip();
        await harness.setFaults({ rateLimit: { enabled: true, limit: 1, windowMs: 60_000 } });
        await harness.connector.listEmployees(null);
        const error = await caught(() => harness.connector.listEmployees(null));
        expect(error.kind).toBe("retryable");
        expect([429, 503]).toContain(error.details.status);
        expect(error.details.retryAfterMs).toBeGreaterThan(50_000);
        expectNoSecrets(harness, error);
      });

      it("reports an outage as retryable with retryAfterMs", async (context) => {
        if (!harness.setFaults) return context.skip();
        const now = Date.now();
        await harness.setFaults({
          downtime: [
            {
              from: new Date(now - 1000).toISOString(),
              until: new Date(now + 30_000).toISOString(),
            },
          ],
        });
        const error = await caught(() => harness.connector.getEmployee(harness.missingExternalId));
        expect(error.kind).toBe("retryable");
        expect(error.details.status).toBe(503);
        expect(error.details.retryAfterMs).toBeGreaterThan(20_000);
      });

      it("reports server errors as retryable", async (context) => {
        if (!harness.setFaults) return context.skip();
        await harness.setFaults({ errorRate: 1 });
        for (let i = 0; i < 4; i++) {
          const error = await caught(() => harness.connector.listEmployees(null));
          expect(error.kind).toBe("retryable");
          expect([500, 503]).toContain(error.details.status);
        }
      });

      it("honours Retry-After when retrying", async (context) => {
        if (!harness.setFaults) return context.skip();
        await harness.setFaults({ rateLimit: { enabled: true, limit: 1, windowMs: 1_000 } });
        await harness.connector.listEmployees(null);
        const waits: number[] = [];
        const started = performance.now();
        const page = await withRetries(() => harness.connector.listEmployees(null), {
          baseDelayMs: 1,
          onRetry: (_error, delayMs) => waits.push(delayMs),
        });
        const elapsed = performance.now() - started;
        expect(page.items.length).toBeGreaterThan(0);
        // The vendor asked for whole seconds; a retry any sooner would have been refused again.
        expect(waits).toEqual([1_000]);
        expect(elapsed).toBeGreaterThanOrEqual(990);
      });
    });
  });
}
