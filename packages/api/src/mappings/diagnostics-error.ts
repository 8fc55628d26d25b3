import type { Diagnostic } from "@tandem/mapping";
import { TandemError } from "../errors/tandem-error";

const MAX_LISTED = 20;

/** "node "enum-1": entries.0.to: expected string" — with where it is, so a person can act. */
export function describeDiagnostic(diagnostic: Diagnostic): string {
  const where = [
    diagnostic.nodeId !== undefined && !diagnostic.message.includes(`"${diagnostic.nodeId}"`)
      ? `node "${diagnostic.nodeId}"`
      : null,
    diagnostic.edgeId !== undefined && !diagnostic.message.includes(`"${diagnostic.edgeId}"`)
      ? `edge "${diagnostic.edgeId}"`
      : null,
  ].filter((part): part is string => part !== null);
  return where.length > 0 ? `[${where.join(", ")}] ${diagnostic.message}` : diagnostic.message;
}

/**
 * A refused document: the message lists the reasons, the details carry them structured so the
 * editor can highlight their nodes.
 */
export function refuseDocument(headline: string, diagnostics: Diagnostic[]): TandemError {
  const listed = diagnostics.slice(0, MAX_LISTED).map(describeDiagnostic);
  const more =
    diagnostics.length > MAX_LISTED ? [`and ${diagnostics.length - MAX_LISTED} more`] : [];
  return new TandemError("INVALID_INPUT", `${headline}: ${[...listed, ...more].join("; ")}`, {
    details: { diagnostics },
  });
}
