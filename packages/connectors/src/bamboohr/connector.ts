import type { BenefitEnrollment, Employee } from "@tandem/hr-model";
import { z } from "zod";
import type { BambooHrConnectionConfig } from "./config";
import type { ConnectorDescription } from "../connector-description";
import type { ConnectorOptions } from "../connector-options";
import {
  ConnectorError,
  type Connector,
  type EmployeePage,
  type ExternalCompensation,
  type ExternalEmployee,
  type WebhookVerification,
  type WebhookRegistration,
} from "../contract";
import type { SyncEntity } from "../sync-entity";
import { findByWorkEmail } from "../find-by-work-email";
import { HttpClient, type HttpResponse } from "../http";
import { parseVendorResponse } from "../vendor-response";
import {
  BAMBOOHR_EMPLOYEE_FIELDS,
  BambooHrEmployee,
  bambooHrToEmployee,
  employeeToBambooHrFields,
} from "./normalize";
import { BambooHrBenefitEnrollmentEntity } from "./benefit-enrollment-entity";
import { BambooHrEmployeeBenefitRow, bambooHrToBenefitEnrollment } from "./benefits";
import { BambooHrCompensationRow, bambooHrToCompensation } from "./compensation";
import { describeBambooHr } from "./describe";
import { BAMBOOHR_SYNC_EMPLOYEE_FIELDS, BambooHrEmployeeEntity } from "./employee-entity";
import { verifyBambooHrWebhook } from "./webhook";

/** BambooHR's default page size on the cursor-paged list endpoint (maximum 2500). */
const DEFAULT_PAGE_LIMIT = 250;

const EmployeeListReply = z.object({
  data: z.array(BambooHrEmployee),
  meta: z.object({ page: z.object({ nextCursor: z.string().nullish() }) }),
});

const ErrorBody = z.object({ error: z.object({ message: z.string() }) });
const WebhookReply = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  privateKey: z.string().min(1),
});

/** BambooHR puts its explanation in a header (most endpoints) or `{error:{message}}` (lists). */
export function readBambooHrErrorMessage(response: HttpResponse): string | undefined {
  const header = response.headers.get("x-bamboohr-error-message");
  if (header !== null && header.trim() !== "") return header;
  const body = ErrorBody.safeParse(response.body);
  return body.success ? body.data.error.message : undefined;
}

/**
 * Talks to BambooHR through the legacy gateway form
 * `{baseUrl}/api/gateway.php/{companyDomain}/v1`, which works for every company with the same
 * host (`https://api.bamboohr.com`); the newer `https://{companyDomain}.bamboohr.com/api/v1`
 * would make the host itself tenant-specific. Auth is HTTP Basic with the API key as user
 * and any password ("x").
 */
export class BambooHrConnector implements Connector {
  readonly kind = "bamboohr" as const;
  /**
   * The fields this connector reads and writes (see normalize.ts), but status: BambooHR's
   * Active/Inactive reads leave and pending back as active, which would undo another
   * system's leave. Fields the model has and BambooHR's mapping does not carry yet
   * (employee number, personal contact, locations, manager) are left out: the contract
   * suite's round trip showed them coming back empty.
   */
  readonly syncedFields = [
    "firstName",
    "lastName",
    "preferredName",
    "workEmail",
    "jobTitle",
    "department",
    "startDate",
    "terminationDate",
  ] as const satisfies readonly (keyof Employee)[];
  private readonly http: HttpClient;
  private readonly pageLimit: number;
  private readonly entities: Record<string, SyncEntity>;

