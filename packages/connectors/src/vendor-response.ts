import type { z } from "zod";
import { ConnectorError } from "./contract";

/** Validates a vendor reply; a shape we do not understand is a permanent, reportable error. */
export function parseVendorResponse<T extends z.ZodType>(
  schema: T,
  body: unknown,
  what: string,
): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
  throw new ConnectorError(`Unexpected ${what}: ${problems}`, "permanent");
}
