import { afterEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "../shared/vendor-simulator";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver";
import type { GustoEmployeeRecord } from "./fields";
import { startGustoSimulator } from "./server";

const COMPANY_TOKEN = "company-token";
const SYSTEM_TOKEN = "system-token";

let simulator: SimulatorHandle<GustoEmployeeRecord>;
let receiver: WebhookReceiver;

afterEach(async () => {
  await simulator.close();
  await receiver.close();
});

async function start() {
  receiver = await startWebhookReceiver();
  simulator = await startGustoSimulator({
    companyId: "c0mpany",
    accessToken: COMPANY_TOKEN,
    systemAccessToken: SYSTEM_TOKEN,
    seed: { count: 2, seed: 5 },
    retrySchedule: [],
  });
}

function subscriptions(path: string, token: string, init: RequestInit = {}) {
  return fetch(`${simulator.url}/v1/webhook_subscriptions${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
  });
}

async function subscribe(types = ["Employee"]) {
  const response = await subscriptions("", SYSTEM_TOKEN, {
    method: "POST",
    body: JSON.stringify({ url: receiver.url, subscription_types: types }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { uuid: string; status: string };
}

describe("Gusto simulator webhook subscriptions", () => {
  it("take the system access token, not a company token", async () => {
    await start();
    const response = await subscriptions("", COMPANY_TOKEN);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      errors: [{ category: "invalid_authorization" }],
    });
  });

  it("refuses an unknown subscription type with a 422 naming the field", async () => {
    await start();
    const response = await subscriptions("", SYSTEM_TOKEN, {
      method: "POST",
      body: JSON.stringify({ url: receiver.url, subscription_types: ["Employees"] }),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      errors: [{ error_key: "subscription_types" }],
    });
  });

  it("posts the verification token, verifies only that token, and resends it on request", async () => {
    await start();
    const created = await subscribe();
    expect(created.status).toBe("pending");
    const { verification_token } = JSON.parse((await receiver.delivery(1)).rawBody) as {
      verification_token: string;
    };
    const verify = (token: string) =>
      subscriptions(`/${created.uuid}/verify`, SYSTEM_TOKEN, {
        method: "PUT",
        body: JSON.stringify({ verification_token: token }),
      });
    expect((await verify("wrong")).status).toBe(422);
    const verified = await verify(verification_token);
    expect(await verified.json()).toMatchObject({ uuid: created.uuid, status: "verified" });

    await subscriptions(`/${created.uuid}/request_verification_token`, SYSTEM_TOKEN);
    expect(JSON.parse((await receiver.delivery(2)).rawBody)).toEqual({ verification_token });
  });

  it("delivers only the subscribed types, and nothing after the subscription is deleted", async () => {
    await start();
    const created = await subscribe(["EmployeeBenefit"]);
    const { verification_token } = JSON.parse((await receiver.delivery(1)).rawBody) as {
      verification_token: string;
    };
    await subscriptions(`/${created.uuid}/verify`, SYSTEM_TOKEN, {
      method: "PUT",
      body: JSON.stringify({ verification_token }),
    });
    const [employee] = simulator.state.employees();
    await fetch(`${simulator.url}/_admin/employees/${employee?.uuid}`, {
      method: "PATCH",
      body: JSON.stringify({ last_name: "Changed" }),
    });
    await simulator.state.whenWebhooksSettled();
    expect(receiver.received).toHaveLength(1);

    expect(
      (await subscriptions(`/${created.uuid}`, SYSTEM_TOKEN, { method: "DELETE" })).status,
    ).toBe(204);
    expect((await subscriptions(`/${created.uuid}`, SYSTEM_TOKEN)).status).toBe(404);
  });
});
