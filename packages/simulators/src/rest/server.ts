import {
  startVendorSimulator,
  type SimulatorHandle,
  type SimulatorOptions,
} from "../shared/vendor-simulator";
import { createRestAdmin } from "./admin";
import { createRestApi } from "./api";
import { fieldsFromEmployee, type RestEmployeeRecord } from "./fields";
import { RestStore, type RestChange } from "./store";
import { STANDARD_WEBHOOKS_RETRY_MINUTES, StandardWebhookEndpoints } from "./webhook";

export interface RestSimulatorOptions extends SimulatorOptions {
  /** The bearer token the API accepts. */
  accessToken: string;
}

/**
 * A generic REST HR system (the API `DEFAULT_REST_DESCRIPTION` describes) that sends Standard
 * Webhooks. Webhook secrets are `whsec_` + base64, as the spec serializes them.
 */
export function startRestSimulator(
  options: RestSimulatorOptions,
): Promise<SimulatorHandle<RestEmployeeRecord>> {
  const endpoints = new StandardWebhookEndpoints();
  return startVendorSimulator(options, {
    retryMinutes: STANDARD_WEBHOOKS_RETRY_MINUTES,
    shouldRetry: (outcome, webhook) => endpoints.shouldRetry(outcome, webhook),
    createStore: (onChange) => new RestStore(onChange),
    seed: (store, people) => store.reset(people.map(fieldsFromEmployee)),
    records: (store) => store.list(),
    buildWebhook: (target, change: RestChange) => endpoints.build(target, change),
    api: (store) => createRestApi({ store, accessToken: options.accessToken }),
    admin: createRestAdmin,
  });
}
