import type { IncomingMessage, ServerResponse } from "node:http";
import { readRawBody, sendEmpty, sendJson } from "../shared/http";
import { matchRoute } from "../shared/route";
import type { RouteHandler } from "../shared/simulator-server";
import { hibobRateLimitHeaders, sendHiBobTooManyRequests } from "./fault-policy";
import {
  HIBOB_FIELD_PATHS,
  isFieldPath,
  parseHiBobEmailChange,
  parseHiBobPerson,
  toHiBobJson,
  type HiBobEmployeeRecord,
  type HiBobFieldPath,
  type HumanReadable,
} from "./fields";
import { hiBobSalaryEntries } from "./salaries";
import type { HiBobStore, StoreResult } from "./store";

/** Bob's published limit for `POST /v1/people/search`: 50 requests a minute. */
export const HIBOB_PEOPLE_SEARCH_LIMIT = { limit: 50, windowMs: 60_000 };

function sendHiBobError(response: ServerResponse, status: number, key: string, error: string) {
  sendJson(response, status, { key, error });
}

function isObject(input: unknown): input is Record<string, unknown> {
  return typeof input === "object" && input !== null && !Array.isArray(input);
}

function isAuthorized(request: IncomingMessage, serviceUserId: string, token: string): boolean {
  const match = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? "");
  if (!match?.[1]) return false;
  return Buffer.from(match[1], "base64").toString("utf8") === `${serviceUserId}:${token}`;
}

type ReadOptions =
  | { ok: true; paths: HiBobFieldPath[]; humanReadable: HumanReadable }
  | { ok: false; message: string };

/** `fields` and `humanReadable` as both read endpoints take them; unknown paths are dropped. */
function readOptions(body: Record<string, unknown>): ReadOptions {
  const { fields, humanReadable } = body;
  if (
    fields !== undefined &&
    !(Array.isArray(fields) && fields.every((f) => typeof f === "string"))
  ) {
    return { ok: false, message: "fields must be an array of field paths." };
  }
  if (humanReadable !== undefined && humanReadable !== "APPEND" && humanReadable !== "REPLACE") {
    return { ok: false, message: 'humanReadable must be "APPEND" or "REPLACE".' };
  }
  const requested = fields ?? [];
  return {
    ok: true,
    paths: requested.length === 0 ? [...HIBOB_FIELD_PATHS] : requested.filter(isFieldPath),
    humanReadable,
  };
}

type Filter = (record: HiBobEmployeeRecord) => boolean;

/** The filters Bob's search documents for ids and emails: `{fieldPath, operator, values}`. */
function readFilters(
  filters: unknown,
): { ok: true; filters: Filter[] } | { ok: false; message: string } {
  if (filters === undefined) return { ok: true, filters: [] };
  if (!Array.isArray(filters)) return { ok: false, message: "filters must be an array." };
  const parsed: Filter[] = [];
  for (const filter of filters) {
    if (
      !isObject(filter) ||
      (filter.fieldPath !== "root.id" && filter.fieldPath !== "root.email") ||
      filter.operator !== "equals" ||
      !Array.isArray(filter.values) ||
      !filter.values.every((value) => typeof value === "string")
    ) {
      return {
        ok: false,
        message:
          'Unsupported filter: expected {fieldPath: "root.id" | "root.email", operator: "equals", values: [strings]}.',
      };
    }
    const values = new Set(filter.values.map((value) => value.toLowerCase()));
    const key = filter.fieldPath === "root.id" ? "id" : "email";
    parsed.push((record) => values.has(record[key].toLowerCase()));
  }
  return { ok: true, filters: parsed };
}

async function readBody(
  request: IncomingMessage,
  emptyAllowed: boolean,
): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const raw = await readRawBody(request);
  if (raw.trim() === "") {
    return emptyAllowed
      ? { ok: true, value: {} }
      : { ok: false, message: "The request body is empty." };
  }
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false, message: "The request body is not valid JSON." };
  }
}

/**
 * The Bob API under `/v1`: people search (everything in one page; inactive people only with
 * `showInactive`), single read by id or email, create, update (merges like a PATCH) and the
 * separate email change. HTTP Basic with the service user's id and token.
 */
