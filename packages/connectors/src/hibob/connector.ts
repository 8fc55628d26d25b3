import type { Employee } from "@tandem/hr-model";
import { z } from "zod";
import type { HiBobConnectionConfig } from "./config";
import type { ConnectorDescription } from "../connector-description";
import type { ConnectorOptions } from "../connector-options";
import {
  ConnectorError,
  type Connector,
  type EmployeePage,
  type ExternalCompensation,
  type ExternalEmployee,
  type WebhookVerification,
} from "../contract";
import type { SyncEntity } from "../sync-entity";
import { HttpClient, type HttpResponse } from "../http";
import { parseVendorResponse } from "../vendor-response";
import {
  HIBOB_EMPLOYEE_FIELDS,
  HiBobEmployee,
  employeeToHiBobWork,
  hibobToEmployee,
} from "./normalize";
import { describeHiBob } from "./describe";
import { HiBobSalariesReply, hiBobToCompensation } from "./salaries";
import { verifyHiBobWebhook } from "./webhook";

const SearchReply = z.object({ employees: z.array(HiBobEmployee) });
const ErrorBody = z.looseObject({ error: z.string().optional(), message: z.string().optional() });

/** Bob's error bodies are a `{key, error}` pair on the people API (`message` on some others). */
export function readHiBobErrorMessage(response: HttpResponse): string | undefined {
  const body = ErrorBody.safeParse(response.body);
  if (!body.success) return undefined;
  return body.data.error ?? body.data.message;
}

/** The read options both read endpoints take: our fields, with display names appended. */
const READ_OPTIONS = { fields: [...HIBOB_EMPLOYEE_FIELDS], humanReadable: "APPEND" } as const;

/**
 * Talks to Bob's API at `{baseUrl}/v1` (`https://api.hibob.com/v1`) with HTTP Basic: the
 * service user's id as user name, its token as password.
 *
 * Reads use `POST /v1/people/search`, which returns every employee in one reply (Bob has no
 * paging there, and allows 50 calls a minute), and `POST /v1/people/{id or email}` for one
 * person. Writes: `POST /v1/people` creates, `PUT /v1/people/{id}` merges like a PATCH, and
 * the work email changes through its own `PUT /v1/people/{id}/email`.
 *
 * Not covered: salaries (`/v1/people/{id}/salaries`) are not read or written, since the
 * connector contract carries no compensation yet; lifecycle and termination are read only
 * (Bob changes them through its lifecycle and termination flows, not the people update).
 */
export class HiBobConnector implements Connector {
  readonly kind = "hibob" as const;
  /**
   * What Bob reads back exactly as written. Status and termination date are read only here
   * (see above); preferred name, employee number, contact details, locations and manager
   * are not mapped. Title and department round-trip by display name (see normalize.ts).
   */
  readonly syncedFields = [
    "firstName",
    "lastName",
    "workEmail",
    "jobTitle",
    "department",
    "startDate",
  ] as const satisfies readonly (keyof Employee)[];
  private readonly http: HttpClient;

  constructor(
    private readonly config: HiBobConnectionConfig,
    options: ConnectorOptions,
  ) {
    const credentials = `${config.serviceUserId}:${config.token}`;
    this.http = new HttpClient({
      vendor: "HiBob",
      baseUrl: `${config.baseUrl.replace(/\/+$/, "")}/v1`,
      allowPrivateNetwork: options.allowPrivateNetwork,
      headers: { Authorization: `Basic ${Buffer.from(credentials).toString("base64")}` },
      readVendorMessage: readHiBobErrorMessage,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
    });
  }

  describe(): ConnectorDescription {
    return describeHiBob();
  }

  verifyWebhook(headers: Headers, rawBody: string): WebhookVerification {
    return verifyHiBobWebhook(headers, rawBody, this.config.webhookSecret);
  }

  /** One page holds everyone, inactive people included (they are terminations to sync). */
  /** Not yet exposed to the plan-driven engine. */
  syncEntity(_entity: string): SyncEntity | null {
    return null;
  }

  async listEmployees(cursor?: string | null): Promise<EmployeePage> {
    if (cursor !== undefined && cursor !== null) {
      throw new ConnectorError(
        `HiBob people search has no pages; cursor ${JSON.stringify(cursor)} was not issued by this connector`,
        "permanent",
      );
    }
    const response = await this.http.request({
      method: "POST",
      path: "/people/search",
      json: { ...READ_OPTIONS, showInactive: true },
    });
    const reply = parseVendorResponse(SearchReply, response.body, "HiBob people search reply");
    return { items: reply.employees.map(toExternalEmployee), nextCursor: null };
  }

