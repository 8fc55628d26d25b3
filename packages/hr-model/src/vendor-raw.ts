import { z } from "zod";

/**
 * What a vendor sent that the normalized model does not hold: the raw value behind each
 * normalized enum (`enumOrigins.status = "Garden leave"`) and every field the model lacks.
 * It travels beside the normalized record so a write back to the same vendor loses nothing.
 *
 * The convention for that write back: the vendor's record is rebuilt by applying the mapping
 * onto the vendor's current record (or one made of `extraFields` and `enumOrigins`) as its
 * base, `createEvaluator(plan, direction)(record, { base })` in @tandem/mapping. Fields the
 * mapping does not write keep the base's values, an enum value with no mapping keeps the raw
 * value, and a raw value that still maps to the normalized value being written is not replaced.
 */
export const VendorRaw = z.object({
  system: z.string().min(1),
  enumOrigins: z.record(z.string(), z.string()),
  extraFields: z.record(z.string(), z.unknown()),
});
export type VendorRaw = z.infer<typeof VendorRaw>;

/** A normalized record together with its vendor's raw pass-through. */
export interface WithVendorRaw<T> {
  record: T;
  raw: VendorRaw;
}

export function withVendorRaw<T extends z.ZodType>(record: T) {
  return z.object({ record, raw: VendorRaw });
}
