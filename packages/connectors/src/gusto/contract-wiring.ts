import type { Employee } from "@tandem/hr-model";
import { startGustoSimulator, type SimulatorHandle } from "@tandem/simulators";
import { createConnector } from "../registry";
import type { ContractWiring } from "../contract-suite/harness";
import { WebhookInbox, simulatorWiring } from "../contract-suite/simulator-wiring";

const COMPANY_ID = "5d2c7e90-1b4a-4f3e-9c8d-7a6b5c4d3e2f";
const ACCESS_TOKEN = "contract-gusto-access-token";
const VERIFICATION_TOKEN = "contract-gusto-verification-token";
const SYSTEM_ACCESS_TOKEN = "contract-gusto-system-access-token";

/** The admin API takes Gusto's API names for person fields and `job_title` for the job. */
const GUSTO_ADMIN_FIELDS: Partial<Record<keyof Employee, string>> = {
  firstName: "first_name",
  lastName: "last_name",
  preferredName: "preferred_first_name",
  workEmail: "work_email",
  jobTitle: "job_title",
  department: "department",
};

export const contractWiring: ContractWiring = {
  async setup({ seedCount, pageSize }) {
    const simulator = (await startGustoSimulator({
      companyId: COMPANY_ID,
      accessToken: ACCESS_TOKEN,
      systemAccessToken: SYSTEM_ACCESS_TOKEN,
      seed: { count: seedCount, seed: 43 },
      retrySchedule: [],
    })) as SimulatorHandle<unknown>;
    const inbox = await WebhookInbox.start(simulator, VERIFICATION_TOKEN);
    const connectorWith = (webhookVerificationToken: string) =>
      createConnector(
        {
          kind: "gusto",
          baseUrl: simulator.url,
          companyId: COMPANY_ID,
          accessToken: ACCESS_TOKEN,
          webhookVerificationToken,
          systemAccessToken: SYSTEM_ACCESS_TOKEN,
        },
        { allowPrivateNetwork: true, pageSize },
      );
    return {
      connector: connectorWith(VERIFICATION_TOKEN),
      withWebhookSecret: connectorWith,
      signsTimestamp: false,
      missingExternalId: "00000000-0000-4000-8000-000000000000",
      secrets: [ACCESS_TOKEN, VERIFICATION_TOKEN, SYSTEM_ACCESS_TOKEN],
      ...simulatorWiring("Gusto", simulator, inbox, GUSTO_ADMIN_FIELDS),
    };
  },
};
