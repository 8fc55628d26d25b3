import type { GustoEventLog } from "./events";
import { gustoErrors, type GustoReply } from "./replies";

const DEFAULT_LIMIT = 25;
/** Gusto documents a page size but not its maximum; 100 matches its other lists (unverified). */
const MAX_LIMIT = 100;

function invalidParam(name: string, message: string): GustoReply {
  return gustoErrors(422, [{ error_key: name, category: "invalid_attribute_value", message }]);
}

/**
 * `GET /v1/events`: the company's event log, `sort_order` `asc` (the default) or `desc` by
 * time, `limit` events a page after the event `starting_after_uuid`, filtered by
 * `resource_uuid` (the company) and `event_type`; `X-Has-Next-Page` says whether more follow.
 * The rows are the webhook payloads. A cursor the log does not hold (never issued, or fallen
 * off the log's bound) is refused rather than read from the start, so a caller never mistakes
 * a gap for the whole history.
 */
export function listGustoEvents(log: GustoEventLog, url: URL): GustoReply {
  const params = url.searchParams;
  const rawLimit = params.get("limit");
  const limit = rawLimit === null ? DEFAULT_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return invalidParam("limit", `limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  const sortOrder = params.get("sort_order") ?? "asc";
  if (sortOrder !== "asc" && sortOrder !== "desc") {
    return invalidParam("sort_order", "sort_order must be asc or desc");
  }
  const ordered = sortOrder === "asc" ? [...log.list()] : [...log.list()].reverse();
  const after = params.get("starting_after_uuid");
  let start = 0;
  if (after !== null) {
    const index = ordered.findIndex((event) => event.uuid === after);
    if (index === -1) {
      return invalidParam("starting_after_uuid", `No event with uuid ${after} in the event log`);
    }
    start = index + 1;
  }
  const resource = params.get("resource_uuid");
  const eventType = params.get("event_type");
  const matching = ordered
    .slice(start)
    .filter(
      (event) =>
        (resource === null || event.resource_uuid === resource) &&
        (eventType === null || event.event_type === eventType),
    );
  return {
    status: 200,
    body: matching.slice(0, limit),
    headers: { "X-Has-Next-Page": String(matching.length > limit) },
  };
}
