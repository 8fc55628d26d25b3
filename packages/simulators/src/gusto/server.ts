import {
  startVendorSimulator,
  type SimulatorHandle,
  type SimulatorOptions,
} from "../shared/vendor-simulator";
import { createGustoAdmin } from "./admin";
import { gustoFaultPolicy } from "./fault-policy";
import { createGustoApi } from "./api";
import { adminFieldsFromEmployee, type GustoEmployeeRecord } from "./fields";
import { GustoStore, type GustoChange } from "./store";
import { GustoWebhookSubscriptions } from "./webhook-subscriptions";
import { GUSTO_RETRY_MINUTES, buildGustoWebhook } from "./webhook";

export interface GustoSimulatorOptions extends SimulatorOptions {
  /** The company's UUID, as in `/v1/companies/{company_id}/employees`. */
  companyId: string;
  accessToken: string;
  /**
   * The organization-level system access token that manages webhook subscriptions; without
   * it `/v1/webhook_subscriptions` answers 401.
   */
  systemAccessToken?: string;
}

export function startGustoSimulator(
  options: GustoSimulatorOptions,
): Promise<SimulatorHandle<GustoEmployeeRecord>> {
  const subscriptions = new GustoWebhookSubscriptions();
  return startVendorSimulator(options, {
    retryMinutes: GUSTO_RETRY_MINUTES,
    // Gusto retries every non-2xx answer and every failed connection.
    shouldRetry: () => true,
    faultPolicy: gustoFaultPolicy,
    createStore: (onChange) => new GustoStore(options.companyId, onChange),
    seed: (store, people) => store.reset(people.map(adminFieldsFromEmployee)),
    records: (store) => store.list(),
    buildWebhook: (target, change: GustoChange) =>
      buildGustoWebhook(target, options.companyId, change),
    subscribedTargets: (change: GustoChange) => subscriptions.targetsFor(change),
    api: (store, webhooks) =>
      createGustoApi({
        store,
        companyId: options.companyId,
        accessToken: options.accessToken,
        systemAccessToken: options.systemAccessToken,
        subscriptions,
        webhooks,
      }),
    admin: createGustoAdmin,
  });
}
