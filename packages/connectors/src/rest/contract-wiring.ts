import type { Employee } from "@tandem/hr-model";
import {
  DEFAULT_REST_DESCRIPTION,
  startRestSimulator,
  type SimulatorHandle,
} from "@tandem/simulators";
import { createConnector } from "../registry";
import type { ContractWiring } from "../contract-suite/harness";
import { RestDescription } from "./rest-description";
import { WebhookInbox, simulatorWiring } from "../contract-suite/simulator-wiring";

const ACCESS_TOKEN = "contract-rest-access-token";
const WEBHOOK_SECRET = `whsec_${Buffer.from("contract-rest-signing-key-24b").toString("base64")}`;

/** The admin API takes flat field names. */
const REST_ADMIN_FIELDS: Partial<Record<keyof Employee, string>> = {
  firstName: "first_name",
  lastName: "last_name",
  workEmail: "work_email",
  jobTitle: "job_title",
  department: "department",
};

export const contractWiring: ContractWiring = {
  async setup({ seedCount, pageSize }) {
    const simulator = (await startRestSimulator({
      accessToken: ACCESS_TOKEN,
      seed: { count: seedCount, seed: 47 },
      retrySchedule: [],
    })) as SimulatorHandle<unknown>;
    const inbox = await WebhookInbox.start(simulator, WEBHOOK_SECRET);
    const connector = createConnector(
      {
        kind: "rest",
        baseUrl: simulator.url,
        description: RestDescription.parse(DEFAULT_REST_DESCRIPTION),
        credential: ACCESS_TOKEN,
        webhookSecret: WEBHOOK_SECRET,
      },
      { allowPrivateNetwork: true, pageSize },
    );
    return {
      connector,
      signsTimestamp: true,
      missingExternalId: "emp_0000000000000000",
      secrets: [ACCESS_TOKEN, WEBHOOK_SECRET],
      ...simulatorWiring("REST", simulator, inbox, REST_ADMIN_FIELDS),
    };
  },
};
