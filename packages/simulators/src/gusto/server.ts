import {
  startVendorSimulator,
  type SimulatorHandle,
  type SimulatorOptions,
} from "../shared/vendor-simulator";
import { createGustoAdmin } from "./admin";
import { gustoFaultPolicy } from "./fault-policy";
import { createGustoApi } from "./api";
import { adminFieldsFromEmployee, type GustoEmployeeRecord } from "./fields";
import { GustoEventLog, type GustoEvent } from "./events";
import { GustoStore } from "./store";
import { GustoWebhookSubscriptions } from "./webhook-subscriptions";
import { GUSTO_RETRY_MINUTES, buildGustoWebhook } from "./webhook";

export interface GustoSimulatorOptions extends SimulatorOptions {
  /** The company's UUID, as in `/v1/companies/{company_id}/employees`. */
  companyId: string;
  accessToken: string;
  /**
   * The organization-level system access token that manages webhook subscriptions and reads
   * the event log; without it `/v1/webhook_subscriptions` and `/v1/events` answer 401.
   */
  systemAccessToken?: string;
}

export function startGustoSimulator(
  options: GustoSimulatorOptions,
): Promise<SimulatorHandle<GustoEmployeeRecord>> {
  const subscriptions = new GustoWebhookSubscriptions();
  const events = new GustoEventLog(options.companyId);
  return startVendorSimulator(options, {
    retryMinutes: GUSTO_RETRY_MINUTES,
    // Gusto retries every non-2xx answer and every failed connection.
    shouldRetry: () => true,
    faultPolicy: gustoFaultPolicy,
    // Every change is an event in the log first; its webhooks carry that event.
    createStore: (onChange: (event: GustoEvent) => void) =>
      new GustoStore(options.companyId, (change) => onChange(events.record(change))),
    seed: (store, people) => {
      events.clear();
      store.reset(people.map(adminFieldsFromEmployee));
    },
    records: (store) => store.list(),
    buildWebhook: buildGustoWebhook,
    subscribedTargets: (event) => subscriptions.targetsFor(event.event_type),
    api: (store, webhooks) =>
      createGustoApi({
        store,
        companyId: options.companyId,
        accessToken: options.accessToken,
        systemAccessToken: options.systemAccessToken,
        subscriptions,
        events,
        webhooks,
      }),
    admin: createGustoAdmin,
  });
}
