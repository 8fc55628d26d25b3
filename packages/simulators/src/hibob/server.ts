import {
  startVendorSimulator,
  type SimulatorHandle,
  type SimulatorOptions,
} from "../shared/vendor-simulator";
import { createHiBobAdmin } from "./admin";
import { createHiBobApi } from "./api";
import { hibobFaultPolicy } from "./fault-policy";
import { adminFieldsFromEmployee, type HiBobEmployeeRecord } from "./fields";
import { HiBobStore, type HiBobChange } from "./store";
import { HIBOB_RETRY_MINUTES, buildHiBobWebhook } from "./webhook";

export interface HiBobSimulatorOptions extends SimulatorOptions {
  /** The API service user's id and token, checked as HTTP Basic user and password. */
  serviceUserId: string;
  token: string;
  /** `POST /v1/people/search` budget; Bob's published 50 a minute by default. */
  peopleSearchLimit?: { limit: number; windowMs: number };
}

export function startHiBobSimulator(
  options: HiBobSimulatorOptions,
): Promise<SimulatorHandle<HiBobEmployeeRecord>> {
  const emailDomain = options.seed?.emailDomain ?? "example.com";
  return startVendorSimulator(options, {
    retryMinutes: HIBOB_RETRY_MINUTES,
    // Bob treats anything but a 2xx (or no answer) as a failed delivery and retries it.
    shouldRetry: () => true,
    faultPolicy: hibobFaultPolicy,
    createStore: (onChange) => new HiBobStore(onChange),
    seed: (store, people) =>
      store.reset(people.map((person) => adminFieldsFromEmployee(person, emailDomain))),
    records: (store) => store.list().map((record) => structuredClone(record)),
    buildWebhook: (target, change: HiBobChange) => buildHiBobWebhook(target, change),
    api: (store) =>
      createHiBobApi({
        store,
        serviceUserId: options.serviceUserId,
        token: options.token,
        peopleSearchLimit: options.peopleSearchLimit,
      }),
    admin: createHiBobAdmin,
  });
}
