import type { Employee } from "@tandem/hr-model";
import { startBambooHrSimulator, type SimulatorHandle } from "@tandem/simulators";
import { createConnector } from "../registry";
import type { ContractWiring } from "../contract-suite/harness";
import { WebhookInbox, simulatorWiring } from "../contract-suite/simulator-wiring";

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

export const contractWiring: ContractWiring = {
  async setup({ seedCount, pageSize }) {
    const simulator = (await startBambooHrSimulator({
      companyDomain: "contract",
      apiKey: API_KEY,
      seed: { count: seedCount, seed: 41 },
      retrySchedule: [],
    })) as SimulatorHandle<unknown>;
    const inbox = await WebhookInbox.start(simulator, PRIVATE_KEY);
    const connectorWith = (webhookPrivateKey: string) =>
      createConnector(
        {
          kind: "bamboohr",
          baseUrl: simulator.url,
          companyDomain: "contract",
          apiKey: API_KEY,
          webhookPrivateKey,
        },
        { allowPrivateNetwork: true, pageSize },
      );
    return {
      connector: connectorWith(PRIVATE_KEY),
      withWebhookSecret: connectorWith,
      signsTimestamp: true,
      missingExternalId: "999999",
      secrets: [API_KEY, PRIVATE_KEY, Buffer.from(`${API_KEY}:x`).toString("base64")],
      ...simulatorWiring("BambooHR", simulator, inbox, BAMBOOHR_ADMIN_FIELDS),
    };
  },
};