export function createHiBobApi(options: {
  store: HiBobStore;
  serviceUserId: string;
  token: string;
  peopleSearchLimit?: { limit: number; windowMs: number };
}): RouteHandler {
  const { store } = options;
  const searchLimit = options.peopleSearchLimit ?? HIBOB_PEOPLE_SEARCH_LIMIT;

  async function handle(request: IncomingMessage, response: ServerResponse, url: URL) {
    const method = request.method ?? "GET";
    if (!url.pathname.startsWith("/v1/")) {
      return sendHiBobError(response, 404, "not_found", `No route ${method} ${url.pathname}.`);
    }
    if (!isAuthorized(request, options.serviceUserId, options.token)) {
      response.setHeader("WWW-Authenticate", 'Basic realm="Bob API"');
      return sendHiBobError(
        response,
        401,
        "unauthorized",
        "The service user ID or token is invalid.",
      );
    }
    const path = url.pathname.replace(/\/+$/, "");
    if (path === "/v1/people/search" && method === "POST") return search(request, response);
    if (path === "/v1/people" && method === "POST") return create(request, response);
    const email = matchRoute("/v1/people/:identifier/email", path);
    if (email?.identifier !== undefined && method === "PUT") {
      return changeEmail(request, response, email.identifier);
    }
    const salaries = matchRoute("/v1/people/:identifier/salaries", path);
    if (salaries?.identifier !== undefined && method === "GET") {
      const record = store.find(salaries.identifier);
      if (!record) {
        return sendHiBobError(
          response,
          404,
          "not_found",
          `Employee ${salaries.identifier} not found.`,
        );
      }
      return sendJson(response, 200, { values: hiBobSalaryEntries(record) });
    }
    const person = matchRoute("/v1/people/:identifier", path);
    if (person?.identifier !== undefined && method === "POST") {
      return readOne(request, response, person.identifier);
    }
    if (person?.identifier !== undefined && method === "PUT") {
      return update(request, response, person.identifier);
    }
    sendHiBobError(response, 404, "not_found", `No route ${method} ${path}.`);
  }

  /** A rolling one-minute window per endpoint; true when the request was refused. */
  function throttled(response: ServerResponse): boolean {
    const now = Date.now();
    const calls = store.searchCalls;
    while (calls.length > 0 && (calls[0] ?? 0) <= now - searchLimit.windowMs) calls.shift();
    if (calls.length >= searchLimit.limit) {
      const resetAt = (calls[calls.length - searchLimit.limit] ?? now) + searchLimit.windowMs;
      sendHiBobTooManyRequests(response, {
        limit: searchLimit.limit,
        remaining: 0,
        resetAt,
        retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
      });
      return true;
    }
    calls.push(now);
    const headers = hibobRateLimitHeaders({
      limit: searchLimit.limit,
      remaining: searchLimit.limit - calls.length,
      resetAt: (calls[0] ?? now) + searchLimit.windowMs,
      retryAfterSeconds: 0,
    });
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    return false;
  }

  async function search(request: IncomingMessage, response: ServerResponse) {
    if (throttled(response)) return;
    const body = await readBody(request, true);
    if (!body.ok) return sendHiBobError(response, 400, "invalid_request", body.message);
    if (!isObject(body.value)) {
      return sendHiBobError(response, 400, "invalid_request", "The body must be a JSON object.");
    }
    const read = readOptions(body.value);
    if (!read.ok) return sendHiBobError(response, 400, "invalid_request", read.message);
    const filters = readFilters(body.value.filters);
    if (!filters.ok) return sendHiBobError(response, 400, "invalid_request", filters.message);
    const showInactive = body.value.showInactive === true;
    const employees = store
      .list()
      .filter((record) => showInactive || record.internal.status === "Active")
      .filter((record) => filters.filters.every((filter) => filter(record)))
      .map((record) => toHiBobJson(record, read.paths, read.humanReadable));
    sendJson(response, 200, { employees });
  }

  async function readOne(request: IncomingMessage, response: ServerResponse, identifier: string) {
    const body = await readBody(request, true);
    if (!body.ok) return sendHiBobError(response, 400, "invalid_request", body.message);
    if (!isObject(body.value)) {
      return sendHiBobError(response, 400, "invalid_request", "The body must be a JSON object.");
    }
    const read = readOptions(body.value);
    if (!read.ok) return sendHiBobError(response, 400, "invalid_request", read.message);
    const record = store.find(identifier);
    if (!record)
      return sendHiBobError(response, 404, "not_found", `Employee ${identifier} not found.`);
    sendJson(response, 200, toHiBobJson(record, read.paths, read.humanReadable));
  }

  function sendStoreFailure(response: ServerResponse, result: StoreResult & { ok: false }) {
    sendHiBobError(
      response,
      result.status,
      result.status === 404 ? "not_found" : "invalid_request",
      result.message,
    );
  }

  async function create(request: IncomingMessage, response: ServerResponse) {
    const body = await readBody(request, false);
    if (!body.ok) return sendHiBobError(response, 400, "invalid_request", body.message);
    const parsed = parseHiBobPerson(body.value, "create");
    if (!parsed.ok) return sendJson(response, 400, parsed.error);
    const result = store.create(parsed.value);
    if (!result.ok) return sendStoreFailure(response, result);
    sendJson(response, 200, toHiBobJson(result.record, HIBOB_FIELD_PATHS, undefined));
  }

  async function update(request: IncomingMessage, response: ServerResponse, identifier: string) {
    const record = store.find(identifier);
    if (!record)
      return sendHiBobError(response, 404, "not_found", `Employee ${identifier} not found.`);
    const body = await readBody(request, false);
    if (!body.ok) return sendHiBobError(response, 400, "invalid_request", body.message);
    const parsed = parseHiBobPerson(body.value, "update");
    if (!parsed.ok) return sendJson(response, 400, parsed.error);
    const result = store.update(record.id, parsed.value);
    if (!result.ok) return sendStoreFailure(response, result);
    sendEmpty(response, 200);
  }

  async function changeEmail(
    request: IncomingMessage,
    response: ServerResponse,
    identifier: string,
  ) {
    const record = store.find(identifier);
    if (!record)
      return sendHiBobError(response, 404, "not_found", `Employee ${identifier} not found.`);
    const body = await readBody(request, false);
    if (!body.ok) return sendHiBobError(response, 400, "invalid_request", body.message);
    const parsed = parseHiBobEmailChange(body.value);
    if (!parsed.ok) return sendJson(response, 400, parsed.error);
    const result = store.changeEmail(record.id, parsed.value);
    if (!result.ok) return sendStoreFailure(response, result);
    sendEmpty(response, 200);
  }

  return handle;
}
