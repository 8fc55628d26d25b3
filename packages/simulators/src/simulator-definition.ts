import { z } from "zod";
import { FaultSettings } from "./shared/faults";
import type { SimulatorHandle, SimulatorOptions } from "./shared/vendor-simulator";

/** The options every simulator takes in the CLI's config (`SimulatorOptions`, as JSON). */
export const commonSimulatorOptions = {
  port: z.number().int().min(0).max(65535).optional(),
  host: z.string().min(1).optional(),
  webhook: z.object({ url: z.url({ protocol: /^https?$/ }), secret: z.string().min(1) }).optional(),
  retrySchedule: z.array(z.number().int().min(0)).optional(),
  timeScale: z.number().positive().optional(),
  seed: z
    .object({
      count: z.number().int().min(0),
      seed: z.number().int(),
      emailDomain: z.string().min(1).optional(),
    })
    .optional(),
  faults: FaultSettings.optional(),
};

/** One vendor simulator, as the CLI starts it: `<kind>/index.ts` exports one. */
export interface SimulatorDefinition<
  K extends string = string,
  Shape extends z.ZodRawShape = z.ZodRawShape,
> {
  /** The connector kind it stands in for; also its key in the CLI's config and output. */
  kind: K;
  /** The vendor-specific options (credentials, company id) the CLI's config entry adds. */
  cliOptions: Shape;
  start(
    options: SimulatorOptions & z.output<z.ZodObject<Shape>>,
  ): Promise<SimulatorHandle<unknown>>;
}

/** Any simulator's definition, as lists hold them: its options are its own. */
export interface AnySimulatorDefinition {
  kind: string;
  cliOptions: z.ZodRawShape;
  start(options: never): Promise<SimulatorHandle<unknown>>;
}

export function defineSimulator<const K extends string, Shape extends z.ZodRawShape>(
  definition: SimulatorDefinition<K, Shape>,
): SimulatorDefinition<K, Shape> {
  return definition;
}
