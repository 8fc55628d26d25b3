/// <reference types="vite/types/importMeta.d.ts" />
import { afterAll, describe, it } from "vitest";
import { CONNECTOR_DEFINITIONS } from "../registry";
import { describeConnectorContract } from "./describe-connector-contract";
import type { ContractWiring } from "./harness";

/** Every connector folder's wiring, found by file name: a new folder needs no line here. */
const wirings = import.meta.glob<{ contractWiring: ContractWiring }>("../*/contract-wiring.ts", {
  eager: true,
});

for (const definition of CONNECTOR_DEFINITIONS) {
  const name = `${definition.label} connector contract`;
  const wiring = wirings[`../${definition.kind}/contract-wiring.ts`]?.contractWiring;
  if (!wiring) {
    describe(name, () => {
      it("is wired to its system", () => {
        throw new Error(
          `src/${definition.kind}/contract-wiring.ts must export contractWiring: every connector passes the contract suite`,
        );
      });
    });
  } else if ("skipReason" in wiring) {
    describe.skip(`${name} (skipped: ${wiring.skipReason})`, () => {
      it("runs against its system", () => undefined);
    });
  } else {
    if (wiring.cleanup) afterAll(wiring.cleanup);
    describeConnectorContract(definition.label, wiring.setup);
  }
}
