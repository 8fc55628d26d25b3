import type { IncomingMessage, ServerResponse } from "node:http";
import { readJsonBody, sendEmpty, sendJson } from "../shared/http";
import type { RouteHandler } from "../shared/simulator-server";
import { matchRoute } from "../shared/route";
import { parseCompensationRow, type CompensationInput } from "./compensation";
import { parseEmploymentStatusRow, type EmploymentStatusInput } from "./employment-status";
import { BAMBOOHR_FIELD_NAMES, parseBambooHrFields, toBambooHrJson } from "./fields";
import type { BambooHrStore } from "./store";
import { parseBambooHrWebhookInput, type BambooHrWebhooks } from "./webhook-subscriptions";

const DEFAULT_PAGE_LIMIT = 250;
const MAX_PAGE_LIMIT = 2500;
/** Without `fields=`, a single-employee read returns the names only. */
const DEFAULT_SINGLE_FIELDS = ["firstName", "lastName"];

/** Most BambooHR errors carry an empty body and the explanation in this header. */
function sendBambooHrError(response: ServerResponse, status: number, message: string): void {
  sendEmpty(response, status, { "X-BambooHR-Error-Message": message });
}

function requestedFields(url: URL, fallback: readonly string[]): string[] {
  const fields = url.searchParams.get("fields");
  return fields === null ? [...fallback] : fields.split(",").map((name) => name.trim());
}

function encodeCursor(id: string): string {
  return Buffer.from(`after:${id}`).toString("base64url");
}

function decodeCursor(cursor: string): string | null {
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  return /^after:\d+$/.test(decoded) ? decoded.slice("after:".length) : null;
}

function isAuthorized(request: IncomingMessage, apiKey: string): boolean {
  const header = request.headers.authorization ?? "";
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match?.[1]) return false;
  const credentials = Buffer.from(match[1], "base64").toString("utf8");
  // BambooHR ignores the password; the API key is the user name.
  return credentials.slice(0, credentials.indexOf(":")) === apiKey;
}

/**
 * The BambooHR API at `/api/gateway.php/{companyDomain}/v1/…`: employee read, cursor-paged
 * list, create (201, empty body, Location) and update (200, empty body).
 */
