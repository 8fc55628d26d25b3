import {
  startVendorSimulator,
  type SimulatorHandle,
  type SimulatorOptions,
} from "../shared/vendor-simulator";
import { createBambooHrAdmin } from "./admin";
import { bambooHrFaultPolicy } from "./fault-policy";
import { createBambooHrApi } from "./api";
import { fieldsFromEmployee, type BambooHrEmployeeRecord } from "./fields";
import { BambooHrStore, type BambooHrChange } from "./store";
import { BambooHrWebhooks } from "./webhook-subscriptions";
import { BAMBOOHR_RETRY_MINUTES, buildBambooHrWebhook } from "./webhook";

export interface BambooHrSimulatorOptions extends SimulatorOptions {
  companyDomain: string;
  apiKey: string;
}

export function startBambooHrSimulator(
  options: BambooHrSimulatorOptions,
): Promise<SimulatorHandle<BambooHrEmployeeRecord>> {
  const webhooks = new BambooHrWebhooks();
  return startVendorSimulator(options, {
    retryMinutes: BAMBOOHR_RETRY_MINUTES,
    // BambooHR retries after a 5xx (and when it could not connect), never after a 4xx.
    shouldRetry: (outcome) => !("status" in outcome) || outcome.status >= 500,
    faultPolicy: bambooHrFaultPolicy,
    createStore: (onChange) => new BambooHrStore(onChange),
    seed: (store, people) => store.reset(people.map(fieldsFromEmployee)),
    records: (store) => store.list(),
    buildWebhook: buildBambooHrWebhook,
    subscribedTargets: (change: BambooHrChange) => webhooks.targetsFor(change),
    api: (store) =>
      createBambooHrApi({
        store,
        companyDomain: options.companyDomain,
        apiKey: options.apiKey,
        webhooks,
      }),
    admin: createBambooHrAdmin,
  });
}
