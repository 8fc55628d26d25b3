import {
  startBambooHrSimulator,
  type BambooHrEmployeeRecord,
  type SimulatorHandle,
} from "@tandem/simulators";
import { BambooHrConnector } from "../connector";

export const API_KEY = "bamboo-api-key";
export const PRIVATE_KEY = "bamboo-webhook-private-key";
const COMPANY = "acme";
const API_ROOT = `/api/gateway.php/${COMPANY}/v1`;

/** One request the connector sent, as it went over the wire. */
export interface SentRequest {
  method: string;
  /** Below the API root, e.g. `/employees/6`. */
  path: string;
  body: unknown;
}

export interface SimulatedBambooHr {
  simulator: SimulatorHandle<BambooHrEmployeeRecord>;
  connector: BambooHrConnector;
  /** Every request the connector sent, in order (the real fetch still carries each one). */
  sent: SentRequest[];
  /** The requests that write (anything but GET). */
  writes(): SentRequest[];
  /** PATCH /_admin/employees/{id}: an edit as a person in BambooHR makes it. */
  adminEdit(id: string, fields: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

/** A BambooHR simulator over HTTP and a connector to it whose requests are recorded. */
export async function startSimulatedBambooHr(
  options: { seedCount?: number; pageSize?: number; webhookPrivateKey?: string } = {},
): Promise<SimulatedBambooHr> {
  const simulator = await startBambooHrSimulator({
    companyDomain: COMPANY,
    apiKey: API_KEY,
    seed: { count: options.seedCount ?? 5, seed: 7 },
    retrySchedule: [],
  });
  const sent: SentRequest[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    sent.push({
      method: init?.method ?? "GET",
      path: url.pathname.slice(API_ROOT.length),
      body,
    });
    return fetch(input, init);
  };
  const connector = new BambooHrConnector(
    {
      kind: "bamboohr",
      baseUrl: simulator.url,
      companyDomain: COMPANY,
      apiKey: API_KEY,
      webhookPrivateKey: options.webhookPrivateKey ?? PRIVATE_KEY,
    },
    {
      allowPrivateNetwork: true,
      fetch: recordingFetch,
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    },
  );
  return {
    simulator,
    connector,
    sent,
    writes: () => sent.filter((request) => request.method !== "GET"),
    adminEdit: (id, fields) =>
      fetch(`${simulator.url}/_admin/employees/${id}`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(fields),
      }),
    close: () => simulator.close(),
  };
}