export function createBambooHrApi(options: {
  store: BambooHrStore;
  companyDomain: string;
  apiKey: string;
  webhooks: BambooHrWebhooks;
}): RouteHandler {
  const { store, webhooks } = options;

  async function handle(request: IncomingMessage, response: ServerResponse, url: URL) {
    const method = request.method ?? "GET";
    const prefix = `/api/gateway.php/${options.companyDomain}/v1`;
    if (!url.pathname.startsWith(`${prefix}/`)) {
      return sendBambooHrError(response, 404, "Unknown company or resource.");
    }
    if (!isAuthorized(request, options.apiKey)) {
      response.setHeader("WWW-Authenticate", 'Basic realm="BambooHR"');
      return sendBambooHrError(response, 401, "Invalid API key.");
    }
    const path = url.pathname.slice(prefix.length);
    // BambooHR answers XML unless JSON is asked for; the simulator only speaks JSON.
    if (method === "GET" && !(request.headers.accept ?? "").includes("application/json")) {
      return sendBambooHrError(response, 406, "Send Accept: application/json.");
    }

    if (path === "/employees" && method === "GET") return listEmployees(response, url);
    if (path === "/employees" && method === "POST") return createEmployee(request, response);
    if (path === "/employees/changed" && method === "GET") return listChanged(response, url);
    const employee = matchRoute("/employees/:id", path);
    if (employee?.id !== undefined && method === "GET") {
      const record = store.get(employee.id);
      if (!record) return sendBambooHrError(response, 404, "Employee not found.");
      return sendJson(
        response,
        200,
        toBambooHrJson(record, requestedFields(url, DEFAULT_SINGLE_FIELDS)),
      );
    }
    if (employee?.id !== undefined && method === "POST") {
      return updateEmployee(request, response, employee.id);
    }
    if (path === "/benefit/employee_benefit" && method === "GET") {
      // Read only, as in BambooHR's public spec; `employeeId` narrows to one person.
      const employeeId = url.searchParams.get("employeeId");
      return sendJson(response, 200, store.benefitRows(employeeId ?? undefined));
    }
    const table = matchRoute("/employees/:id/tables/:table", path);
    if (table?.id !== undefined && table.table !== undefined) {
      if (method === "GET") return readTable(response, table.id, table.table);
      if (method === "POST") return addTableRow(request, response, table.id, table.table);
    }
    const tableRow = matchRoute("/employees/:id/tables/:table/:rowId", path);
    if (
      tableRow?.id !== undefined &&
      tableRow.table !== undefined &&
      tableRow.rowId !== undefined &&
      method === "POST"
    ) {
      return updateTableRow(request, response, tableRow.id, tableRow.table, tableRow.rowId);
    }
    if (path === "/webhooks" && method === "GET") return sendJson(response, 200, webhooks.list());
    if (path === "/webhooks" && method === "POST") return createWebhook(request, response);
    const webhook = matchRoute("/webhooks/:id", path);
    if (webhook?.id !== undefined && (method === "GET" || method === "DELETE")) {
      const found = webhooks.get(webhook.id);
      if (!found) return sendBambooHrError(response, 404, "Webhook not found.");
      if (method === "GET") return sendJson(response, 200, found);
      webhooks.remove(webhook.id);
      return sendEmpty(response, 200);
    }
    sendBambooHrError(response, 404, `No route ${method} ${path}.`);
  }

  /** 201 with the webhook, including its `privateKey`, which no later read shows again. */
  async function createWebhook(request: IncomingMessage, response: ServerResponse) {
    const body = await readJsonBody(request);
    if (!body.ok) return sendBambooHrError(response, 400, body.message);
    const parsed = parseBambooHrWebhookInput(body.value);
    if (!parsed.ok) return sendBambooHrError(response, 400, parsed.message);
    sendJson(response, 201, webhooks.create(parsed.value));
  }

  /** The effective-dated tables the simulator keeps; others answer 404. */
  function readTable(response: ServerResponse, id: string, table: string) {
    if (!store.get(id)) return sendBambooHrError(response, 404, "Employee not found.");
    if (table === "employmentStatus")
      return sendJson(response, 200, store.employmentStatusRows(id));
    if (table === "compensation") return sendJson(response, 200, store.compensationRows(id));
    sendBambooHrError(response, 404, `Table "${table}" not found.`);
  }

  /** `POST …/tables/{table}`: adds a row (200, empty body); the employee's fields follow it. */
  async function addTableRow(
    request: IncomingMessage,
    response: ServerResponse,
    id: string,
    table: string,
  ) {
    if (!store.get(id)) return sendBambooHrError(response, 404, "Employee not found.");
    if (table !== "employmentStatus" && table !== "compensation") {
      return sendBambooHrError(response, 404, `Table "${table}" not found.`);
    }
    const body = await readJsonBody(request);
    if (!body.ok) return sendBambooHrError(response, 400, body.message);
    if (table === "employmentStatus") {
      const parsed = parseEmploymentStatusRow(body.value, false);
      if (!parsed.ok) return sendBambooHrError(response, parsed.status, parsed.message);
      store.addEmploymentStatusRow(id, parsed.row as EmploymentStatusInput);
    } else {
      const parsed = parseCompensationRow(body.value, false);
      if (!parsed.ok) return sendBambooHrError(response, parsed.status, parsed.message);
      store.addCompensationRow(id, parsed.row as CompensationInput);
    }
    sendEmpty(response, 200);
  }

  /** `POST …/tables/{table}/{rowId}`: corrects the given fields of one row (200, empty body). */
  async function updateTableRow(
    request: IncomingMessage,
    response: ServerResponse,
    id: string,
    table: string,
    rowId: string,
  ) {
    if (!store.get(id)) return sendBambooHrError(response, 404, "Employee not found.");
    if (table !== "employmentStatus" && table !== "compensation") {
      return sendBambooHrError(response, 404, `Table "${table}" not found.`);
    }
    const body = await readJsonBody(request);
    if (!body.ok) return sendBambooHrError(response, 400, body.message);
    const parsed =
      table === "employmentStatus"
        ? parseEmploymentStatusRow(body.value, true)
        : parseCompensationRow(body.value, true);
    if (!parsed.ok) return sendBambooHrError(response, parsed.status, parsed.message);
    const updated =
      table === "employmentStatus"
        ? store.updateEmploymentStatusRow(id, rowId, parsed.row)
        : store.updateCompensationRow(id, rowId, parsed.row as Partial<CompensationInput>);
    if (!updated) return sendBambooHrError(response, 404, "Row not found.");
    sendEmpty(response, 200);
  }

  /**
   * `GET /v1/employees/changed?since=<ISO 8601>[&type=inserted|updated|deleted]`: every employee
   * changed since then, keyed by id (`action` Inserted or Updated), with `latest` the newest
   * change. Deletions are not simulated (nothing deletes), so `type=deleted` lists none.
   */
  function listChanged(response: ServerResponse, url: URL) {
    const since = url.searchParams.get("since");
    const sinceMs = since === null ? Number.NaN : Date.parse(since);
    if (Number.isNaN(sinceMs)) {
      return sendBambooHrError(response, 400, 'Query parameter "since" must be an ISO 8601 time.');
    }
    const type = url.searchParams.get("type");
    if (type !== null && !["inserted", "updated", "deleted"].includes(type)) {
      return sendBambooHrError(
        response,
        400,
        'Query parameter "type" must be inserted, updated or deleted.',
      );
    }
    const changed = store
      .changedSince(new Date(sinceMs).toISOString())
      .filter((entry) => type === null || entry.action.toLowerCase() === type);
    const latest =
      changed
        .map((entry) => entry.lastChanged)
        .sort()
        .at(-1) ?? null;
    sendJson(response, 200, {
      latest,
      employees: Object.fromEntries(changed.map((entry) => [entry.id, entry])),
    });
  }

  function listEmployees(response: ServerResponse, url: URL) {
    const badPage = (message: string) =>
      sendJson(response, 400, { error: { code: "BadPage", message } });
    const limitParam = url.searchParams.get("page[limit]");
    const limit = limitParam === null ? DEFAULT_PAGE_LIMIT : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
      return badPage(`page[limit] must be between 1 and ${MAX_PAGE_LIMIT}.`);
    }
    const cursor = url.searchParams.get("page[after]");
    const afterId = cursor === null ? null : decodeCursor(cursor);
    if (cursor !== null && afterId === null) return badPage("page[after] is not a valid cursor.");

    const { records: page, more } = store.page(afterId, limit);
    const last = page.at(-1);
    const fields = requestedFields(url, BAMBOOHR_FIELD_NAMES);
    sendJson(response, 200, {
      data: page.map((record) => toBambooHrJson(record, fields)),
      meta: {
        total: store.size,
        page: {
          limit,
          nextCursor: more && last ? encodeCursor(last.id) : null,
          prevCursor: null,
        },
      },
    });
  }

  async function createEmployee(request: IncomingMessage, response: ServerResponse) {
    const body = await readJsonBody(request);
    if (!body.ok) return sendBambooHrError(response, 400, body.message);
    const parsed = parseBambooHrFields(body.value, "create");
    if (!parsed.ok) return sendBambooHrError(response, parsed.status, parsed.message);
    const record = store.create(parsed.fields);
    const origin = `http://${request.headers.host ?? "localhost"}`;
    sendEmpty(response, 201, {
      Location: `${origin}/api/gateway.php/${options.companyDomain}/v1/employees/${record.id}`,
    });
  }

  async function updateEmployee(request: IncomingMessage, response: ServerResponse, id: string) {
    if (!store.get(id)) return sendBambooHrError(response, 404, "Employee not found.");
    const body = await readJsonBody(request);
    if (!body.ok) return sendBambooHrError(response, 400, body.message);
    const parsed = parseBambooHrFields(body.value, "update");
    if (!parsed.ok) return sendBambooHrError(response, parsed.status, parsed.message);
    store.update(id, parsed.fields);
    sendEmpty(response, 200);
  }

  return handle;
}