  constructor(
    private readonly config: BambooHrConnectionConfig,
    options: ConnectorOptions,
  ) {
    const origin = config.baseUrl.replace(/\/+$/, "");
    this.http = new HttpClient({
      vendor: "BambooHR",
      baseUrl: `${origin}/api/gateway.php/${encodeURIComponent(config.companyDomain)}/v1`,
      allowPrivateNetwork: options.allowPrivateNetwork,
      // BambooHR answers in XML unless asked for JSON; HttpClient sends Accept: application/json.
      headers: {
        Authorization: `Basic ${Buffer.from(`${config.apiKey}:x`).toString("base64")}`,
      },
      readVendorMessage: readBambooHrErrorMessage,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
    });
    this.pageLimit = options.pageSize ?? DEFAULT_PAGE_LIMIT;
    this.entities = {
      employee: new BambooHrEmployeeEntity(this.http, this.pageLimit),
      BenefitEnrollment: new BambooHrBenefitEnrollmentEntity(this.http, this.pageLimit),
    };
  }

  describe(): ConnectorDescription {
    return describeBambooHr();
  }

  verifyWebhook(headers: Headers, rawBody: string, now?: Date): WebhookVerification {
    return verifyBambooHrWebhook(headers, rawBody, this.config.webhookPrivateKey, now);
  }

  /**
   * `POST /v1/webhooks` for event-based employee events, monitoring every field Tandem reads.
   * BambooHR has no benefit webhook: enrollment changes reach Tandem through these employee
   * events (a termination ends enrollments) and the reconciliation.
   * BambooHR returns the webhook's `privateKey` once, here; it signs every delivery and must
   * be stored as the connection's `webhookPrivateKey`. BambooHR only posts to HTTPS URLs.
   */
  async registerWebhook(url: string): Promise<WebhookRegistration> {
    const response = await this.http.request({
      method: "POST",
      path: "/webhooks",
      json: {
        name: "Tandem sync",
        url,
        format: "json",
        events: ["employee.created", "employee.updated", "employee.deleted"],
        // Status, termination and pay change through table rows; BambooHR reports them as
        // changes of these employee fields, so monitoring them covers those too.
        monitorFields: [
          ...new Set([...BAMBOOHR_EMPLOYEE_FIELDS, ...BAMBOOHR_SYNC_EMPLOYEE_FIELDS]),
        ],
        postFields: {},
      },
    });
    const created = parseVendorResponse(WebhookReply, response.body, "BambooHR created webhook");
    return { id: created.id, status: "active", signingSecret: created.privateKey };
  }

  /** `DELETE /v1/webhooks/{id}`; an unknown webhook is already gone. */
  async unregisterWebhook(id: string): Promise<void> {
    try {
      await this.http.request({ method: "DELETE", path: `/webhooks/${encodeURIComponent(id)}` });
    } catch (error) {
      if (error instanceof ConnectorError && error.details.status === 404) return;
      throw error;
    }
  }

  /**
   * `employee` (side A of the BambooHR ⇄ Gusto template) and `BenefitEnrollment` (side A of the
   * benefit-deductions template, read only). See employee-entity.ts and
   * benefit-enrollment-entity.ts.
   */
  syncEntity(entity: string): SyncEntity | null {
    return this.entities[entity] ?? null;
  }

  async listEmployees(cursor?: string | null): Promise<EmployeePage> {
    const response = await this.http.request({
      method: "GET",
      path: "/employees",
      query: {
        fields: BAMBOOHR_EMPLOYEE_FIELDS.join(","),
        "page[limit]": String(this.pageLimit),
        ...(cursor ? { "page[after]": cursor } : {}),
      },
    });
    // The list reply's item key (`data`) is not in the fact sheet; it follows the JSON:API
    // style of the `meta.page` block that the sheet does document.
    const reply = parseVendorResponse(EmployeeListReply, response.body, "BambooHR employee list");
    return {
      items: reply.data.map(toExternalEmployee),
      nextCursor: reply.meta.page.nextCursor ?? null,
    };
  }

  async getEmployee(externalId: string): Promise<ExternalEmployee | null> {
    try {
      const response = await this.http.request({
        method: "GET",
        path: `/employees/${encodeURIComponent(externalId)}`,
        query: { fields: BAMBOOHR_EMPLOYEE_FIELDS.join(",") },
      });
      const raw = parseVendorResponse(
        BambooHrEmployee,
        response.body,
        `BambooHR employee ${externalId}`,
      );
      return toExternalEmployee(raw);
    } catch (error) {
      if (error instanceof ConnectorError && error.details.status === 404) return null;
      throw error;
    }
  }

