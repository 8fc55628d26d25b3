import type { BenefitEnrollment, Compensation, Employee } from "@tandem/hr-model";
import { z } from "zod";
import type { GustoConnectionConfig } from "./config";
import type { ConnectorDescription } from "../connector-description";
import type { ConnectorOptions } from "../connector-options";
import {
  ConnectorError,
  type Connector,
  type EmployeePage,
  type ExternalCompensation,
  type ExternalEmployee,
  type WebhookVerification,
  type WebhookHandshake,
  type WebhookRegistration,
} from "../contract";
import type { SyncEntity } from "../sync-entity";
import { findByWorkEmail } from "../find-by-work-email";
import { HttpClient, type HttpResponse } from "../http";
import { parseVendorResponse } from "../vendor-response";
import {
  GustoEmployee,
  employeeToGustoCreateFields,
  employeeToGustoUpdateFields,
  gustoToEmployee,
} from "./normalize";
import {
  GustoCompensation,
  GustoJobWithCompensations,
  compensationToGustoFields,
  gustoToCompensation,
} from "./compensation";
import {
  GustoCompanyBenefit,
  GustoEmployeeBenefit,
  benefitEnrollmentToGustoFields,
  gustoToBenefitEnrollment,
  type GustoBenefitEnrollment,
} from "./benefits";
import { describeGusto } from "./describe";
import { GustoEmployeeBenefitEntity } from "./employee-benefit-entity";
import { GustoEmployeeEntity } from "./employee-entity";
import type { GustoEntityContext } from "./entity-support";
import { parseGustoVerificationHandshake, verifyGustoWebhook } from "./webhook";

export const GUSTO_API_VERSION = "2025-06-15";
/** Gusto's default `per` on paged lists. */
const DEFAULT_PER_PAGE = 25;

const ErrorBody = z.object({
  errors: z.array(
    z.looseObject({ error_key: z.string().nullish(), message: z.string().nullish() }),
  ),
});
const MessageBody = z.object({ message: z.string() });
const SubscriptionReply = z.looseObject({ uuid: z.string().min(1), status: z.string() });

/** The subscription types Tandem asks for: employees, their jobs and pay, their benefits. */
const SUBSCRIPTION_TYPES = ["Employee", "EmployeeJobCompensation", "EmployeeBenefit"];

/** Gusto's 4xx body is `{errors:[{error_key, category, message, metadata, errors[]}]}`. */
export function readGustoErrorMessage(response: HttpResponse): string | undefined {
  const body = ErrorBody.safeParse(response.body);
  if (body.success && body.data.errors.length > 0) {
    return body.data.errors
      .map((error) =>
        error.error_key && error.error_key !== "base"
          ? `${error.error_key}: ${error.message ?? "invalid"}`
          : (error.message ?? "invalid"),
      )
      .join("; ");
  }
  const message = MessageBody.safeParse(response.body);
  return message.success ? message.data.message : undefined;
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Talks to Gusto's REST API at `{baseUrl}/v1` with a company OAuth bearer token, pinned to
 * API version 2025-06-15. Writes carry `Idempotency-Key` (Gusto documents idempotent
 * requests under that header; the exact replay semantics are unconfirmed), and updates send
 * the record's current `version`, as Gusto requires.
 */
/**
 * Gusto refuses a write whose `version` is stale with 409. `attempt` reads the record and
 * writes against its version; after a conflict it runs once more on a fresh read, and a
 * second conflict is left to the caller's retry.
 */
async function writeWithFreshVersion(what: string, attempt: () => Promise<void>): Promise<void> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      const conflict = error instanceof ConnectorError && error.details.status === 409;
      if (!conflict) throw error;
      if (tries >= 2) {
        throw new ConnectorError(
          `${what} kept changing while we wrote it (409 twice)`,
          "retryable",
          error.details,
        );
      }
    }
  }
}

export class GustoConnector implements Connector {
  readonly kind = "gusto" as const;
  /**
   * Job title and start date live on jobs (read-only here) and Gusto's status mixes
   * onboarding with employment, so none of them round-trips through this connector yet.
   */
  readonly syncedFields = [
    "firstName",
    "lastName",
    "preferredName",
    "workEmail",
    "department",
  ] as const;
  private readonly http: HttpClient;
  private readonly perPage: number;
  private employeeEntity: GustoEmployeeEntity | undefined;
  private benefitEntity: GustoEmployeeBenefitEntity | undefined;

