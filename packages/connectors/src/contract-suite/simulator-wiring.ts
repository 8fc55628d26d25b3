import {
  startWebhookReceiver,
  type FaultSettingsInput,
  type ReceivedWebhook,
  type SimulatorHandle,
  type WebhookReceiver,
} from "@tandem/simulators";
import type { Employee } from "@tandem/hr-model";
import type { ConnectorContractHarness, ReceivedDelivery } from "./harness";

/** Calls a simulator's admin API and fails loudly on anything but 2xx. */
export async function adminRequest(
  simulatorUrl: string,
  method: "GET" | "PUT" | "PATCH" | "POST",
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${simulatorUrl}/_admin${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`admin ${method} ${path} answered ${response.status}: ${text}`);
  }
  return text === "" ? undefined : (JSON.parse(text) as unknown);
}

/** Sets fault knobs through `PUT /_admin/faults`, as an operator would. */
export async function setSimulatorFaults(
  simulatorUrl: string,
  faults: FaultSettingsInput,
): Promise<void> {
  await adminRequest(simulatorUrl, "PUT", "/faults", faults);
}

/** A received delivery's headers as a fetch `Headers`, as ingress would see them. */
export function toFetchHeaders(received: ReceivedWebhook["headers"]): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(received)) {
    if (typeof value === "string") headers.set(name, value);
  }
  return headers;
}

/**
 * A webhook receiver wired to a simulator, handing deliveries to the suite one at a time in
 * arrival order; the shared part of every simulator-backed harness.
 */
export class WebhookInbox {
  private taken = 0;

  private constructor(
    private readonly receiver: WebhookReceiver,
    private readonly simulator: SimulatorHandle<unknown>,
  ) {}

  static async start(simulator: SimulatorHandle<unknown>, secret: string): Promise<WebhookInbox> {
    const receiver = await startWebhookReceiver();
    simulator.state.setWebhook({ url: receiver.url, secret });
    return new WebhookInbox(receiver, simulator);
  }

  async next(): Promise<ReceivedDelivery> {
    const received = await this.receiver.delivery(++this.taken);
    return { headers: toFetchHeaders(received.headers), rawBody: received.rawBody };
  }

  async drain(): Promise<void> {
    await this.simulator.state.whenWebhooksSettled();
    this.taken = this.receiver.received.length;
  }

  signWith(secret: string): void {
    this.simulator.state.setWebhook({ url: this.receiver.url, secret });
  }

  close(): Promise<void> {
    return this.receiver.close();
  }
}

type SimulatorWiring = Pick<
  ConnectorContractHarness,
  "editInVendor" | "nextWebhook" | "drainWebhooks" | "signWebhooksWith" | "setFaults" | "teardown"
>;

/**
 * The harness members every simulator-backed connector shares: edits through the simulator's
 * admin API (`adminFields` names each normalized field in the vendor's own terms), webhooks
 * through the inbox, fault knobs, and teardown.
 */
export function simulatorWiring(
  vendor: string,
  simulator: SimulatorHandle<unknown>,
  inbox: WebhookInbox,
  adminFields: Partial<Record<keyof Employee, string>>,
): SimulatorWiring {
  return {
    async editInVendor(externalId, changes) {
      const body: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(changes)) {
        const name = adminFields[field as keyof Employee];
        if (name === undefined) throw new Error(`the ${vendor} harness cannot edit ${field}`);
        body[name] = value;
      }
      await adminRequest(simulator.url, "PATCH", `/employees/${externalId}`, body);
    },
    nextWebhook: () => inbox.next(),
    drainWebhooks: () => inbox.drain(),
    signWebhooksWith: (secret) => Promise.resolve(inbox.signWith(secret)),
    setFaults: (faults) => setSimulatorFaults(simulator.url, faults),
    async teardown() {
      await simulator.close();
      await inbox.close();
    },
  };
}
