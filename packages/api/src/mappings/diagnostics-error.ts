import { TRPCError } from "@trpc/server";
import type { Diagnostic } from "@tandem/mapping";

/** Carries the diagnostics of a refused document, so the editor can highlight their nodes. */
export class MappingDiagnosticsError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(describeDiagnostic).join("; "));
    this.name = "MappingDiagnosticsError";
  }
}

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

/** A BAD_REQUEST whose message lists the reasons and whose cause carries them structured. */
export function refuseDocument(headline: string, diagnostics: Diagnostic[]): TRPCError {
  const listed = diagnostics.slice(0, MAX_LISTED).map(describeDiagnostic);
  const more =
    diagnostics.length > MAX_LISTED ? [`and ${diagnostics.length - MAX_LISTED} more`] : [];
  return new TRPCError({
    code: "BAD_REQUEST",
    message: `${headline}: ${[...listed, ...more].join("; ")}`,
    cause: new MappingDiagnosticsError(diagnostics),
  });
}
