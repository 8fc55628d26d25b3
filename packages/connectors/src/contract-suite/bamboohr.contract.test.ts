import type { Employee } from "@tandem/hr-model";
import { startBambooHrSimulator, type SimulatorHandle } from "@tandem/simulators";
import { createConnector } from "../registry";
import { describeConnectorContract } from "./describe-connector-contract";
import { WebhookInbox, adminRequest, setSimulatorFaults } from "./simulator-wiring";

const API_KEY = "contract-bamboohr-api-key";
const PRIVATE_KEY = "contract-bamboohr-private-key";

/** The admin API takes BambooHR's own field names. */
const BAMBOOHR_ADMIN_FIELDS: Partial<Record<keyof Employee, string>> = {
  firstName: "firstName",
  lastName: "lastName",
  preferredName: "preferredName",
  workEmail: "workEmail",
  jobTitle: "jobTitle",
  department: "department",
};

describeConnectorContract("BambooHR", async ({ seedCount, pageSize }) => {
  const simulator = (await startBambooHrSimulator({
    companyDomain: "contract",
    apiKey: API_KEY,
    seed: { count: seedCount, seed: 41 },
    retrySchedule: [],
  })) as SimulatorHandle<unknown>;
  const inbox = await WebhookInbox.start(simulator, PRIVATE_KEY);
  const connector = createConnector(
    {
      kind: "bamboohr",
      baseUrl: simulator.url,
      companyDomain: "contract",
      apiKey: API_KEY,
      webhookPrivateKey: PRIVATE_KEY,
    },
    { allowPrivateNetwork: true, pageSize },
  );
  return {
    connector,
    signsTimestamp: true,
    missingExternalId: "999999",
    secrets: [API_KEY, PRIVATE_KEY, Buffer.from(`${API_KEY}:x`).toString("base64")],
    async editInVendor(externalId, changes) {
      const body: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(changes)) {
        const name = BAMBOOHR_ADMIN_FIELDS[field as keyof Employee];
        if (name === undefined) throw new Error(`the BambooHR harness cannot edit ${field}`);
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
});
