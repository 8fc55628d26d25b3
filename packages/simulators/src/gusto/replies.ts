import type { GustoError } from "./fields";
import type { RecordedResponse } from "./store";

/** What a Gusto route answers: status, JSON body and extra headers. */
export type GustoReply = RecordedResponse & { headers?: Record<string, string> };

export function gustoErrors(status: number, list: GustoError[]): GustoReply {
  return { status, body: { errors: list } };
}

export function invalidBody(message: string): GustoReply {
  return gustoErrors(400, [{ error_key: "base", category: "invalid_request", message }]);
}

/** Gusto answers a write against an outdated `version` with 409 Conflict. */
export function staleVersion(what: string): GustoReply {
  return gustoErrors(409, [
    {
      error_key: "version",
      category: "invalid_attribute_value",
      message: `The version you sent is out of date: the ${what} changed since you read it. Fetch it again and retry.`,
    },
  ]);
}

export function missing(what: string): GustoReply {
  return gustoErrors(404, [
    { error_key: "base", category: "not_found", message: `${what} not found` },
  ]);
}

export function invalidOperation(message: string): GustoReply {
  return gustoErrors(422, [{ error_key: "base", category: "invalid_operation", message }]);
}
