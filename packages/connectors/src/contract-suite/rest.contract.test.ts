import type { Employee } from "@tandem/hr-model";
import {
  DEFAULT_REST_DESCRIPTION,
  startRestSimulator,
  type SimulatorHandle,
} from "@tandem/simulators";
import { createConnector } from "../registry";
import { RestDescription } from "../rest/description";
import { describeConnectorContract } from "./describe-connector-contract";
import { WebhookInbox, adminRequest, setSimulatorFaults } from "./simulator-wiring";

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

describeConnectorContract("REST + Standard Webhooks", async ({ seedCount, pageSize }) => {
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
    async editInVendor(externalId, changes) {
      const body: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(changes)) {
        const name = REST_ADMIN_FIELDS[field as keyof Employee];
        if (name === undefined) throw new Error(`the REST harness cannot edit ${field}`);
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
