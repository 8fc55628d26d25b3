import type { Employee } from "@tandem/hr-model";
import type { RestConnectionConfig } from "./config";
import type { ConnectorDescription } from "../connector-description";
import type { ConnectorOptions } from "../connector-options";
import {
  ConnectorError,
  type Connector,
  type EmployeePage,
  type ExternalEmployee,
  type WebhookVerification,
} from "../contract";
import type { SyncEntity } from "../sync-entity";
import { findByWorkEmail } from "../find-by-work-email";
import { HttpClient, type HttpResponse } from "../http";
import { parseRestDescription, syncedFieldsOf, type RestDescription } from "./rest-description";
import { employeeToRestBody, readJsonPath, restToEmployee } from "./normalize";
import { describeRestSystem } from "./describe";
import { verifyStandardWebhook } from "./webhook";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function textAt(body: unknown, path: string): string | undefined {
  const value = readJsonPath(body, path);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/**
 * A generic system has no single error shape; the common ones are read in order:
 * `{error:{message, details:[{field, message}]}}`, `{errors:[{field|path, message}]}`,
 * RFC 9457 problem details `{title, detail}`, and a bare `{message}` or `{error: "…"}`.
 */
export function readRestErrorMessage(response: HttpResponse): string | undefined {
  const { body } = response;
  if (!isObject(body)) return undefined;
  const list = [readJsonPath(body, "error.details"), body.errors].find(Array.isArray);
  const itemized = (list ?? [])
    .filter(isObject)
    .map((item) => {
      const message = textAt(item, "message") ?? textAt(item, "detail");
      const field = textAt(item, "field") ?? textAt(item, "path") ?? textAt(item, "pointer");
      return message === undefined ? undefined : field ? `${field}: ${message}` : message;
    })
    .filter((message): message is string => message !== undefined);
  if (itemized.length > 0) return itemized.join("; ");
  return (
    textAt(body, "error.message") ??
    textAt(body, "detail") ??
    textAt(body, "title") ??
    textAt(body, "message") ??
    textAt(body, "error")
  );
}

function expandPath(template: string, externalId: string): string {
  return template.replaceAll("{id}", encodeURIComponent(externalId));
}

/**
 * A system described by a `tandem.rest/v1` JSON description (see rest-description.ts): endpoints,
 * paging, auth and a field map, with Standard Webhooks deliveries. Writes carry the
 * description's idempotency header; whether the system honours it is the system's business,
 * and Tandem's own idempotency comes from diffing against the shadow before any write.
 */
export class RestConnector implements Connector {
  readonly kind = "rest" as const;
  /** Every mapped field that is not marked read-only. */
  readonly syncedFields: readonly (keyof Employee)[];
  readonly description: RestDescription;
  private readonly http: HttpClient;
  private readonly pageSize: number;

  constructor(
    private readonly config: RestConnectionConfig,
    options: ConnectorOptions,
  ) {
    // Re-validated so a config built in code (not parsed) is held to the same rules.
    this.description = parseRestDescription(config.description);
    this.syncedFields = syncedFieldsOf(this.description);
    const { auth } = this.description;
    this.http = new HttpClient({
      vendor: "REST system",
      baseUrl: config.baseUrl,
      allowPrivateNetwork: options.allowPrivateNetwork,
      headers:
        auth.type === "bearer"
          ? { Authorization: `Bearer ${config.credential}` }
          : { [auth.name]: config.credential },
      readVendorMessage: readRestErrorMessage,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
    });
    this.pageSize = options.pageSize ?? this.description.defaultPageSize;
  }

  describe(): ConnectorDescription {
    return describeRestSystem(this.description);
  }

  verifyWebhook(headers: Headers, rawBody: string, now?: Date): WebhookVerification {
    return verifyStandardWebhook(
      headers,
      rawBody,
      this.config.webhookSecret,
      now,
      this.description.webhook,
    );
  }

  /** The cursor is the system's own cursor, or the page number for page/per paging. */
  /** Not yet exposed to the plan-driven engine. */
  syncEntity(_entity: string): SyncEntity | null {
    return null;
  }

  async listEmployees(cursor?: string | null): Promise<EmployeePage> {
    const { list } = this.description.endpoints;
    const { paging } = list;
    const query: Record<string, string> = {};
    let page = 0;
    if (paging.style === "cursor") {
      if (paging.limitParam !== undefined) query[paging.limitParam] = String(this.pageSize);
      if (cursor) query[paging.cursorParam] = cursor;
    } else {
      page = cursor ? Number(cursor) : paging.firstPage;
      if (!Number.isInteger(page) || page < paging.firstPage) {
        throw new ConnectorError(
          `REST page cursor ${JSON.stringify(cursor)} is not a page number`,
          "permanent",
        );
      }
      query[paging.pageParam] = String(page);
      query[paging.perPageParam] = String(this.pageSize);
    }
    const response = await this.http.request({ method: "GET", path: list.path, query });
    const items =
      list.itemsPath === undefined ? response.body : readJsonPath(response.body, list.itemsPath);
    if (!Array.isArray(items)) {
      throw new ConnectorError(
        `Unexpected REST employee list: ${list.itemsPath ?? "(root)"} is not an array`,
        "permanent",
      );
    }
    const employees = items.map((item, index) => this.toExternal(item, `list item ${index}`));
    if (paging.style === "page") {
      return {
        items: employees,
        nextCursor: employees.length >= this.pageSize ? String(page + 1) : null,
      };
    }
    const next = readJsonPath(response.body, paging.nextCursorPath);
    if (next !== undefined && next !== null && typeof next !== "string") {
      throw new ConnectorError(
        `Unexpected REST employee list: ${paging.nextCursorPath} is not a string cursor`,
        "permanent",
      );
    }
    return { items: employees, nextCursor: next ? next : null };
  }

  async getEmployee(externalId: string): Promise<ExternalEmployee | null> {
    const response = await this.readRecord(externalId);
    return response === null ? null : this.toExternal(response, `employee ${externalId}`);
  }

  findEmployeeByWorkEmail(email: string): Promise<ExternalEmployee | null> {
    return findByWorkEmail((cursor) => this.listEmployees(cursor), email);
  }

  async createEmployee(
    employee: Employee,
    idempotencyKey: string,
  ): Promise<{ externalId: string }> {
    const { create } = this.description.endpoints;
    const response = await this.http.request({
      method: create.method,
      path: create.path,
      json: employeeToRestBody(this.description, employee),
      headers: { [this.description.idempotencyKeyHeader]: idempotencyKey },
    });
    let externalId: unknown;
    if (create.id.from === "body") {
      externalId = readJsonPath(response.body, create.id.path);
    } else {
      const segment = response.headers.get("location")?.replace(/\/+$/, "").split("/").pop();
      externalId = segment ? decodeURIComponent(segment) : undefined;
    }
    if ((typeof externalId !== "string" || externalId === "") && typeof externalId !== "number") {
      throw new ConnectorError(
        `REST ${create.method} ${create.path} succeeded without naming the new record (${create.id.from === "body" ? `no id at ${create.id.path}` : "no Location header"})`,
        "permanent",
        { status: response.status },
      );
    }
    return { externalId: String(externalId) };
  }

  /**
   * PATCH sends the mapped fields only. PUT replaces the record, so the current record is read
   * and sent back with the mapped fields merged in: fields Tandem does not map survive.
   */
  async updateEmployee(
    externalId: string,
    employee: Employee,
    idempotencyKey: string,
  ): Promise<void> {
    const { update } = this.description.endpoints;
    let base: Record<string, unknown> = {};
    if (update.method === "PUT") {
      const current = await this.readRecord(externalId);
      if (current === null) {
        throw new ConnectorError(`REST employee ${externalId} does not exist`, "permanent", {
          status: 404,
        });
      }
      base = structuredClone(current);
    }
    await this.http.request({
      method: update.method,
      path: expandPath(update.path, externalId),
      json: employeeToRestBody(this.description, employee, base),
      headers: { [this.description.idempotencyKeyHeader]: idempotencyKey },
    });
  }

  /** The record as the system returns it, or null on 404. */
  private async readRecord(externalId: string): Promise<Record<string, unknown> | null> {
    const { get } = this.description.endpoints;
    let response: HttpResponse;
    try {
      response = await this.http.request({
        method: "GET",
        path: expandPath(get.path, externalId),
      });
    } catch (error) {
      if (error instanceof ConnectorError && error.details.status === 404) return null;
      throw error;
    }
    const record =
      get.itemPath === undefined ? response.body : readJsonPath(response.body, get.itemPath);
    if (!isObject(record)) {
      throw new ConnectorError(
        `Unexpected REST employee ${externalId}: ${get.itemPath ?? "(root)"} is not an object`,
        "permanent",
      );
    }
    return record;
  }

  private toExternal(raw: unknown, what: string): ExternalEmployee {
    if (!isObject(raw)) {
      throw new ConnectorError(`Unexpected REST ${what}: not an object`, "permanent");
    }
    const id = readJsonPath(raw, this.description.idPath);
    if ((typeof id !== "string" || id === "") && typeof id !== "number") {
      throw new ConnectorError(
        `Unexpected REST ${what}: no id at ${this.description.idPath}`,
        "permanent",
      );
    }
    const externalId = String(id);
    return { externalId, employee: restToEmployee(this.description, raw, externalId), raw };
  }
}
