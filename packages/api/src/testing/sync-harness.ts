// A whole sync pipeline on real components, for integration tests and the latency benchmark:
// two vendor simulators (real HTTP), webhook ingress (real HTTP), a real database, and a
// worker on a real Temporal server. Nothing of ours is mocked.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Client } from "@temporalio/client";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import type { WorkflowBundleWithSourceMap } from "@temporalio/worker";
import { createHostAllowlist } from "@tandem/config";
import {
  ConnectionConfig,
  createConnector,
  isChangeFeedConnector,
  type Connector,
  type SyncEntity,
} from "@tandem/connectors";
import {
  bindingOfConnectionRow,
  createInboxWriter,
  createConnection,
  findWaitingSyncs,
  openMigratedDb,
  scopeToWorkspace,
  sealSecrets,
  type Db,
} from "@tandem/db";
import type { MappingDocumentInput } from "@tandem/mapping";
import {
  startBambooHrSimulator,
  startGustoSimulator,
  type SimulatorHandle,
} from "@tandem/simulators";
import {
  bundleWorkflows,
  createSyncActivities,
  createSyncWorker,
  tandemClientDataConverter,
  temporalNudger,
  type ExecutorNudger,
  type SyncActivityDeps,
} from "@tandem/workflows";
import { TEST_SECRET_KEY } from "@tandem/workflows/testing";
import { createIngressServer } from "../ingress/ingress-server";
import { createIngressConnections } from "../ingress/ingress-connections";
import { createMapping, publishMappingDraft, saveMappingDraft } from "../mappings/mapping-store";

export { STAFF_TABLE_SQL, STAFF_TABLE_SETTINGS, staffTableMapping } from "./staff-table";

