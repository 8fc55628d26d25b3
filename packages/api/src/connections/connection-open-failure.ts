import { ConnectionOpenError } from "@tandem/connectors";

/**
 * What the API tells a caller when a stored connection did not become a connector. A config
 * problem is not spelled out (the operator fixes the connection's settings, not the API call);
 * anything but a ConnectionOpenError is not an opening failure and is rethrown.
 */
export function connectionOpenFailure(error: unknown): string {
  if (!(error instanceof ConnectionOpenError)) throw error;
  switch (error.reason) {
    case "missing":
      return `connection ${error.connectionId} cannot be opened`;
    case "misconfigured":
      return `connection "${error.connectionName ?? error.connectionId}" is misconfigured`;
    case "refused":
      return error.message;
  }
}
