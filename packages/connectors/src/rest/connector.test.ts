import type { Employee } from "@tandem/hr-model";
import {
  DEFAULT_REST_DESCRIPTION,
  startRestSimulator,
  startWebhookReceiver,
  type RestEmployeeRecord,
  type SimulatorHandle,
  type WebhookReceiver,
} from "@tandem/simulators";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FetchFn } from "../http";
import { createConnector } from "../registry";
import { RestConnector } from "./connector";
import { RestDescription, type RestDescriptionInput } from "./rest-description";

const ACCESS_TOKEN = "rest-access-token";
const WEBHOOK_SECRET = `whsec_${Buffer.from("rest-simulator-signing-key-24b").toString("base64")}`;

let simulator: SimulatorHandle<RestEmployeeRecord>;
let receiver: WebhookReceiver | undefined;

function connector(
  options: { fetch?: FetchFn; pageSize?: number; description?: RestDescriptionInput } = {},
) {
  return createConnector(
    {
      kind: "rest",
      baseUrl: simulator.url,
      description: RestDescription.parse(options.description ?? DEFAULT_REST_DESCRIPTION),
      credential: ACCESS_TOKEN,
      webhookSecret: WEBHOOK_SECRET,
    },
    { allowPrivateNetwork: true, fetch: options.fetch, pageSize: options.pageSize },
  );
}

/**
 * A deep copy of the default description with each dotted path set to its value (undefined
 * deletes the key), as JSON a user might write.
 */
function describedAs(edits: Record<string, unknown>): RestDescriptionInput {
  const description = structuredClone(DEFAULT_REST_DESCRIPTION) as unknown as Record<
    string,
    unknown
  >;
  for (const [path, value] of Object.entries(edits)) {
    const keys = path.split(".");
    const last = keys.pop() as string;
    let parent = description;
    for (const key of keys) parent = parent[key] as Record<string, unknown>;
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  }
  return description as RestDescriptionInput;
}

const ada: Employee = {
  firstName: "Ada",
  lastName: "Lovelace",
  preferredName: "Ada",
  workEmail: "ada@example.com",
  jobTitle: "Analyst",
  department: "Engineering",
  status: "leave",
  startDate: "2024-03-01",
  terminationDate: null,
  employeeNumber: "E-1815",
};

beforeEach(async () => {
  simulator = await startRestSimulator({
    accessToken: ACCESS_TOKEN,
    seed: { count: 7, seed: 5 },
    retrySchedule: [],
  });
});

afterEach(async () => {
  await simulator.close();
  await receiver?.close();
  receiver = undefined;
});

