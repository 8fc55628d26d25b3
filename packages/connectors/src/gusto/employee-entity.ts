import { z } from "zod";
import { ConnectorError } from "../contract";
import type { EntityPage, EntityRecord, EntityWriteOptions, SyncEntity } from "../sync-entity";
import { parseVendorResponse } from "../vendor-response";
import {
  COMPENSATION_FIELDS,
  EMPLOYEE_FIELDS,
  GustoSyncCompensation,
  GustoSyncEmployee,
  GustoSyncJob,
  JOB_FIELDS,
  LIFECYCLE_FIELDS,
  activeTermination,
  parseRecordVersion,
  toEmployeeRecord,
  type RecordVersion,
} from "./employee-record";
import { endEmployeeDeductions } from "./end-deductions";
import { gustoChangeListing } from "./events";
import {
  collectPages,
  fieldMatches,
  flattenFields,
  hasNextPage,
  nullOnNotFound,
  pageNumber,
  staleError,
  staleOnConflict,
  todayUtc,
  valueAt,
  type GustoEntityContext,
} from "./entity-support";

const KNOWN_FIELDS = new Set<string>([
  ...EMPLOYEE_FIELDS,
  ...JOB_FIELDS,
  ...COMPENSATION_FIELDS,
  ...LIFECYCLE_FIELDS,
]);

const WorkAddress = z.looseObject({
  location_uuid: z.string().min(1),
  active: z.boolean().nullish(),
});

/** A patch split by the Gusto object each part is written to. */
interface SplitPatch {
  employee: Record<string, unknown>;
  job: Record<string, unknown>;
  compensation: Record<string, unknown>;
  terminated?: boolean;
  /** Undefined: not in the patch; null: cleared. */
  terminationDate?: string | null;
}

function splitPatch(employeeId: string, input: Record<string, unknown>): SplitPatch {
  const split: SplitPatch = { employee: {}, job: {}, compensation: {} };
  for (const [path, value] of flattenFields(input)) {
    if (!KNOWN_FIELDS.has(path)) {
      throw new ConnectorError(
        `Gusto employee ${employeeId}: "${path}" is not a field of the gusto employee entity`,
        "permanent",
      );
    }
    if (path.startsWith("job.")) split.job[path.slice(4)] = value;
    else if (path.startsWith("compensation.")) split.compensation[path.slice(13)] = value;
    else if (path === "terminated") {
      if (typeof value !== "boolean") {
        throw new ConnectorError(
          `Gusto employee ${employeeId}: terminated must be true or false, got ${JSON.stringify(value)}`,
          "permanent",
        );
      }
      split.terminated = value;
    } else if (path === "termination.effective_date") {
      if (value !== null && typeof value !== "string") {
        throw new ConnectorError(
          `Gusto employee ${employeeId}: termination.effective_date must be a date or null`,
          "permanent",
        );
      }
      split.terminationDate = value;
    } else split.employee[path] = value;
  }
  for (const [name, value] of Object.entries(split.compensation)) {
    if (value === null) {
      throw new ConnectorError(
        `Gusto employee ${employeeId}: compensation.${name} cannot be cleared; Gusto's compensations always have one`,
        "permanent",
      );
    }
  }
  return split;
}

/**
 * The plan-driven engine's Gusto employee (mapping side "gusto / employee"): read from
 * `GET /v1/employees/{id}`, which embeds the jobs with their compensations and the
 * terminations; written field by field through Gusto's own calls, each with the version the
 * engine read (the record's composite `version`), in this order:
 *
 * 1. person fields: `PUT /v1/employees/{id}`;
 * 2. `job.*`: `PUT /v1/jobs/{job_id}` (`POST /v1/employees/{id}/jobs` when there is none);
 * 3. `compensation.*`: `PUT /v1/compensations/{id}`; a later `compensation.effective_date` is a
 *    new pay rate from that day, `POST /v1/jobs/{job_id}/compensations`, as Gusto models raises
 *    (an earlier or equal date corrects the current compensation in place);
 * 4. `terminated: true`: `POST /v1/employees/{id}/terminations`, which also ends the person's
 *    deductions (`endEmployeeDeductions`); `terminated: false`: `POST /v1/employees/{id}/rehire`;
 *    `termination.effective_date` alone: `PUT /v1/terminations/{id}`. Never a delete.
 *
 * A 409 from any of them is `stale`. The parts are separate Gusto objects, so a stale part
 * leaves the earlier parts written: the engine reads again and finds them already equal.
 * Gusto honours no idempotency key (its "idempotency" is these versions), so none is sent.
 */
