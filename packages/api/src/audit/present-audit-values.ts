import { displayAuditValue, isSealedAuditValue } from "@tandem/db";

/**
 * An audit row as the views show it: the before/after of a sensitive field is stored sealed and
 * shown masked (always; no view opens it), and `masked` says so.
 */
export function presentAuditValues<Row extends { before: string | null; after: string | null }>(
  row: Row,
): Row & { masked: boolean } {
  return {
    ...row,
    before: displayAuditValue(row.before),
    after: displayAuditValue(row.after),
    masked: isSealedAuditValue(row.before) || isSealedAuditValue(row.after),
  };
}
