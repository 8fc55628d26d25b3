import { Context } from "@temporalio/activity";
import { ApplicationFailure, CancelledFailure } from "@temporalio/common";

/** What names an error without repeating its message: its class and a driver's code. */
function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[A-Z0-9_]{1,16}$/.test(code)
    ? `${error.name} ${code}`
    : error.name;
}

/**
 * An activity whose failures reach Temporal without their message: a database driver's message
 * can quote the values of the row it refused, and Temporal keeps failures in the run's history.
 * The failure names the activity, the sync (or connection) and the kind of error; the full error goes to the
 * worker's own log. Retries are unchanged (the failure stays retryable), and cancellation
 * passes through as it is.
 */
export function withValueFreeFailures<I extends { syncId?: string; connectionId?: string }, R>(
  name: string,
  activity: (input: I) => Promise<R>,
): (input: I) => Promise<R> {
  return async (input) => {
    try {
      return await activity(input);
    } catch (error) {
      if (error instanceof CancelledFailure || error instanceof ApplicationFailure) throw error;
      const kind = errorKind(error);
      Context.current().log.warn(`${name} failed`, {
        syncId: input.syncId,
        connectionId: input.connectionId,
        error: error instanceof Error ? error.message : String(error),
      });
      const subject =
        input.syncId === undefined && input.connectionId !== undefined
          ? `connection ${input.connectionId}`
          : `sync ${input.syncId ?? "?"}`;
      throw ApplicationFailure.retryable(
        `${name} failed for ${subject}: ${kind} (details in the worker's log)`,
        kind.split(" ")[0],
      );
    }
  };
}