export class GustoEmployeeEntity implements SyncEntity {
  readonly entity = "employee";
  /**
   * Employees named by the company's events since then (`GET /v1/events`): an `Employee`
   * event's own uuid, a compensation event's employee. Only with the system access token.
   */
  readonly listChangedSince?: (since: string) => Promise<string[]>;

  constructor(private readonly context: GustoEntityContext) {
    const listing = gustoChangeListing(context, this.entity, (subject) =>
      this.recordsConcerned(subject),
    );
    if (listing) this.listChangedSince = listing;
  }

  async read(id: string): Promise<EntityRecord | null> {
    const raw = await this.readRaw(id);
    return raw && toEmployeeRecord(raw);
  }

  async list(cursor?: string | null): Promise<EntityPage> {
    const page = pageNumber(cursor);
    const response = await this.context.http.request({
      method: "GET",
      path: `/companies/${encodeURIComponent(this.context.companyId)}/employees`,
      query: { page: String(page), per: String(this.context.perPage) },
    });
    const items = parseVendorResponse(
      z.array(GustoSyncEmployee),
      response.body,
      "Gusto employee list",
    );
    const more = hasNextPage(response.headers, page, items.length, this.context.perPage);
    return { items: items.map(toEmployeeRecord), nextCursor: more ? String(page + 1) : null };
  }

  readonly findByFieldPagesListing = true;

  /** Gusto's list filters by no field we match on, so this pages through it. */
  findByField(field: string, value: string): Promise<EntityRecord[]> {
    return collectPages(
      (cursor) => this.list(cursor),
      (record) => fieldMatches(field, valueAt(record.fields, field), value),
    );
  }

  /**
   * Gusto's `employee_job_compensation.*` events name a compensation; a job (entity "job")
   * may be named too. Both concern the employee holding them.
   */
  async recordsConcerned(event: { entity: string; externalId: string }): Promise<string[]> {
    if (event.entity === "compensation") {
      const compensation = await nullOnNotFound(() =>
        this.getParsed(
          `/compensations/${encodeURIComponent(event.externalId)}`,
          GustoSyncCompensation,
          `Gusto compensation ${event.externalId}`,
        ),
      );
      return compensation ? this.employeeOfJob(compensation.job_uuid) : [];
    }
    if (event.entity === "job") return this.employeeOfJob(event.externalId);
    return [];
  }

  /**
   * `POST /v1/companies/{id}/employees` with the person fields, then the job and its
   * compensation when given (Gusto gives a new job a compensation, which is updated), then a
   * termination when `terminated` is true.
   */
  async create(
    fields: Record<string, unknown>,
    _options: EntityWriteOptions,
  ): Promise<EntityRecord> {
    const split = splitPatch("(new)", fields);
    const response = await this.context.http.request({
      method: "POST",
      path: `/companies/${encodeURIComponent(this.context.companyId)}/employees`,
      json: split.employee,
    });
    const created = parseVendorResponse(GustoSyncEmployee, response.body, "Gusto created employee");
    if (Object.keys(split.job).length > 0 || Object.keys(split.compensation).length > 0) {
      const job = await this.createJob(created.uuid, split.job);
      const compensation = job.compensations?.find(
        (candidate) => candidate.uuid === job.current_compensation_uuid,
      );
      if (compensation && Object.keys(split.compensation).length > 0) {
        await this.putCompensation(compensation.uuid, compensation.version, split.compensation);
      }
    }
    if (split.terminated === true) {
      await this.terminate(created.uuid, split.terminationDate ?? todayUtc());
    }
    const stored = await this.read(created.uuid);
    if (stored === null) {
      throw new ConnectorError(
        `Gusto employee ${created.uuid} vanished after its creation`,
        "retryable",
      );
    }
    return stored;
  }

