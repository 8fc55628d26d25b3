import type { Diagnostic } from "@tandem/mapping";

/**
 * Why a service refused or failed, in terms of Tandem rather than of a transport: the tRPC
 * layer maps each code to its own once (`trpc.ts`), and a CLI or a workflow activity calling
 * the same service can map it to theirs.
 */
export const TANDEM_ERROR_CODES = [
  /** What was asked for does not exist here (or belongs to another workspace). */
  "NOT_FOUND",
  /** The request is based on a state that has changed since (a stale revision, a duplicate). */
  "CONFLICT",
  /** The request itself is wrong: fixing the input fixes it. */
  "INVALID_INPUT",
  /** The input is too big to take. */
  "TOO_LARGE",
  /** The request is fine, but the system is not in a state that allows it yet. */
  "PRECONDITION_FAILED",
  /** Something Tandem depends on (a vendor, Temporal) failed for now; trying again may work. */
  "UNAVAILABLE",
  /** The caller is known but may not do this. */
  "FORBIDDEN",
  /** The caller is not known. */
  "UNAUTHENTICATED",
  /** A fault of Tandem's: stored data it cannot read, a broken invariant. */
  "INTERNAL",
] as const;
export type TandemErrorCode = (typeof TANDEM_ERROR_CODES)[number];

/** What a caller can act on beyond the message. */
export interface TandemErrorDetails {
  /** The findings that refused a mapping document, so the editor can point at their nodes. */
  diagnostics?: Diagnostic[];
}

export class TandemError extends Error {
  override readonly name = "TandemError";
  readonly details: TandemErrorDetails;

  /** `message` says what went wrong and what to do about it, for the person who sees it. */
  constructor(
    readonly code: TandemErrorCode,
    message: string,
    options: { details?: TandemErrorDetails; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details ?? {};
  }
}
