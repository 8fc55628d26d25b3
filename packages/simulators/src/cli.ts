/**
 * Starts the configured simulators and prints their URLs as one JSON line, e.g.
 * `{"bamboohr":"http://127.0.0.1:4101","gusto":"http://127.0.0.1:4102"}`.
 *
 *   tsx packages/simulators/src/cli.ts --config simulators.json
 *   TANDEM_SIMULATORS_CONFIG='{"gusto":{…}}' tsx packages/simulators/src/cli.ts
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { readSimulatorsConfigEnv } from "@tandem/config";
import { SimulatorsConfig } from "./cli-config";
import { SIMULATOR_DEFINITIONS } from "./simulator-definitions";
import type { SimulatorHandle } from "./shared/vendor-simulator";

async function readConfig(): Promise<SimulatorsConfig> {
  const { values } = parseArgs({ options: { config: { type: "string" } } });
  const text = values.config ? await readFile(values.config, "utf8") : readSimulatorsConfigEnv();
  if (text === undefined) {
    throw new Error("pass --config <file> or set TANDEM_SIMULATORS_CONFIG to a JSON config");
  }
  const parsed = SimulatorsConfig.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`invalid simulators config: ${parsed.error.message}`);
  return parsed.data;
}

async function main(): Promise<void> {
  const config = await readConfig();
  const running: [kind: string, handle: SimulatorHandle<unknown>][] = [];
  for (const definition of SIMULATOR_DEFINITIONS) {
    const options = config[definition.kind];
    // `SimulatorsConfig` parsed this entry with this definition's own options.
    if (options) running.push([definition.kind, await definition.start(options as never)]);
  }
  process.stdout.write(
    `${JSON.stringify(Object.fromEntries(running.map(([name, handle]) => [name, handle.url])))}\n`,
  );

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    Promise.all(running.map(([, handle]) => handle.close())).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
