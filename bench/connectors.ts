// Connector throughput against the simulators, one process:
//   1. page through 10,000 employees (BambooHR page[limit]=2500, Gusto per=100); target < 5 s
//   2. verify + parse webhook deliveries signed exactly as each vendor signs them;
//      target ≥ 20,000 deliveries/s
//   npx tsx bench/connectors.ts [employees=10000] [deliveries=100000]
import { randomUUID } from "node:crypto";
import { createConnector, type Connector } from "@tandem/connectors";
import {
  buildBambooHrWebhook,
  buildGustoWebhook,
  startBambooHrSimulator,
  startGustoSimulator,
} from "@tandem/simulators";

const employees = Number(process.argv[2] ?? 10_000);
const deliveries = Number(process.argv[3] ?? 100_000);
const PAGING_TARGET_MS = 5_000;
const VERIFY_TARGET_PER_S = 20_000;
const COMPANY_ID = "9f1c2b3a-4d5e-4f60-8a7b-6c5d4e3f2a10";

async function pageThrough(
  connector: Connector,
): Promise<{ ms: number; records: number; pages: number }> {
  const started = performance.now();
  const ids = new Set<string>();
  let pages = 0;
  let cursor: string | null = null;
  do {
    const page = await connector.listEmployees(cursor);
    for (const item of page.items) ids.add(item.externalId);
    pages++;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return { ms: performance.now() - started, records: ids.size, pages };
}

function verifyRate(
  connector: Connector,
  signed: { headers: Record<string, string>; body: string }[],
) {
  const headers = signed.map((delivery) => new Headers(delivery.headers));
  // Warm-up, so the JIT has compiled the verifier before the clock runs.
  for (let i = 0; i < Math.min(5_000, signed.length); i++) {
    connector.verifyWebhook(headers[i]!, signed[i]!.body);
  }
  let events = 0;
  const started = performance.now();
  for (let i = 0; i < signed.length; i++) {
    const result = connector.verifyWebhook(headers[i]!, signed[i]!.body);
    if (!result.ok) throw new Error(`delivery ${i} refused: ${result.reason}`);
    events += result.events.length;
  }
  const seconds = (performance.now() - started) / 1000;
  if (events !== signed.length) throw new Error(`parsed ${events} events from ${signed.length}`);
  return signed.length / seconds;
}

const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");

const bamboo = await startBambooHrSimulator({
  companyDomain: "bench",
  apiKey: "bench-key",
  seed: { count: employees, seed: 7 },
});
const gusto = await startGustoSimulator({
  companyId: COMPANY_ID,
  accessToken: "bench-token",
  seed: { count: employees, seed: 7 },
});
try {
  const bambooConnector = createConnector(
    {
      kind: "bamboohr",
      baseUrl: bamboo.url,
      companyDomain: "bench",
      apiKey: "bench-key",
      webhookPrivateKey: "bench-private-key",
    },
    { allowPrivateNetwork: true, pageSize: 2500 },
  );
  const gustoConnector = createConnector(
    {
      kind: "gusto",
      baseUrl: gusto.url,
      companyId: COMPANY_ID,
      accessToken: "bench-token",
      webhookVerificationToken: "bench-verification-token",
    },
    { allowPrivateNetwork: true, pageSize: 100 },
  );

  console.log(`paging ${employees} employees (target < ${PAGING_TARGET_MS} ms):`);
  for (const [name, connector] of [
    ["BambooHR page[limit]=2500", bambooConnector],
    ["Gusto per=100", gustoConnector],
  ] as const) {
    const run = await pageThrough(connector);
    if (run.records !== employees)
      throw new Error(`${name}: listed ${run.records} distinct records`);
    console.log(
      `  ${name.padEnd(26)} ${run.ms.toFixed(0).padStart(6)} ms  ${run.pages} pages  ${(run.records / (run.ms / 1000)).toFixed(0)} records/s  ${verdict(run.ms < PAGING_TARGET_MS)}`,
    );
  }

  const now = new Date();
  const bambooSigned = Array.from({ length: deliveries }, (_, i) =>
    buildBambooHrWebhook(
      { url: "http://127.0.0.1/hooks", secret: "bench-private-key" },
      {
        type: "employee.updated",
        employeeId: String(1 + (i % employees)),
        changedFields: ["jobTitle", "department"],
      },
      now,
    ),
  );
  const gustoSigned = Array.from({ length: deliveries }, (_, i) =>
    buildGustoWebhook(
      { url: "http://127.0.0.1/hooks", secret: "bench-verification-token" },
      {
        uuid: randomUUID(),
        event_type: "employee.updated",
        resource_type: "Company",
        resource_uuid: COMPANY_ID,
        entity_type: "Employee",
        entity_uuid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        timestamp: Math.floor(now.getTime() / 1000),
      },
    ),
  );
  console.log(
    `verify + parse ${deliveries} webhook deliveries, one process (target ≥ ${VERIFY_TARGET_PER_S}/s):`,
  );
  for (const [name, connector, signed] of [
    ["BambooHR", bambooConnector, bambooSigned],
    ["Gusto", gustoConnector, gustoSigned],
  ] as const) {
    const rate = verifyRate(connector, signed);
    console.log(
      `  ${name.padEnd(26)} ${rate.toFixed(0).padStart(8)} deliveries/s  ${verdict(rate >= VERIFY_TARGET_PER_S)}`,
    );
  }
} finally {
  await bamboo.close();
  await gusto.close();
}
