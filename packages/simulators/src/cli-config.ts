import { z } from "zod";
import { commonSimulatorOptions, type AnySimulatorDefinition } from "./simulator-definition";
import { SIMULATOR_DEFINITIONS } from "./simulator-definitions";

/** One optional, strict config entry per simulator: the common options plus the vendor's own. */
type EntriesOf<Definitions extends readonly AnySimulatorDefinition[]> = {
  [D in Definitions[number] as D["kind"]]: z.ZodOptional<
    z.ZodObject<typeof commonSimulatorOptions & D["cliOptions"], z.core.$strict>
  >;
};

const entries = Object.fromEntries(
  SIMULATOR_DEFINITIONS.map((definition) => [
    definition.kind,
    z
      .object({ ...commonSimulatorOptions, ...definition.cliOptions })
      .strict()
      .optional(),
  ]),
) as EntriesOf<typeof SIMULATOR_DEFINITIONS>;

const kinds = SIMULATOR_DEFINITIONS.map((definition) => definition.kind);

/** What `cli.ts` reads: one entry per simulator to start. */
export const SimulatorsConfig = z
  .object(entries)
  .strict()
  .refine(
    (config) => kinds.some((kind) => (config as Record<string, unknown>)[kind] !== undefined),
    { message: `configure at least one of ${kinds.join(", ")}` },
  );
export type SimulatorsConfig = z.infer<typeof SimulatorsConfig>;