  async update(
    id: string,
    patch: Record<string, unknown>,
    options: EntityWriteOptions,
  ): Promise<EntityRecord | null> {
    const version = parseRecordVersion(options.version, id);
    const split = splitPatch(id, patch);
    const what = `Gusto employee ${id}`;

    if (Object.keys(split.employee).length > 0) {
      await staleOnConflict(what, () =>
        this.context.http.request({
          method: "PUT",
          path: `/employees/${encodeURIComponent(id)}`,
          json: { ...split.employee, version: version.employee },
        }),
      );
    }
    const job = await this.writeJob(id, version, split);
    if (Object.keys(split.compensation).length > 0) {
      await this.writeCompensation(id, version, job, split.compensation);
    }
    await this.writeLifecycle(id, version, split);
    return null;
  }

  /** The job the compensation step writes to: as read, or created now. */
  private async writeJob(
    id: string,
    version: RecordVersion,
    split: SplitPatch,
  ): Promise<GustoSyncJob | { uuid: string } | null> {
    const hasJobFields = Object.keys(split.job).length > 0;
    if (version.job !== null) {
      const { uuid, version: jobVersion } = version.job;
      if (hasJobFields) {
        await staleOnConflict(`Gusto job ${uuid} of employee ${id}`, () =>
          this.context.http.request({
            method: "PUT",
            path: `/jobs/${encodeURIComponent(uuid)}`,
            json: { ...split.job, version: jobVersion },
          }),
        );
      }
      return { uuid };
    }
    if (!hasJobFields && Object.keys(split.compensation).length === 0) return null;
    return this.createJob(id, split.job);
  }

  private async writeCompensation(
    id: string,
    version: RecordVersion,
    job: GustoSyncJob | { uuid: string } | null,
    fields: Record<string, unknown>,
  ): Promise<void> {
    if (job === null) return;
    if ("compensations" in job) {
      // A job created just now: its compensation is the one to set.
      const created = job.compensations?.find(
        (candidate) => candidate.uuid === job.current_compensation_uuid,
      );
      if (created) await this.putCompensation(created.uuid, created.version, fields);
      return;
    }
    const current = version.compensation;
    if (current === null) {
      await this.postCompensation(job.uuid, fields);
      return;
    }
    const newDate = fields.effective_date;
    if (typeof newDate === "string" && newDate > current.effective_date) {
      // A raise from a later day: a new compensation, carrying over what the patch leaves.
      const read = await this.getParsed(
        `/compensations/${encodeURIComponent(current.uuid)}`,
        GustoSyncCompensation,
        `Gusto compensation ${current.uuid}`,
      );
      if (read.version !== current.version) throw staleError(`Gusto compensation ${current.uuid}`);
      await this.postCompensation(job.uuid, {
        rate: read.rate,
        payment_unit: read.payment_unit,
        flsa_status: read.flsa_status,
        ...fields,
      });
      return;
    }
    await this.putCompensation(current.uuid, current.version, fields);
  }

  /**
   * Lifecycle writes check the employee's employment state against the one read (the
   * termination calls carry no version): a termination or rehire made by someone else in the
   * meantime is `stale`, unless it already is what the patch wants.
   */
  private async writeLifecycle(id: string, version: RecordVersion, split: SplitPatch) {
    const wantsTerminated = split.terminated;
    const newDate = split.terminationDate;
    if (wantsTerminated === undefined && newDate === undefined) return;
    const raw = await this.readRaw(id);
    if (raw === null) {
      throw new ConnectorError(`Gusto employee ${id} does not exist`, "permanent", { status: 404 });
    }
    const isTerminated = raw.terminated === true;
    const active = activeTermination(raw);
    const what = `Gusto employee ${id}`;

    if (wantsTerminated === true) {
      if (!isTerminated) {
        // Rehired since the read: terminating now would undo that.
        if (version.terminated) throw staleError(what);
        await this.terminate(id, newDate ?? todayUtc());
        return;
      }
      const date = active?.effective_date ?? newDate ?? todayUtc();
      if (typeof newDate === "string" && newDate !== active?.effective_date) {
        if (!version.terminated) throw staleError(what);
        await this.moveTermination(id, version, newDate);
        await endEmployeeDeductions(this.context, id, newDate);
        return;
      }
      // Already terminated as wanted (by someone else, or a retry): make sure deductions ended.
      await endEmployeeDeductions(this.context, id, date);
      return;
    }
    if (wantsTerminated === false) {
      if (!isTerminated) return;
      if (!version.terminated) throw staleError(what);
      await this.rehire(id, raw.current_employment_status ?? undefined);
      return;
    }
    if (typeof newDate === "string" && isTerminated) {
      if (newDate === active?.effective_date) return;
      if (!version.terminated) throw staleError(what);
      await this.moveTermination(id, version, newDate);
      await endEmployeeDeductions(this.context, id, newDate);
      return;
    }
    if (newDate === null && !isTerminated) return;
    throw new ConnectorError(
      newDate === null
        ? `${what} is terminated; clearing termination.effective_date alone cannot rehire (set terminated: false)`
        : `${what} is not terminated; Gusto records a termination date with a termination (terminated: true)`,
      "permanent",
    );
  }