  constructor(
    private readonly config: GustoConnectionConfig,
    options: ConnectorOptions,
  ) {
    this.http = new HttpClient({
      vendor: "Gusto",
      baseUrl: `${config.baseUrl.replace(/\/+$/, "")}/v1`,
      allowPrivateNetwork: options.allowPrivateNetwork,
      headers: {
        Authorization: `Bearer ${config.accessToken}`,
        "X-Gusto-API-Version": GUSTO_API_VERSION,
      },
      readVendorMessage: readGustoErrorMessage,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
    });
    this.perPage = options.pageSize ?? DEFAULT_PER_PAGE;
  }

  describe(): ConnectorDescription {
    return describeGusto();
  }

  parseWebhookHandshake(rawBody: string): WebhookHandshake | null {
    return parseGustoVerificationHandshake(rawBody);
  }

  verifyWebhook(headers: Headers, rawBody: string): WebhookVerification {
    return verifyGustoWebhook(headers, rawBody, this.config.webhookVerificationToken);
  }

  /**
   * `POST /v1/webhook_subscriptions {url, subscription_types}` with the system access token.
   * The subscription starts `pending`: Gusto POSTs `{verification_token}` to the URL, and
   * nothing else is delivered until `completeWebhookHandshake` echoes it back.
   */
  async registerWebhook(url: string): Promise<WebhookRegistration> {
    const response = await this.http.request({
      method: "POST",
      path: "/webhook_subscriptions",
      json: { url, subscription_types: SUBSCRIPTION_TYPES },
      headers: this.systemAuthorization(),
    });
    const created = parseVendorResponse(
      SubscriptionReply,
      response.body,
      "Gusto webhook subscription",
    );
    return {
      id: created.uuid,
      status: created.status === "verified" ? "active" : "pending_verification",
    };
  }

  /** `PUT /v1/webhook_subscriptions/{uuid}/verify {verification_token}`. */
  async completeWebhookHandshake(registrationId: string, verificationToken: string): Promise<void> {
    await this.http.request({
      method: "PUT",
      path: `/webhook_subscriptions/${encodeURIComponent(registrationId)}/verify`,
      json: { verification_token: verificationToken },
      headers: this.systemAuthorization(),
    });
  }

  /** `DELETE /v1/webhook_subscriptions/{uuid}`; an unknown subscription is already gone. */
  async unregisterWebhook(id: string): Promise<void> {
    try {
      await this.http.request({
        method: "DELETE",
        path: `/webhook_subscriptions/${encodeURIComponent(id)}`,
        headers: this.systemAuthorization(),
      });
    } catch (error) {
      if (error instanceof ConnectorError && error.details.status === 404) return;
      throw error;
    }
  }

  private systemAuthorization(): Record<string, string> {
    if (this.config.systemAccessToken === undefined) {
      throw new ConnectorError(
        "Gusto webhook subscriptions need the organization's system access token (systemAccessToken), which this connection lacks",
        "permanent",
      );
    }
    return { Authorization: `Bearer ${this.config.systemAccessToken}` };
  }

  /** `GET /v1/employees/{id}/jobs`: every job's compensations, oldest effective date first. */
  async listCompensations(employeeExternalId: string): Promise<ExternalCompensation[]> {
    const response = await this.http.request({
      method: "GET",
      path: `/employees/${encodeURIComponent(employeeExternalId)}/jobs`,
    });
    const jobs = parseVendorResponse(
      z.array(GustoJobWithCompensations),
      response.body,
      `Gusto jobs of employee ${employeeExternalId}`,
    );
    return jobs
      .flatMap((job) => job.compensations ?? [])
      .map((raw) => ({
        externalId: raw.uuid,
        compensation: gustoToCompensation(raw, employeeExternalId),
        raw,
        version: raw.version,
      }))
      .sort((a, b) => a.compensation.effectiveDate.localeCompare(b.compensation.effectiveDate));
  }

