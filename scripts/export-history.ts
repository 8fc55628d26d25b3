// Saves a workflow run's history as a replay fixture for workflows/history_files/.
//   tsx scripts/export-history.ts <workflowId> <out.bin> [temporal address]
// Binary protobuf, not JSON: the SDK's JSON conversion trips over two protobufjs copies.
import { writeFileSync } from "node:fs";
import { Client, Connection } from "@temporalio/client";
import proto from "@temporalio/proto";

const { temporal } = proto;

const [workflowId, out, address = "127.0.0.1:7233"] = process.argv.slice(2);
if (!workflowId || !out) {
  console.error("usage: tsx scripts/export-history.ts <workflowId> <out.bin> [address]");
  process.exit(2);
}
const connection = await Connection.connect({ address });
const history = await new Client({ connection }).workflow.getHandle(workflowId).fetchHistory();
writeFileSync(out, temporal.api.history.v1.History.encode(history).finish());
console.log(`wrote ${history.events?.length ?? 0} events to ${out}`);
await connection.close();
