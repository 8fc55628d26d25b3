import type { FetchFn } from "./http";

export interface ConnectorOptions {
  /** Permit loopback and private base URLs (local simulators); refuse them in production. */
  allowPrivateNetwork: boolean;
  /** Injected for tests of network failure modes; defaults to the global fetch. */
  fetch?: FetchFn;
  timeoutMs?: number;
  /** Records per list page; defaults to the vendor's default page size. */
  pageSize?: number;
}