  /**
   * `PUT /v1/compensations/{id}` with rate, unit and effective date and the current `version`
   * (read first); a 409 is retried once after a fresh read, as for employees.
   */
  async updateCompensation(
    externalId: string,
    compensation: Compensation,
    idempotencyKey: string,
  ): Promise<void> {
    const fields = compensationToGustoFields(compensation);
    if (fields === null) {
      throw new ConnectorError(
        `Gusto cannot hold compensation ${externalId} (${compensation.payUnit} in ${compensation.currency}): it pays USD per hour, week, month, year or paycheck`,
        "permanent",
      );
    }
    const path = `/compensations/${encodeURIComponent(externalId)}`;
    await writeWithFreshVersion(`Gusto compensation ${externalId}`, async () => {
      const read = await this.http.request({ method: "GET", path });
      const current = parseVendorResponse(
        GustoCompensation,
        read.body,
        `Gusto compensation ${externalId}`,
      );
      await this.http.request({
        method: "PUT",
        path,
        json: { ...fields, version: current.version },
        headers: { "Idempotency-Key": `${idempotencyKey}:${current.version}` },
      });
    });
  }

  /**
   * `GET /v1/employees/{id}/employee_benefits`, each with its plan from
   * `GET /v1/company_benefits/{id}` (read once per plan). Fixed amounts come back in cents,
   * percentages in basis points; each carries the `version` an update must send.
   */
  async listBenefitEnrollments(employeeExternalId: string): Promise<GustoBenefitEnrollment[]> {
    const response = await this.http.request({
      method: "GET",
      path: `/employees/${encodeURIComponent(employeeExternalId)}/employee_benefits`,
    });
    const benefits = parseVendorResponse(
      z.array(GustoEmployeeBenefit),
      response.body,
      `Gusto employee benefits of employee ${employeeExternalId}`,
    );
    const plans = new Map<string, GustoCompanyBenefit>();
    for (const planId of new Set(benefits.map((benefit) => benefit.company_benefit_uuid))) {
      const read = await this.http.request({
        method: "GET",
        path: `/company_benefits/${encodeURIComponent(planId)}`,
      });
      plans.set(
        planId,
        parseVendorResponse(GustoCompanyBenefit, read.body, `Gusto company benefit ${planId}`),
      );
    }
    return benefits.map((benefit) =>
      gustoToBenefitEnrollment(benefit, plans.get(benefit.company_benefit_uuid)),
    );
  }

  /**
   * `PUT /v1/employee_benefits/{id}` with the deduction, the contribution, their annual
   * maximums and dates, against the caller's `version`. A stale version (409) or a rejected
   * value (422) is permanent with Gusto's message: the caller re-reads and decides, since the
   * enrollment may have been changed on purpose. 429 and 5xx are retryable.
   * Returns the enrollment's new version.
   */
  async updateBenefitEnrollment(
    externalId: string,
    enrollment: BenefitEnrollment,
    options: { version: string; idempotencyKey: string },
  ): Promise<{ version: string }> {
    const fields = benefitEnrollmentToGustoFields(externalId, enrollment);
    const response = await this.http.request({
      method: "PUT",
      path: `/employee_benefits/${encodeURIComponent(externalId)}`,
      json: { ...fields, version: options.version },
      headers: { "Idempotency-Key": `${options.idempotencyKey}:${options.version}` },
    });
    const updated = parseVendorResponse(
      GustoEmployeeBenefit,
      response.body,
      `Gusto employee benefit ${externalId}`,
    );
    return { version: updated.version };
  }

  /**
   * `employee` (person, primary job, current compensation, active termination) and
   * `employee_benefit` (deduction and company contribution), for the plan-driven engine.
   */
  syncEntity(entity: string): SyncEntity | null {
    const context: GustoEntityContext = {
      http: this.http,
      companyId: this.config.companyId,
      perPage: this.perPage,
      systemAccessToken: this.config.systemAccessToken,
    };
    if (entity === "employee") return (this.employeeEntity ??= new GustoEmployeeEntity(context));
    if (entity === "employee_benefit") {
      return (this.benefitEntity ??= new GustoEmployeeBenefitEntity(context));
    }
    return null;
  }

  /** The cursor is Gusto's 1-based page number. */

  async listEmployees(cursor?: string | null): Promise<EmployeePage> {
    const page = cursor ? Number(cursor) : 1;
    if (!Number.isInteger(page) || page < 1) {
      throw new ConnectorError(
        `Gusto page cursor ${JSON.stringify(cursor)} is not a page number`,
        "permanent",
      );
    }
    const response = await this.http.request({
      method: "GET",
      path: `/companies/${encodeURIComponent(this.config.companyId)}/employees`,
      query: { page: String(page), per: String(this.perPage) },
    });
    const items = parseVendorResponse(z.array(GustoEmployee), response.body, "Gusto employee list");
    const totalPagesHeader = response.headers.get("x-total-pages");
    const hasMore =
      totalPagesHeader === null ? items.length === this.perPage : page < Number(totalPagesHeader);
    return { items: items.map(toExternalEmployee), nextCursor: hasMore ? String(page + 1) : null };
  }

