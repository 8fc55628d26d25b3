import { openBound, sealBound, SealedSecretsError, type SecretKeys } from "./sealed-secrets";

/**
 * Audit values of fields a plan marks sensitive (salary, national id, date of birth, ...): the
 * before/after JSON is sealed like connection secrets (AES-256-GCM under TANDEM_SECRET_KEY,
 * older keys of the ring still open it), bound to the row's workspace, sync and field, so a
 * value copied into another workspace's row no longer opens. Form:
 * `a1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts); never valid JSON, so a reader tells a
 * sealed value from a clear one by its prefix.
 */
export interface AuditValueBinding {
  workspaceId: string;
  syncId: string;
  field: string;
}

const VERSION = "a1";
const PREFIX = `${VERSION}.`;

/** What an audit view shows in place of a sealed value. */
export const MASKED_AUDIT_VALUE = "••••";

function associatedData(keyId: string, binding: AuditValueBinding): Buffer {
  return Buffer.from(
    JSON.stringify([VERSION, keyId, binding.workspaceId, binding.syncId, binding.field]),
    "utf8",
  );
}

export function isSealedAuditValue(value: string | null | undefined): value is string {
  return typeof value === "string" && value.startsWith(PREFIX);
}

export function sealAuditValue(keys: SecretKeys, json: string, binding: AuditValueBinding): string {
  return sealBound(keys, VERSION, json, (keyId) => associatedData(keyId, binding));
}

export function openAuditValue(
  keys: SecretKeys,
  sealed: string,
  binding: AuditValueBinding,
): string {
  if (!isSealedAuditValue(sealed) || sealed.split(".").length !== 5)
    throw new SealedSecretsError("a sealed audit value is not in the a1 format");
  const plaintext = openBound(keys, sealed, (keyId) => associatedData(keyId, binding));
  if (plaintext === null)
    throw new SealedSecretsError(
      "a sealed audit value could not be opened: it was tampered with or belongs to another row",
    );
  return plaintext;
}

/** A stored value as an audit view shows it: sealed values masked, clear ones as stored. */
export function displayAuditValue(value: string | null): string | null {
  return isSealedAuditValue(value) ? JSON.stringify(MASKED_AUDIT_VALUE) : value;
}