describe("RestConnector against the REST simulator", () => {
  it("is what the registry builds for a rest config, with syncedFields from the field map", () => {
    const rest = connector();
    expect(rest).toBeInstanceOf(RestConnector);
    expect(rest.kind).toBe("rest");
    expect(rest.syncedFields).toEqual([
      "firstName",
      "lastName",
      "preferredName",
      "workEmail",
      "jobTitle",
      "department",
      "status",
      "startDate",
      "terminationDate",
      "employeeNumber",
    ]);
  });

  it("creates, reads and updates an employee through the normalized model (PATCH)", async () => {
    const rest = connector();
    const { externalId } = await rest.createEmployee(ada, "create-ada");
    expect(externalId).toMatch(/^emp_[0-9a-f]{16}$/);

    const created = await rest.getEmployee(externalId);
    expect(created?.employee).toEqual(ada);
    expect(created?.raw).toMatchObject({ name: { first: "Ada" }, status: "ON_LEAVE" });

    const terminated: Employee = { ...ada, status: "terminated", terminationDate: "2026-02-28" };
    await rest.updateEmployee(externalId, terminated, "terminate-ada");
    expect((await rest.getEmployee(externalId))?.employee).toEqual(terminated);

    const writes = simulator.state.requests.filter((request) => request.method !== "GET");
    expect(writes.map((request) => `${request.method} ${request.status}`)).toEqual([
      "POST 201",
      "PATCH 200",
    ]);
  });

  it("PUT mode sends the current record back with the mapped fields merged in", async () => {
    const rest = connector({
      description: describedAs({
        "endpoints.update.method": "PUT",
        "fields.department": undefined,
      }),
    });
    const someone = simulator.state.employees()[0];
    if (!someone) throw new Error("empty seed");
    const before = await rest.getEmployee(someone.id);
    if (!before) throw new Error("seeded employee not found");

    await rest.updateEmployee(
      someone.id,
      { ...before.employee, lastName: "Renamed", department: "Ignored" },
      "rename",
    );
    const stored = simulator.state.employees()[0];
    expect(stored?.name.last).toBe("Renamed");
    // Not in the field map, so PUT kept the system's own value.
    expect(stored?.department).toBe(someone.department);
    expect(simulator.state.requests.at(-1)).toMatchObject({ method: "PUT", status: 200 });
  });

  it("takes the new id from the Location header when the description says so", async () => {
    const rest = connector({
      description: describedAs({ "endpoints.create.id": { from: "location" } }),
    });
    const { externalId } = await rest.createEmployee(
      { firstName: "Alan", lastName: "Turing", status: "active" },
      "create-alan",
    );
    expect(simulator.state.employees().at(-1)?.id).toBe(externalId);
  });

  it("a repeated create with the same idempotency key creates one employee", async () => {
    const rest = connector();
    const first = await rest.createEmployee(ada, "same-key");
    const second = await rest.createEmployee(ada, "same-key");
    expect(second.externalId).toBe(first.externalId);
    expect(simulator.state.employees()).toHaveLength(8);
  });

  it("pages with the cursor until the last page and finds by work email", async () => {
    const rest = connector({ pageSize: 3 });
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await rest.listEmployees(cursor);
      ids.push(...page.items.map((item) => item.externalId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(ids).toEqual(simulator.state.employees().map((record) => record.id));

    const last = simulator.state.employees()[6];
    const email = last?.work_email?.toUpperCase() ?? "";
    expect((await rest.findEmployeeByWorkEmail(email))?.externalId).toBe(last?.id);
  });

  it("reports the system's 422 details as a permanent error and null for unknown ids", async () => {
    const rest = connector();
    expect(await rest.getEmployee("emp_0000000000000000")).toBeNull();
    const error = await rest
      .createEmployee({ ...ada, lastName: " " }, "blank")
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      kind: "permanent",
      details: { status: 422, vendorMessage: "name.last: must be a non-blank string" },
    });
    expect(String(error)).not.toContain(ACCESS_TOKEN);
  });

  it("refuses a record the description cannot read, naming the field", async () => {
    const rest = connector({
      description: describedAs({ "fields.status": "status" }),
    });
    const someone = simulator.state.employees()[0];
    const error = await rest.getEmployee(someone?.id ?? "").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "permanent" });
    expect(String(error)).toContain(
      `REST employee ${someone?.id}: status (status) is "ACTIVE", expected one of active, leave, terminated, pending`,
    );
  });

  it("sends an API key header when the description's auth says so", async () => {
    const seen: Headers[] = [];
    const recording: FetchFn = (input, init) => {
      seen.push(new Headers(init?.headers));
      return fetch(input, init);
    };
    const rest = connector({
      fetch: recording,
      description: describedAs({ auth: { type: "header", name: "X-API-Key" } }),
    });
    const error = await rest.listEmployees().catch((caught: unknown) => caught);
    expect(seen[0]?.get("x-api-key")).toBe(ACCESS_TOKEN);
    expect(seen[0]?.get("authorization")).toBeNull();
    // The simulator wants a bearer token, so it refuses: a permanent 401.
    expect(error).toMatchObject({ kind: "permanent", details: { status: 401 } });
  });

  it("pages page/per style until a short page", async () => {
    const requested: string[] = [];
    const pages = [[{ id: 1 }, { id: 2 }], [{ id: 3 }]].map((items) =>
      items.map((item) => ({ ...item, first: `P${item.id}`, last: "Person" })),
    );
    const fake: FetchFn = (input) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      requested.push(url.search);
      const body = pages[Number(url.searchParams.get("page")) - 1] ?? [];
      return Promise.resolve(
        new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } }),
      );
    };
    const rest = connector({
      fetch: fake,
      pageSize: 2,
      description: {
        format: "tandem.rest/v1",
        auth: { type: "bearer" },
        endpoints: {
          list: { path: "/people", paging: { style: "page", perPageParam: "per" } },
          get: { path: "/people/{id}" },
          create: { path: "/people", id: { from: "body", path: "id" } },
          update: { method: "PATCH", path: "/people/{id}" },
        },
        fields: { firstName: "first", lastName: "last" },
      },
    });
    const first = await rest.listEmployees();
    expect(first.nextCursor).toBe("2");
    const second = await rest.listEmployees(first.nextCursor);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((item) => item.externalId)).toEqual([
      "1",
      "2",
      "3",
    ]);
    expect(second.items[0]?.employee).toEqual({
      firstName: "P3",
      lastName: "Person",
      status: "active",
    });
    expect(requested).toEqual(["?page=1&per=2", "?page=2&per=2"]);
  });

  it("accepts the Standard Webhooks delivery the simulator sends for a change", async () => {
    receiver = await startWebhookReceiver();
    simulator.state.setWebhook({ url: receiver.url, secret: WEBHOOK_SECRET });
    const someone = simulator.state.employees()[0];
    if (!someone) throw new Error("empty seed");
    const response = await fetch(`${simulator.url}/_admin/employees/${someone.id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ department: "Finance & Ops" }),
    });
    expect(response.status).toBe(200);

    const delivery = await receiver.delivery(1);
    const headers = new Headers();
    for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
      headers.set(name, String(delivery.headers[name]));
    }
    const result = connector().verifyWebhook(headers, delivery.rawBody);
    expect(result).toEqual({
      ok: true,
      events: [
        {
          deliveryId: headers.get("webhook-id"),
          derivedDeliveryId: false,
          entity: "employee",
          action: "updated",
          externalId: someone.id,
          changedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as string,
        },
      ],
    });
    expect(headers.get("webhook-id")).toMatch(/^msg_[0-9a-f]{24}$/);
    expect(connector().verifyWebhook(headers, delivery.rawBody.replace("emp_", "emp_x")).ok).toBe(
      false,
    );
  });
});
