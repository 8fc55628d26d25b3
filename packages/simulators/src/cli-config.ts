import { z } from "zod";
import { FaultSettings } from "./shared/faults";

const common = {
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

/** What `cli.ts` reads: one entry per simulator to start. */
export const SimulatorsConfig = z
  .object({
    bamboohr: z
      .object({ ...common, companyDomain: z.string().min(1), apiKey: z.string().min(1) })
      .strict()
      .optional(),
    gusto: z
      .object({ ...common, companyId: z.string().min(1), accessToken: z.string().min(1) })
      .strict()
      .optional(),
    rest: z
      .object({ ...common, accessToken: z.string().min(1) })
      .strict()
      .optional(),
    hibob: z
      .object({ ...common, serviceUserId: z.string().min(1), token: z.string().min(1) })
      .strict()
      .optional(),
  })
  .strict()
  .refine(
    (config) =>
      config.bamboohr !== undefined ||
      config.gusto !== undefined ||
      config.rest !== undefined ||
      config.hibob !== undefined,
    { message: "configure at least one of bamboohr, gusto, rest, hibob" },
  );
export type SimulatorsConfig = z.infer<typeof SimulatorsConfig>;