/** The Temporal CLI the test command provisioned (or provision it now, idempotently). */
export function temporalCliPath(): string {
  if (process.env.TANDEM_TEMPORAL_CLI) return process.env.TANDEM_TEMPORAL_CLI;
  const repoRoot = path.resolve(import.meta.dirname, "..", "..", "..", "..");
  const script = path.join(repoRoot, "scripts", "provision-temporal.sh");
  return execFileSync("bash", [script], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
}

/**
 * The secret key of the test suites: it seals the harnesses' connection secrets and derives
 * the Temporal payload codec's key, so the test environment's client, every harness's client
 * and every harness's worker read each other's encrypted payloads, and so do replays of the
 * recorded workflow histories.
 */
export const testSecretKey = TEST_SECRET_KEY;

/** The data converter of the test process's Temporal clients (and, for replays, workers). */
export const testDataConverter = tandemClientDataConverter(testSecretKey);

/** A Temporal dev server (the provisioned CLI) and the bundled workflows, for a test file. */
export async function startTestTemporal(): Promise<{
  env: TestWorkflowEnvironment;
  workflowBundle: WorkflowBundleWithSourceMap;
}> {
  const [env, workflowBundle] = await Promise.all([
    TestWorkflowEnvironment.createLocal({
      server: { executable: { type: "existing-path", path: temporalCliPath() } },
      client: { dataConverter: testDataConverter },
    }),
    bundleWorkflows(),
  ]);
  return { env, workflowBundle };
}

export interface SyncHarness {
  db: Db;
  workspaceId: string;
  syncId: string;
  connectionIds: { hris: string; payroll: string };
  hris: SimulatorHandle<unknown>;
  payroll: SimulatorHandle<unknown>;
  connectors: { hris: Connector; payroll: Connector };
  /** The employee entities of both systems, as the engine reads and writes them. */
  entities: { hris: SyncEntity; payroll: SyncEntity };
  ingressUrl: string;
  mappingId: string;
  /** The task queue the harness's worker polls. */
  taskQueue: string;
  /** Publishes a new version of the sync's mapping (the running executor takes it up next drain). */
  publish(document: MappingDocumentInput): Promise<string>;
  /** What a worker or web app process for this harness needs in its environment. */
  workerEnv: Record<string, string>;
  /**
   * Stops the worker and starts a fresh one (as a crash and restart would), running
   * `whileStopped` in between (changes made then wait in the queue).
   */
  restartWorker(whileStopped?: () => Promise<void>): Promise<void>;
  /** Stops the worker (and the change feeds' readers with it) until `startWorker`. */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  /** Runs the relay's start of change feeds once (what every relay round does). */
  startChangeFeeds(): Promise<number>;
  /** Runs the payroll connection's change-feed prune once (what its feed's schedule runs). */
  pruneChangeFeed(): Promise<number>;
  /** Simulates a Temporal outage as seen by ingress; the worker keeps running. */
  setTemporalReachable(reachable: boolean): void;
  /** Signals the sync's executor through the test's Temporal server (what the web app uses). */
  nudger: ExecutorNudger;
  /** Resolves once both simulators' webhooks are delivered and no change is pending. */
  quiescent(deadlineMs?: number): Promise<void>;
  /** Runs one round of the inbox relay, with no grace period. */
  relay(): Promise<number>;
  secrets: { bamboohrWebhookKey: string; gustoWebhookToken: string };
  /** Replaces the payroll connection's stored access token (as when a vendor revokes one). */
  setPayrollAccessToken(token: string): Promise<void>;
  payrollAccessToken: string;
  close(): Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

export async function startSyncHarness(options: {
  databaseUrl: string;
  env: TestWorkflowEnvironment;
  workflowBundle: WorkflowBundleWithSourceMap;
  seedEmployees?: number;
  /**
   * People seeded in payroll too, the same generated people as the HRIS's first ones (so they
   * match by work email); none by default.
   */
  seedPayroll?: number;
  /** Changes made in the vendors before webhooks are wired (no change reaches the sync). */
  prepareVendors?: (vendors: {
    hris: SimulatorHandle<unknown>;
    payroll: SimulatorHandle<unknown>;
  }) => Promise<void>;
  /** The mapping the sync runs; the BambooHR ⇄ Gusto template by default. */
  mapping?: MappingDocumentInput;
  /** Engine tuning passed to the worker's activities. */
  engine?: Pick<SyncActivityDeps, "batchSize" | "concurrency" | "changeFeed">;
  /**
   * Side B is this PostgreSQL table instead of the Gusto simulator (which then runs unused):
   * the connection's settings without its kind, and its connection string (the secret).
   */
  payrollTable?: { connectionString: string; settings: Record<string, unknown> };
  /**
   * No worker in this process: the caller runs the worker process (`workflows/src/main.ts`)
   * with `workerEnv`, as a deployment does.
   */
  externalWorker?: boolean;
  /**
   * Vendors deliver webhooks here (`<url>/api/hooks/<connection>`, the web app's route) instead
   * of to an ingress in this process; the caller runs that web app with `workerEnv`.
   */
  externalIngressUrl?: string;
  /**
   * Whether the Gusto simulator and the payroll connection hold Gusto's system access token,
   * which `GET /v1/events` takes, so reconciliation lists payroll changes through it; true by
   * default. Without it reconciliation compares payroll page by page.
   */
  gustoSystemAccessToken?: boolean;
}): Promise<SyncHarness> {
  const db = await openMigratedDb(options.databaseUrl);
  const secretKey = testSecretKey;
  // Its own client with the codec, whatever client the environment was made with (benchmarks
  // make theirs), so nothing the harness sends to Temporal is in clear.
  const temporal = new Client({
    connection: options.env.connection,
    namespace: options.env.namespace ?? "default",
    dataConverter: testDataConverter,
  });
  const taskQueue = `test-${randomUUID()}`;
  const secrets = {
    companyDomain: "acme",
    apiKey: randomUUID(),
    bamboohrWebhookKey: randomUUID(),
    companyId: randomUUID(),
    accessToken: randomUUID(),
    gustoWebhookToken: randomUUID(),
    gustoSystemAccessToken: options.gustoSystemAccessToken === false ? undefined : randomUUID(),
  };
  const hris = await startBambooHrSimulator({
    companyDomain: secrets.companyDomain,
    apiKey: secrets.apiKey,
    seed: { count: options.seedEmployees ?? 3, seed: 7 },
  });
  const payroll = await startGustoSimulator({
    companyId: secrets.companyId,
    accessToken: secrets.accessToken,
    systemAccessToken: secrets.gustoSystemAccessToken,
    ...(options.seedPayroll ? { seed: { count: options.seedPayroll, seed: 7 } } : {}),
  });

  const workspace = await db.workspace.create({
    data: { slug: `test-${randomUUID()}`, name: "Test workspace" },
  });
  const hrisConfig = {
    kind: "bamboohr",
    baseUrl: hris.url,
    companyDomain: secrets.companyDomain,
  } as const;
  const gustoConfig = {
    kind: "gusto",
    baseUrl: payroll.url,
    companyId: secrets.companyId,
  } as const;
  const payrollTable = options.payrollTable;
  const payrollConfig = payrollTable
    ? { kind: "postgres-table", ...payrollTable.settings }
    : gustoConfig;
  const gustoSecrets = (accessToken: string): Record<string, string> => ({
    accessToken,
    webhookVerificationToken: secrets.gustoWebhookToken,
    ...(secrets.gustoSystemAccessToken === undefined
      ? {}
      : { systemAccessToken: secrets.gustoSystemAccessToken }),
  });
  const payrollSecrets: Record<string, string> = payrollTable
    ? { connectionString: payrollTable.connectionString }
    : gustoSecrets(secrets.accessToken);
  const hrisConnection = await createConnection(db, secretKey, {
    workspaceId: workspace.id,
    kind: "bamboohr",
    name: "HRIS",
    settings: hrisConfig,
    secrets: { apiKey: secrets.apiKey, webhookPrivateKey: secrets.bamboohrWebhookKey },
  });
  const payrollConnection = await createConnection(db, secretKey, {
    workspaceId: workspace.id,
    kind: payrollTable ? "postgres-table" : "gusto",
    name: "Payroll",
    settings: payrollConfig,
    secrets: payrollSecrets,
  });
  const sync = await db.sync.create({
    data: {
      workspaceId: workspace.id,
      name: "Employees",
      connectionAId: hrisConnection.id,
      connectionBId: payrollConnection.id,
      planVersion: "test-plan",
    },
  });

  const wdb = scopeToWorkspace(db, workspace.id);
  const mapping = await createMapping(wdb, workspace.id, {
    name: "Employees",
    syncId: sync.id,
    ...(options.mapping
      ? { document: options.mapping }
      : { templateId: "template.bamboohr-gusto" }),
  });
  await publishMappingDraft(wdb, workspace.id, { id: mapping.id, baseRevision: 0 });
  let draftRevision = 0;
  const publish = async (document: MappingDocumentInput) => {
    const saved = await saveMappingDraft(wdb, {
      id: mapping.id,
      document,
      baseRevision: draftRevision,
    });
    draftRevision = saved.revision;
    return (
      await publishMappingDraft(wdb, workspace.id, { id: mapping.id, baseRevision: draftRevision })
    ).hash;
  };

  const nudger = temporalNudger(temporal, taskQueue);
  const ingressConnections = createIngressConnections();
  const inbox = createInboxWriter(db);
  let temporalReachable = true;
  const ingress = createIngressServer(
    {
      db,
      secretKey,
      allowPrivateNetwork: true,
      connections: ingressConnections,
      inbox,
      nudger: {
        nudge: (refs) =>
          temporalReachable
            ? nudger.nudge(refs)
            : Promise.reject(new Error("Temporal is unreachable (test outage)")),
      },
    },
    // Listening on a free port: loopback on any port.
    { hosts: createHostAllowlist({ publicUrl: "http://127.0.0.1", allowedHosts: "127.0.0.1" }) },
  );
  const ingressUrl = await listen(ingress);
  const hookUrl = (connectionId: string) =>
    options.externalIngressUrl
      ? `${options.externalIngressUrl}/api/hooks/${connectionId}`
      : `${ingressUrl}/api/hooks/${connectionId}`;
  await options.prepareVendors?.({ hris, payroll });
  hris.state.setWebhook({
    url: hookUrl(hrisConnection.id),
    secret: secrets.bamboohrWebhookKey,
  });
  if (!payrollTable)
    payroll.state.setWebhook({
      url: hookUrl(payrollConnection.id),
      secret: secrets.gustoWebhookToken,
    });

  const startWorker = async () => {
    const worker = await createSyncWorker({
      connection: options.env.nativeConnection,
      namespace: options.env.namespace ?? "default",
      taskQueue,
      workflowBundle: options.workflowBundle,
      db,
      temporal,
      secretKey,
      allowPrivateNetwork: true,
      ...options.engine,
    });
    return { worker, running: worker.run() };
  };
  let current = options.externalWorker ? null : await startWorker();
  const workerEnv = {
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: options.env.connection.options.address,
    TEMPORAL_NAMESPACE: options.env.namespace ?? "default",
    TANDEM_SECRET_KEY: secretKey.toString("base64"),
    TANDEM_ALLOW_PRIVATE_NETWORK: "1",
    TANDEM_TASK_QUEUE: taskQueue,
    ...(options.engine?.batchSize ? { TANDEM_DRAIN_BATCH: String(options.engine.batchSize) } : {}),
    ...(options.engine?.concurrency
      ? { TANDEM_DRAIN_CONCURRENCY: String(options.engine.concurrency) }
      : {}),
  };
  const connectorOptions = { allowPrivateNetwork: true };
  const connectors = {
    hris: createConnector(
      ConnectionConfig.parse({
        ...hrisConfig,
        apiKey: secrets.apiKey,
        webhookPrivateKey: secrets.bamboohrWebhookKey,
      }),
      connectorOptions,
    ),
    payroll: createConnector(
      ConnectionConfig.parse({ ...payrollConfig, ...payrollSecrets }),
      connectorOptions,
    ),
  };
  // The relay's activities need no activity context, so the harness runs them in place.
  const relayActivities = createSyncActivities({
    db,
    temporal,
    secretKey,
    allowPrivateNetwork: true,
    taskQueue,
    ...(options.engine?.changeFeed ? { changeFeed: options.engine.changeFeed } : {}),
  });
  const entityOf = (connector: Connector) => {
    const entity = connector.syncEntity("employee");
    if (!entity) throw new Error(`the ${connector.kind} connector does not sync employees`);
    return entity;
  };

  return {
    db,
    workspaceId: workspace.id,
    syncId: sync.id,
    connectionIds: { hris: hrisConnection.id, payroll: payrollConnection.id },
    hris,
    payroll,
    connectors,
    entities: {
      get hris() {
        return entityOf(connectors.hris);
      },
      get payroll() {
        return entityOf(connectors.payroll);
      },
    },
    ingressUrl,
    mappingId: mapping.id,
    taskQueue,
    publish,
    workerEnv,
    async restartWorker(whileStopped) {
      if (!current) throw new Error("the worker runs in another process");
      current.worker.shutdown();
      await current.running;
      await whileStopped?.();
      current = await startWorker();
    },
    async stopWorker() {
      if (!current) throw new Error("the worker is not running in this process");
      current.worker.shutdown();
      await current.running;
      current = null;
    },
    async startWorker() {
      if (current) throw new Error("the worker is running");
      current = await startWorker();
    },
    startChangeFeeds: () => relayActivities.ensureChangeFeeds(),
    pruneChangeFeed: () =>
      relayActivities.pruneChangeFeed({
        workspaceId: workspace.id,
        connectionId: payrollConnection.id,
      }),
    setTemporalReachable(reachable) {
      temporalReachable = reachable;
    },
    nudger,
    async quiescent(deadlineMs = 60_000) {
      await eventually(async () => {
        await Promise.all([hris.state.whenWebhooksSettled(), payroll.state.whenWebhooksSettled()]);
        const pending = await db.syncEvent.count({
          where: { workspaceId: workspace.id, status: "pending" },
        });
        if (pending > 0) throw new Error(`${pending} changes still pending`);
      }, deadlineMs);
    },
    relay: async () => {
      const waiting = await findWaitingSyncs(db, new Date(Date.now() + 1));
      await nudger.nudge(waiting);
      return waiting.length;
    },
    secrets: {
      bamboohrWebhookKey: secrets.bamboohrWebhookKey,
      gustoWebhookToken: secrets.gustoWebhookToken,
    },
    payrollAccessToken: secrets.accessToken,
    async setPayrollAccessToken(token) {
      await db.connection.update({
        where: { id: payrollConnection.id },
        data: {
          secretsSealed: sealSecrets(
            secretKey,
            gustoSecrets(token),
            bindingOfConnectionRow(payrollConnection),
          ),
        },
      });
    },
    async close() {
      current?.worker.shutdown();
      await current?.running;
      if (isChangeFeedConnector(connectors.payroll)) await connectors.payroll.close();
      await Promise.all([
        hris.close(),
        payroll.close(),
        new Promise((resolve) => ingress.close(resolve)),
      ]);
      await db.$disconnect();
    },
  };
}

/** Retries `check` until it stops throwing; the deadline only bounds a broken run. */
export async function eventually<T>(check: () => Promise<T>, deadlineMs = 30_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Changes an employee the way a person would, in the vendor's own UI (the simulator's admin API). */
/** The ids of every record an entity lists, page by page. */
export async function allRecordIds(entity: SyncEntity): Promise<string[]> {
  const ids: string[] = [];
  for (let cursor: string | null = null; ;) {
    const page = await entity.list(cursor);
    ids.push(...page.items.map((item) => item.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
}

export async function editInVendor(
  simulator: SimulatorHandle<unknown>,
  id: string,
  fields: Record<string, unknown>,
): Promise<void> {
  const response = await fetch(`${simulator.url}/_admin/employees/${id}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fields),
  });
  if (!response.ok)
    throw new Error(`admin PATCH failed: ${response.status} ${await response.text()}`);
}

/**
 * A BambooHR new hire as an HR admin enters one: active, full-time, a salaried engineer with a
 * pay rate, hired 2024-02-01. `fields` names the person and overrides the rest.
 */
export function hrisHire(
  fields: { firstName: string; lastName: string; workEmail: string } & Record<string, unknown>,
): Record<string, unknown> {
  return {
    hireDate: "2024-02-01",
    status: "Active",
    employmentHistoryStatus: "Full-Time",
    jobTitle: "Engineer",
    department: "R&D",
    payRate: "90000.00 USD",
    payPer: "Year",
    exempt: "Exempt",
    payRateEffectiveDate: "2024-02-01",
    ...fields,
  };
}

/** A short random suffix that keeps test people's names and addresses apart. */
export const uniqueSuffix = () => Math.random().toString(36).slice(2, 8);

/** Hires a new person in the HRIS simulator (Grace Hopper-…, a unique work email). */
export async function hireInHris(
  harness: SyncHarness,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; email: string }> {
  const email = `p-${uniqueSuffix()}@acme.test`;
  const { id } = await createInVendor(
    harness.hris,
    hrisHire({
      firstName: "Grace",
      lastName: `Hopper-${uniqueSuffix()}`,
      workEmail: email,
      ...overrides,
    }),
  );
  return { id, email };
}

/** Hires a new person in the HRIS and waits until payroll holds them, once, and the sync is quiet. */
export async function hireAndSync(
  harness: SyncHarness,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; email: string; payrollId: string }> {
  const person = await hireInHris(harness, overrides);
  const [payroll] = await eventually(async () => {
    const found = (await harness.entities.payroll.findByField?.("work_email", person.email)) ?? [];
    if (found.length !== 1)
      throw new Error(`payroll holds ${found.length} records for ${person.email}, not 1`);
    return found;
  });
  await harness.quiescent();
  return { ...person, payrollId: payroll?.id ?? "" };
}

/** Creates an employee the way a person would, in the vendor's own UI; returns it as the simulator stored it. */
export async function createInVendor(
  simulator: SimulatorHandle<unknown>,
  fields: Record<string, unknown>,
): Promise<{ id: string }> {
  const response = await fetch(`${simulator.url}/_admin/employees`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fields),
  });
  if (!response.ok)
    throw new Error(`admin POST failed: ${response.status} ${await response.text()}`);
  const record = (await response.json()) as { id?: unknown; uuid?: unknown };
  return { id: String(record.uuid ?? record.id) };
}
