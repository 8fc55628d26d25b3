import { ConnectorError } from "../contract";
import { NonPublicAddressError } from "../url-policy";

/** SQLSTATEs worth retrying: the same statement can succeed a moment later. */
const RETRYABLE_SQLSTATES = new Set([
  "40001", // serialization_failure
  "40P01", // deadlock_detected
  "55P03", // lock_not_available
  "57014", // query_canceled (statement_timeout)
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
]);
/** Classes: 08 connection exception, 53 insufficient resources (53300 too_many_connections). */
const RETRYABLE_CLASSES = new Set(["08", "53"]);
const RETRYABLE_NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

interface PgErrorFields {
  code?: unknown;
  message?: unknown;
  column?: unknown;
  constraint?: unknown;
  severity?: unknown;
}

function isSqlState(code: unknown): code is string {
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
}

/**
 * Turns a `pg` failure into a ConnectorError. Database errors keep the server's own message
 * (plus the constraint or column it names) but never its DETAIL, which quotes row values.
 * Network failures are reported by code only: their messages name the host and port, and a
 * connection string must never reach an error. `target` names the table, never credentials.
 */
export function classifyPostgresError(target: string, error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (error instanceof NonPublicAddressError) {
    return new ConnectorError(`${target} refused: ${error.message}`, "permanent");
  }
  const fields: PgErrorFields = typeof error === "object" && error !== null ? error : {};
  const { code } = fields;
  if (isSqlState(code) && typeof fields.severity === "string") {
    const message = typeof fields.message === "string" ? fields.message : "database error";
    const where = [
      typeof fields.constraint === "string" ? `constraint ${fields.constraint}` : undefined,
      typeof fields.column === "string" ? `column ${fields.column}` : undefined,
    ].filter((part) => part !== undefined);
    const vendorMessage = where.length > 0 ? `${message} (${where.join(", ")})` : message;
    const retryable = RETRYABLE_SQLSTATES.has(code) || RETRYABLE_CLASSES.has(code.slice(0, 2));
    return new ConnectorError(
      `${target} failed with SQLSTATE ${code}: ${vendorMessage}`,
      retryable ? "retryable" : "permanent",
      { vendorMessage },
    );
  }
  if (typeof code === "string" && RETRYABLE_NETWORK_CODES.has(code)) {
    return new ConnectorError(`${target} failed: network error ${code}`, "retryable");
  }
  const message = error instanceof Error ? error.message : "";
  // pg's own wording when a connection drops or its connect timeout expires.
  if (/connection terminated|timeout expired|connection timeout/i.test(message)) {
    return new ConnectorError(`${target} failed: the connection was lost`, "retryable");
  }
  return new ConnectorError(
    `${target} failed: ${typeof code === "string" ? `error ${code}` : "unexpected database client error"}`,
    "permanent",
  );
}
