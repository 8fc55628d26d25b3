import type { IncomingMessage, ServerResponse } from "node:http";
import { readJsonBody, sendJson } from "../shared/http";
import { matchRoute } from "../shared/route";
import type { RouteHandler } from "../shared/simulator-server";
import { parseRestEmployeeBody, type RestFieldError } from "./fields";
import type { RecordedResponse, RestStore } from "./store";

export const REST_DEFAULT_LIMIT = 50;
export const REST_MAX_LIMIT = 100;

type Reply = RecordedResponse;

function error(status: number, code: string, message: string, details?: RestFieldError[]): Reply {
  return { status, body: { error: { code, message, ...(details ? { details } : {}) } } };
}

/** Cursors are opaque to clients: base64url of the last id on the page. */
function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, "utf8").toString("base64url");
}

function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, "base64url").toString("utf8");
}

/**
 * A small REST employees API under `/v1` in the style most modern HR APIs share: bearer auth,
 * `GET /v1/employees?limit=&cursor=` answering `{data, next_cursor}`, `POST` (201 with the
 * record and a Location header), `GET`, `PATCH` (merge) and `PUT` (replace) on
 * `/v1/employees/{id}`. Errors are `{error:{code, message, details?}}`; validation failures
 * are 422 with one `{field, message}` detail per bad field. A repeated Idempotency-Key on a
 * write replays the first successful response.
 */
export function createRestApi(options: { store: RestStore; accessToken: string }): RouteHandler {
  const { store } = options;

  async function handle(request: IncomingMessage, response: ServerResponse, url: URL) {
    const method = request.method ?? "GET";
    if (request.headers.authorization !== `Bearer ${options.accessToken}`) {
      const reply = error(401, "unauthorized", "Missing or invalid bearer token");
      return sendJson(response, reply.status, reply.body, {
        "WWW-Authenticate": 'Bearer realm="api"',
      });
    }
    const idempotencyKey = request.headers["idempotency-key"];
    const replayKey =
      typeof idempotencyKey === "string" && method !== "GET"
        ? `${method} ${url.pathname} ${idempotencyKey}`
        : null;
    const recorded = replayKey === null ? undefined : store.idempotentResponses.get(replayKey);
    if (recorded) return sendJson(response, recorded.status, recorded.body, recorded.headers);

    const reply = await route(method, request, url);
    if (replayKey !== null && reply.status >= 200 && reply.status < 300) {
      store.idempotentResponses.set(replayKey, structuredClone(reply));
    }
    sendJson(response, reply.status, reply.body, reply.headers);
  }

  async function readBody(request: IncomingMessage): Promise<{ value: unknown } | Reply> {
    const body = await readJsonBody(request);
    return body.ok ? { value: body.value } : error(400, "invalid_json", body.message);
  }

  async function route(method: string, request: IncomingMessage, url: URL): Promise<Reply> {
    if (url.pathname === "/v1/employees") {
      if (method === "GET") return listEmployees(url);
      if (method === "POST") {
        const body = await readBody(request);
        if (!("value" in body)) return body;
        const parsed = parseRestEmployeeBody(body.value, "create");
        if (!parsed.ok) return error(422, "validation_failed", "Validation failed", parsed.errors);
        const record = store.create(parsed.value);
        return {
          status: 201,
          body: record,
          headers: { Location: `/v1/employees/${encodeURIComponent(record.id)}` },
        };
      }
      return error(405, "method_not_allowed", `${method} is not allowed on /v1/employees`);
    }
    const employee = matchRoute("/v1/employees/:id", url.pathname);
    if (employee?.id !== undefined) {
      const record = store.get(employee.id);
      if (!record) return error(404, "not_found", `Employee ${employee.id} not found`);
      if (method === "GET") return { status: 200, body: record };
      if (method === "PATCH" || method === "PUT") {
        const body = await readBody(request);
        if (!("value" in body)) return body;
        const parsed = parseRestEmployeeBody(body.value, method === "PUT" ? "replace" : "patch");
        if (!parsed.ok) return error(422, "validation_failed", "Validation failed", parsed.errors);
        return { status: 200, body: store.update(employee.id, parsed.value) };
      }
      return error(405, "method_not_allowed", `${method} is not allowed on an employee`);
    }
    return error(404, "not_found", `No route ${method} ${url.pathname}`);
  }

  function listEmployees(url: URL): Reply {
    const rawLimit = url.searchParams.get("limit");
    const limit = rawLimit === null ? REST_DEFAULT_LIMIT : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > REST_MAX_LIMIT) {
      return error(
        400,
        "invalid_parameter",
        `limit must be an integer from 1 to ${REST_MAX_LIMIT}`,
        [{ field: "limit", message: `must be an integer from 1 to ${REST_MAX_LIMIT}` }],
      );
    }
    const cursor = url.searchParams.get("cursor");
    let offset = 0;
    if (cursor !== null && cursor !== "") {
      const after = store.positionAfter(decodeCursor(cursor));
      if (after === undefined) {
        return error(400, "invalid_cursor", "cursor is not one this API returned", [
          { field: "cursor", message: "is invalid" },
        ]);
      }
      offset = after;
    }
    const data = store.page(offset, limit);
    const last = data.at(-1);
    const hasMore = offset + data.length < store.size;
    return {
      status: 200,
      body: { data, next_cursor: hasMore && last ? encodeCursor(last.id) : null },
    };
  }

  return handle;
}