  async getEmployee(externalId: string): Promise<ExternalEmployee | null> {
    return this.readOne(externalId, `HiBob employee ${externalId}`);
  }

  /** Bob's single read takes an email in place of the id, so matching costs one call. */
  /** `GET /v1/people/{id}/salaries`: the person's salary history, oldest first (read only). */
  async listCompensations(employeeExternalId: string): Promise<ExternalCompensation[]> {
    const response = await this.http.request({
      method: "GET",
      path: `/people/${encodeURIComponent(employeeExternalId)}/salaries`,
    });
    const reply = parseVendorResponse(
      HiBobSalariesReply,
      response.body,
      `HiBob salaries of employee ${employeeExternalId}`,
    );
    return reply.values
      .map((raw) => ({
        externalId: raw.id,
        compensation: hiBobToCompensation(raw, employeeExternalId),
        raw,
      }))
      .sort((a, b) => a.compensation.effectiveDate.localeCompare(b.compensation.effectiveDate));
  }

  async findEmployeeByWorkEmail(email: string): Promise<ExternalEmployee | null> {
    const wanted = email.trim().toLowerCase();
    const found = await this.readOne(wanted, "HiBob employee looked up by email");
    return found?.employee.workEmail?.toLowerCase() === wanted ? found : null;
  }

  /**
   * Bob requires first name, surname, email, `work.site` and `work.startDate`. The site comes
   * from the connection's `defaultSite`, as the normalized model has no site name. Bob
   * documents no idempotency header; the key is sent for traceability and ignored, and
   * Tandem matches by work email before any create.
   */
  async createEmployee(
    employee: Employee,
    idempotencyKey: string,
  ): Promise<{ externalId: string }> {
    const missing = [
      employee.workEmail ? null : "workEmail",
      employee.startDate ? null : "startDate",
      this.config.defaultSite ? null : "defaultSite (connection setting for work.site)",
    ].filter((name): name is string => name !== null);
    if (missing.length > 0) {
      throw new ConnectorError(
        `HiBob needs ${missing.join(", ")} to create ${employee.firstName} ${employee.lastName}`,
        "permanent",
      );
    }
    const response = await this.http.request({
      method: "POST",
      path: "/people",
      json: {
        firstName: employee.firstName,
        surname: employee.lastName,
        email: employee.workEmail,
        work: { ...employeeToHiBobWork(employee), site: this.config.defaultSite },
      },
      headers: { "Idempotency-Key": idempotencyKey },
    });
    const created = parseVendorResponse(
      z.looseObject({ id: HiBobEmployee.shape.id }),
      response.body,
      "HiBob created employee",
    );
    return { externalId: created.id };
  }

  /**
   * `PUT /v1/people/{id}` with names and work fields (absent keys stay), then the email
   * through its own endpoint when the employee carries one; Bob cannot clear an email.
   */
  async updateEmployee(
    externalId: string,
    employee: Employee,
    idempotencyKey: string,
  ): Promise<void> {
    const path = `/people/${encodeURIComponent(externalId)}`;
    const work = employeeToHiBobWork(employee);
    await this.http.request({
      method: "PUT",
      path,
      json: {
        firstName: employee.firstName,
        surname: employee.lastName,
        ...(Object.keys(work).length > 0 ? { work } : {}),
      },
      headers: { "Idempotency-Key": idempotencyKey },
    });
    if (employee.workEmail) {
      await this.http.request({
        method: "PUT",
        path: `${path}/email`,
        json: { email: employee.workEmail },
        headers: { "Idempotency-Key": `${idempotencyKey}:email` },
      });
    }
  }

  private async readOne(identifier: string, what: string): Promise<ExternalEmployee | null> {
    try {
      const response = await this.http.request({
        method: "POST",
        path: `/people/${encodeURIComponent(identifier)}`,
        json: READ_OPTIONS,
      });
      return toExternalEmployee(parseVendorResponse(HiBobEmployee, response.body, what));
    } catch (error) {
      if (error instanceof ConnectorError && error.details.status === 404) return null;
      throw error;
    }
  }
}

function toExternalEmployee(raw: HiBobEmployee): ExternalEmployee {
  return { externalId: raw.id, employee: hibobToEmployee(raw), raw };
}