  /** `POST /v1/employees/{id}/terminations`, then the end of the person's deductions. */
  private async terminate(id: string, effectiveDate: string): Promise<void> {
    await this.context.http.request({
      method: "POST",
      path: `/employees/${encodeURIComponent(id)}/terminations`,
      json: { effective_date: effectiveDate, run_termination_payroll: false },
    });
    await endEmployeeDeductions(this.context, id, effectiveDate);
  }

  /** `PUT /v1/terminations/{employee_id}` with the active termination's version as read. */
  private async moveTermination(id: string, version: RecordVersion, effectiveDate: string) {
    const terminationVersion = version.termination?.version;
    if (terminationVersion == null) throw staleError(`Gusto termination of employee ${id}`);
    await staleOnConflict(`Gusto termination of employee ${id}`, () =>
      this.context.http.request({
        method: "PUT",
        path: `/terminations/${encodeURIComponent(id)}`,
        json: { version: terminationVersion, effective_date: effectiveDate },
      }),
    );
  }

  /**
   * `POST /v1/employees/{id}/rehire` from today at the employee's work location (Gusto
   * requires one; it is the active work address's), filing no new-hire report and keeping
   * the employment status.
   */
  private async rehire(id: string, employmentStatus: string | undefined): Promise<void> {
    const addresses = await this.getParsed(
      `/employees/${encodeURIComponent(id)}/work_addresses`,
      z.array(WorkAddress),
      `Gusto work addresses of employee ${id}`,
    );
    const location = addresses.find((address) => address.active !== false) ?? addresses[0];
    if (!location) {
      throw new ConnectorError(
        `Gusto employee ${id} has no work address; a rehire needs a work location`,
        "permanent",
      );
    }
    await this.context.http.request({
      method: "POST",
      path: `/employees/${encodeURIComponent(id)}/rehire`,
      json: {
        effective_date: todayUtc(),
        file_new_hire_report: false,
        work_location_uuid: location.location_uuid,
        ...(employmentStatus === undefined ? {} : { employment_status: employmentStatus }),
      },
    });
  }

  private async createJob(id: string, fields: Record<string, unknown>): Promise<GustoSyncJob> {
    const response = await this.context.http.request({
      method: "POST",
      path: `/employees/${encodeURIComponent(id)}/jobs`,
      json: fields,
    });
    return parseVendorResponse(GustoSyncJob, response.body, `Gusto created job of employee ${id}`);
  }

  private async putCompensation(uuid: string, version: string, fields: Record<string, unknown>) {
    await staleOnConflict(`Gusto compensation ${uuid}`, () =>
      this.context.http.request({
        method: "PUT",
        path: `/compensations/${encodeURIComponent(uuid)}`,
        json: { ...fields, version },
      }),
    );
  }

  private async postCompensation(jobUuid: string, fields: Record<string, unknown>) {
    await this.context.http.request({
      method: "POST",
      path: `/jobs/${encodeURIComponent(jobUuid)}/compensations`,
      json: fields,
    });
  }

  private async employeeOfJob(jobUuid: string): Promise<string[]> {
    const job = await nullOnNotFound(() =>
      this.getParsed(`/jobs/${encodeURIComponent(jobUuid)}`, GustoSyncJob, `Gusto job ${jobUuid}`),
    );
    return job ? [job.employee_uuid] : [];
  }

  private readRaw(id: string): Promise<GustoSyncEmployee | null> {
    return nullOnNotFound(() =>
      this.getParsed(
        `/employees/${encodeURIComponent(id)}`,
        GustoSyncEmployee,
        `Gusto employee ${id}`,
      ),
    );
  }

  private async getParsed<T extends z.ZodType>(path: string, schema: T, what: string) {
    const response = await this.context.http.request({ method: "GET", path });
    return parseVendorResponse(schema, response.body, what);
  }
}
