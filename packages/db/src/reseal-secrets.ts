import type { Db } from "./client";
import {
  bindingOfConnectionRow,
  needsResealing,
  openSecrets,
  sealSecrets,
  type SecretKeys,
} from "./sealed-secrets";

export interface ResealReport {
  /** Rows sealed again under the current key (legacy v1 rows become bound v2 ones). */
  resealed: number;
  /** Rows already sealed under the current key. */
  current: number;
  /** Rows that changed while being resealed; run the command again for them. */
  raced: number;
}

/**
 * Seals every connection's secrets again under the keyring's current key: the second half of a
 * key rotation (the first is putting the new key in TANDEM_SECRET_KEY and the old one in
 * TANDEM_SECRET_KEYS_PREVIOUS). Each row is compare-and-set, so a concurrent write is never
 * overwritten. A value that does not open stops the command: nothing is guessed.
 */
export async function resealConnectionSecrets(db: Db, keys: SecretKeys): Promise<ResealReport> {
  const report: ResealReport = { resealed: 0, current: 0, raced: 0 };
  const rows = await db.connection.findMany({
    select: { id: true, workspaceId: true, kind: true, settings: true, secretsSealed: true },
    orderBy: { id: "asc" },
  });
  for (const row of rows) {
    if (!needsResealing(keys, row.secretsSealed)) {
      report.current += 1;
      continue;
    }
    const binding = bindingOfConnectionRow(row);
    let secrets: Record<string, string>;
    try {
      secrets = openSecrets(keys, row.secretsSealed, binding);
    } catch (error) {
      throw new Error(
        `connection ${row.id}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const { count } = await db.connection.updateMany({
      where: { id: row.id, settings: row.settings, secretsSealed: row.secretsSealed },
      data: { secretsSealed: sealSecrets(keys, secrets, binding) },
    });
    if (count === 1) report.resealed += 1;
    else report.raced += 1;
  }
  return report;
}