  async getEmployee(externalId: string): Promise<ExternalEmployee | null> {
    try {
      const response = await this.http.request({
        method: "GET",
        path: `/employees/${encodeURIComponent(externalId)}`,
      });
      return toExternalEmployee(
        parseVendorResponse(GustoEmployee, response.body, `Gusto employee ${externalId}`),
      );
    } catch (error) {
      if (error instanceof ConnectorError && error.details.status === 404) return null;
      throw error;
    }
  }

  findEmployeeByWorkEmail(email: string): Promise<ExternalEmployee | null> {
    return findByWorkEmail((cursor) => this.listEmployees(cursor), email);
  }

  /**
   * Gusto creates the person first; department and termination are separate writes, so
   * they follow as an update and a termination when the employee carries them.
   */
  async createEmployee(
    employee: Employee,
    idempotencyKey: string,
  ): Promise<{ externalId: string }> {
    const response = await this.http.request({
      method: "POST",
      path: `/companies/${encodeURIComponent(this.config.companyId)}/employees`,
      json: employeeToGustoCreateFields(employee),
      headers: { "Idempotency-Key": idempotencyKey },
    });
    const created = toExternalEmployee(
      parseVendorResponse(GustoEmployee, response.body, "Gusto created employee"),
    );
    const needsFollowUp =
      (employee.department ?? null) !== null || employee.status === "terminated";
    if (needsFollowUp) await this.writeUpdate(created, employee, idempotencyKey);
    return { externalId: created.externalId };
  }

  /**
   * PUT needs the current `version`; a 409 means someone wrote in between. The record is
   * re-read and the write retried once; a second conflict is left to the caller's retry.
   */
  async updateEmployee(
    externalId: string,
    employee: Employee,
    idempotencyKey: string,
  ): Promise<void> {
    await writeWithFreshVersion(`Gusto employee ${externalId}`, async () => {
      const current = await this.getEmployee(externalId);
      if (current === null) {
        throw new ConnectorError(`Gusto employee ${externalId} does not exist`, "permanent", {
          status: 404,
        });
      }
      await this.writeUpdate(current, employee, idempotencyKey);
    });
  }

  private async writeUpdate(
    current: ExternalEmployee,
    employee: Employee,
    idempotencyKey: string,
  ): Promise<void> {
    const isTerminated = current.employee.status === "terminated";
    if (isTerminated && employee.status !== "terminated") {
      throw new ConnectorError(
        `Gusto employee ${current.externalId} is terminated; reactivating needs a rehire, which Tandem does not write yet`,
        "permanent",
      );
    }
    await this.http.request({
      method: "PUT",
      path: `/employees/${encodeURIComponent(current.externalId)}`,
      json: { ...employeeToGustoUpdateFields(employee), version: current.version },
      // Keyed by the version written against, so the retry after a 409 is a new request.
      headers: { "Idempotency-Key": `${idempotencyKey}:${current.version}` },
    });
    if (employee.status === "terminated" && !isTerminated) {
      await this.terminateEmployee(current.externalId, {
        effectiveDate: employee.terminationDate ?? todayUtc(),
        idempotencyKey: `${idempotencyKey}:termination`,
      });
    }
  }

  /**
   * `POST /v1/employees/{id}/terminations {effective_date, run_termination_payroll}`, Gusto's
   * own termination call (no termination payroll is run). Gusto answers 422 when the employee
   * is already terminated or the date is invalid; that is permanent, with Gusto's message.
   */
  async terminateEmployee(
    externalId: string,
    options: { effectiveDate: string; idempotencyKey: string },
  ): Promise<void> {
    await this.http.request({
      method: "POST",
      path: `/employees/${encodeURIComponent(externalId)}/terminations`,
      json: { effective_date: options.effectiveDate, run_termination_payroll: false },
      headers: { "Idempotency-Key": options.idempotencyKey },
    });
  }
}

function toExternalEmployee(raw: GustoEmployee): ExternalEmployee {
  return {
    externalId: raw.uuid,
    employee: gustoToEmployee(raw),
    raw,
    version: raw.version,
  };
}
