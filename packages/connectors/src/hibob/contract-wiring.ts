import type { Employee } from "@tandem/hr-model";
import { startHiBobSimulator, type SimulatorHandle } from "@tandem/simulators";
import { createConnector } from "../registry";
import type { ContractWiring } from "../contract-suite/harness";
import { WebhookInbox, simulatorWiring } from "../contract-suite/simulator-wiring";

const SERVICE_USER_ID = "SERVICE-CONTRACT";
const TOKEN = "contract-hibob-token";
const WEBHOOK_SECRET = "contract-hibob-webhook-secret";

/** The admin API takes Bob's own names: `surname`, and `title` for the job title. */
const HIBOB_ADMIN_FIELDS: Partial<Record<keyof Employee, string>> = {
  firstName: "firstName",
  lastName: "surname",
  jobTitle: "title",
  department: "department",
};

export const contractWiring: ContractWiring = {
  async setup({ seedCount, pageSize }) {
    const simulator = (await startHiBobSimulator({
      serviceUserId: SERVICE_USER_ID,
      token: TOKEN,
      seed: { count: seedCount, seed: 44 },
      retrySchedule: [],
    })) as SimulatorHandle<unknown>;
    const inbox = await WebhookInbox.start(simulator, WEBHOOK_SECRET);
    const connector = createConnector(
      {
        kind: "hibob",
        baseUrl: simulator.url,
        serviceUserId: SERVICE_USER_ID,
        token: TOKEN,
        webhookSecret: WEBHOOK_SECRET,
        defaultSite: "Headquarters",
      },
      { allowPrivateNetwork: true, pageSize },
    );
    // Bob refuses a second person with an email already in use (400): the suite's refused write.
    const existing = (await connector.listEmployees()).items[0]?.employee;
    return {
      connector,
      singlePage: true,
      ...(existing ? { invalidEmployee: { ...existing, startDate: "2024-01-02" } } : {}),
      signsTimestamp: false,
      missingExternalId: "1234567890123456789",
      secrets: [TOKEN, WEBHOOK_SECRET],
      ...simulatorWiring("HiBob", simulator, inbox, HIBOB_ADMIN_FIELDS),
    };
  },
};
