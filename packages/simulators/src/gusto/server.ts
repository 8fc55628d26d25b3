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
import { GUSTO_RETRY_MINUTES, buildGustoWebhook } from "./webhook";

export interface GustoSimulatorOptions extends SimulatorOptions {
  /** The company's UUID, as in `/v1/companies/{company_id}/employees`. */
  companyId: string;
  accessToken: string;
}

export function startGustoSimulator(
  options: GustoSimulatorOptions,
): Promise<SimulatorHandle<GustoEmployeeRecord>> {
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
    api: (store) =>
      createGustoApi({ store, companyId: options.companyId, accessToken: options.accessToken }),
    admin: createGustoAdmin,
  });
}