  /**
   * `GET /v1/employees/{id}/tables/compensation`: the effective-dated pay history, oldest
   * first. Rates are read only; BambooHR's table writes are not wired up yet.
   */
  async listCompensations(employeeExternalId: string): Promise<ExternalCompensation[]> {
    const response = await this.http.request({
      method: "GET",
      path: `/employees/${encodeURIComponent(employeeExternalId)}/tables/compensation`,
    });
    const rows = parseVendorResponse(
      z.array(BambooHrCompensationRow),
      response.body,
      `BambooHR compensation table of employee ${employeeExternalId}`,
    );
    return rows
      .map((raw) => ({
        externalId: raw.id,
        compensation: bambooHrToCompensation(raw, employeeExternalId),
        raw,
      }))
      .sort((a, b) => a.compensation.effectiveDate.localeCompare(b.compensation.effectiveDate));
  }

  /**
   * `GET /v1/benefit/employee_benefit?employeeId=`: the employee's current enrollments, oldest
   * first; waived or otherwise unenrolled rows are left out. BambooHR-only for now (the
   * connector contract has no benefit read). The id is employee, plan and start date, since
   * the sheet documents no row id.
   */
  async listBenefitEnrollments(
    employeeExternalId: string,
  ): Promise<
    { externalId: string; enrollment: BenefitEnrollment; raw: BambooHrEmployeeBenefitRow }[]
  > {
    const response = await this.http.request({
      method: "GET",
      path: "/benefit/employee_benefit",
      query: { employeeId: employeeExternalId },
    });
    const rows = parseVendorResponse(
      z.array(BambooHrEmployeeBenefitRow),
      response.body,
      `BambooHR employee benefits of employee ${employeeExternalId}`,
    );
    return rows
      .filter((raw) => raw.employeeId === employeeExternalId)
      .flatMap((raw) => {
        const enrollment = bambooHrToBenefitEnrollment(raw);
        return enrollment ? [{ externalId: enrollment.id, enrollment, raw }] : [];
      })
      .sort((a, b) => a.enrollment.effectiveDate.localeCompare(b.enrollment.effectiveDate));
  }

  findEmployeeByWorkEmail(email: string): Promise<ExternalEmployee | null> {
    return findByWorkEmail((cursor) => this.listEmployees(cursor), email);
  }

  /**
   * BambooHR documents no idempotency header; the Idempotency-Key is sent for traceability
   * and ignored. Tandem's own idempotency comes from diffing against the shadow before any
   * write, and from matching by work email before any create.
   */
  async createEmployee(
    employee: Employee,
    idempotencyKey: string,
  ): Promise<{ externalId: string }> {
    const response = await this.http.request({
      method: "POST",
      path: "/employees",
      json: employeeToBambooHrFields(employee),
      headers: { "Idempotency-Key": idempotencyKey },
    });
    // 201 with an empty body; the new id is the last segment of the Location header.
    const location = response.headers.get("location");
    const externalId = location?.replace(/\/+$/, "").split("/").pop();
    if (!externalId) {
      throw new ConnectorError(
        "BambooHR POST /employees succeeded without a Location header naming the new employee",
        "permanent",
        { status: response.status },
      );
    }
    return { externalId: decodeURIComponent(externalId) };
  }

  async updateEmployee(
    externalId: string,
    employee: Employee,
    idempotencyKey: string,
  ): Promise<void> {
    await this.http.request({
      method: "POST",
      path: `/employees/${encodeURIComponent(externalId)}`,
      json: employeeToBambooHrFields(employee),
      headers: { "Idempotency-Key": idempotencyKey },
    });
  }
}

function toExternalEmployee(raw: BambooHrEmployee): ExternalEmployee {
  return { externalId: raw.id, employee: bambooHrToEmployee(raw), raw };
}
