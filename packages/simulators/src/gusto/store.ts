import { randomBytes, randomUUID } from "node:crypto";
import { currentPayStep, seededPayHistory } from "../shared/seeded-pay";
import {
  contributionOf,
  seedCompanyBenefits,
  seedEmployeeBenefits,
  stableUuid,
  type GustoCompanyBenefit,
  type GustoEmployeeBenefit,
  type GustoEmployeeBenefitFields,
} from "./benefits";
import {
  GUSTO_PERSON_FIELDS,
  type GustoCompensation,
  type GustoCompensationUpdate,
  type GustoJob,
  type GustoAdminFields,
  type GustoEmployeeRecord,
  type GustoPersonFields,
  type GustoTermination,
} from "./fields";
import type { GustoCompensationCreate, GustoJobFields, GustoRehireFields } from "./job-fields";

/**
 * The events Gusto documents for what the simulator models. Gusto documents no event of its
 * own for jobs: a job change is reported as `employee.updated` of the job's employee.
 */
export type GustoEventType =
  | "employee.created"
  | "employee.updated"
  | "employee.onboarded"
  | "employee.terminated"
  | "employee.rehired"
  | "employee_job_compensation.created"
  | "employee_job_compensation.updated"
  | "employee_benefit.created"
  | "employee_benefit.updated";

/** Gusto's `entity_type` of each event family. */
export type GustoEntityType = "Employee" | "EmployeeJobCompensation" | "EmployeeBenefit";

export interface GustoChange {
  eventType: GustoEventType;
  entityType: GustoEntityType;
  /** The employee's, compensation's or employee benefit's uuid. */
  entityUuid: string;
}

/** A company work location, the one every simulated employee works at. */
export interface GustoWorkAddress {
  uuid: string;
  version: string;
  employee_uuid: string;
  location_uuid: string;
  effective_date: string;
  active: boolean;
}

/** A seeded person: admin fields plus an optional termination date. */
export type GustoSeedRecord = GustoAdminFields & { termination_date?: string | null };

function newVersion(): string {
  return randomBytes(16).toString("hex");
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A stored success response, replayed for a repeated Idempotency-Key. */
export interface RecordedResponse {
  status: number;
  body: unknown;
}

/** Gusto's employees in memory. Every change bumps `version` and is reported to `onChange`. */
export class GustoStore {
  private readonly records = new Map<string, GustoEmployeeRecord>();
  /** Keyed by `${method} ${path} ${Idempotency-Key}`. */
  readonly idempotentResponses = new Map<string, RecordedResponse>();
  private readonly companyBenefits = new Map<string, GustoCompanyBenefit>();
  private readonly employeeBenefits = new Map<string, GustoEmployeeBenefit>();
  /** The company's one work location, where every simulated employee works. */
  readonly locationUuid: string;

  constructor(
    private readonly companyUuid: string,
    private readonly onChange: (change: GustoChange) => void,
  ) {
    this.locationUuid = stableUuid(companyUuid, "location");
  }

  private employeeChanged(eventType: GustoEventType, uuid: string): void {
    this.onChange({ eventType, entityType: "Employee", entityUuid: uuid });
  }

  /** Copies, so a caller holding one sees the state of the moment it asked. */
  list(): GustoEmployeeRecord[] {
    return [...this.records.values()].map((record) => structuredClone(record));
  }

  get size(): number {
    return this.records.size;
  }

  /**
   * Copies of `limit` records from `offset` in list order. Paging clones only the page: a
   * full `list()` per page made paging 10,000 employees at per=100 take over 6 s.
   */
  page(offset: number, limit: number): GustoEmployeeRecord[] {
    const page: GustoEmployeeRecord[] = [];
    let index = 0;
    for (const record of this.records.values()) {
      if (index >= offset + limit) break;
      if (index >= offset) page.push(structuredClone(record));
      index++;
    }
    return page;
  }

  get(uuid: string): GustoEmployeeRecord | undefined {
    return this.records.get(uuid);
  }

  /** New employees have not finished onboarding, as with the real API. */
  create(fields: GustoPersonFields): GustoEmployeeRecord {
    const record = this.insert(fields, false);
    this.employeeChanged("employee.created", record.uuid);
    return record;
  }

  /** A write that changes nothing keeps the version and fires nothing. */
  update(uuid: string, fields: GustoPersonFields): GustoEmployeeRecord | undefined {
    const record = this.records.get(uuid);
    if (!record) return undefined;
    const changed = GUSTO_PERSON_FIELDS.some(
      (name) => fields[name] !== undefined && fields[name] !== record[name],
    );
    if (!changed) return record;
    Object.assign(record, fields, { version: newVersion() });
    this.employeeChanged("employee.updated", uuid);
    return record;
  }

  /**
   * Gusto keeps `terminated` false until the effective date passes; the simulator applies
   * every termination at once so a sync sees the result without waiting.
   */
  terminate(
    uuid: string,
    termination: { effective_date: string; run_termination_payroll: boolean },
  ): GustoTermination | undefined {
    const record = this.records.get(uuid);
    if (!record) return undefined;
    const created = this.addTermination(
      record,
      termination.effective_date,
      termination.run_termination_payroll,
    );
    this.employeeChanged("employee.terminated", uuid);
    return created;
  }

  /** The employee's active termination, which `PUT /v1/terminations/{employee_id}` edits. */
  activeTermination(uuid: string): GustoTermination | undefined {
    return this.records.get(uuid)?.terminations.find((termination) => termination.active);
  }

  /** Moves the active termination (the caller checked its version); a change fires `employee.updated`. */
  updateTermination(
    uuid: string,
    fields: { effective_date?: string; run_termination_payroll?: boolean },
  ): GustoTermination | undefined {
    const record = this.records.get(uuid);
    const termination = this.activeTermination(uuid);
    if (!record || !termination) return undefined;
    const changed =
      (fields.effective_date !== undefined &&
        fields.effective_date !== termination.effective_date) ||
      (fields.run_termination_payroll !== undefined &&
        fields.run_termination_payroll !== termination.run_termination_payroll);
    if (!changed) return termination;
    Object.assign(termination, fields, { version: newVersion() });
    record.version = newVersion();
    this.employeeChanged("employee.updated", uuid);
    return termination;
  }

  /**
   * `POST /v1/employees/{id}/rehire`, applied at once like terminations: the employee is no
   * longer terminated, its terminations are inactive, and `employee.rehired` fires.
   */
  rehire(uuid: string, rehire: GustoRehireFields) {
    const record = this.records.get(uuid);
    if (!record) return undefined;
    record.terminated = false;
    for (const termination of record.terminations) termination.active = false;
    if (rehire.employment_status !== undefined) {
      record.current_employment_status = rehire.employment_status;
    }
    record.version = newVersion();
    this.employeeChanged("employee.rehired", uuid);
    return { employee_uuid: uuid, version: newVersion(), ...rehire };
  }

  /** The employee's work address at the company's location. */
  workAddressesOf(uuid: string): GustoWorkAddress[] | undefined {
    const record = this.records.get(uuid);
    if (!record) return undefined;
    return [
      {
        uuid: stableUuid(uuid, "work_address"),
        version: stableUuid(uuid, "work_address_version").replaceAll("-", ""),
        employee_uuid: uuid,
        location_uuid: this.locationUuid,
        effective_date: record.jobs.find((job) => job.primary)?.hire_date ?? "2020-01-01",
        active: true,
      },
    ];
  }

  /**
   * A change made by a person in Gusto's UI: person fields, primary job, its current pay
   * (edited in place), status and termination date at once, each firing Gusto's event.
   */
  adminUpdate(uuid: string, fields: GustoAdminFields): GustoEmployeeRecord | undefined {
    const record = this.records.get(uuid);
    if (!record) return undefined;
    const {
      job_title,
      hire_date,
      status,
      termination_date,
      rate,
      payment_unit,
      flsa_status,
      compensation_effective_date,
      ...person
    } = fields;
    this.update(uuid, person);
    if (job_title !== undefined || hire_date !== undefined) {
      const job = this.primaryJob(record);
      this.updateJob(job.uuid, {
        ...(job_title === undefined ? {} : { title: job_title }),
        ...(hire_date === undefined ? {} : { hire_date }),
      });
    }
    const pay = {
      ...(rate === undefined ? {} : { rate }),
      ...(payment_unit === undefined ? {} : { payment_unit }),
      ...(flsa_status === undefined ? {} : { flsa_status }),
      ...(compensation_effective_date === undefined
        ? {}
        : { effective_date: compensation_effective_date }),
    };
    if (Object.keys(pay).length > 0) {
      this.updateCompensation(this.primaryJob(record).current_compensation_uuid, pay);
    }
    if (status === "terminated" && !record.terminated) {
      this.terminate(uuid, {
        effective_date: termination_date ?? todayUtc(),
        run_termination_payroll: false,
      });
    } else if (status !== undefined && status !== "terminated" && record.terminated) {
      this.rehire(uuid, {
        effective_date: todayUtc(),
        file_new_hire_report: false,
        work_location_uuid: this.locationUuid,
      });
    } else if (termination_date != null && record.terminated) {
      this.updateTermination(uuid, { effective_date: termination_date });
    }
    if (status === "active" && !record.onboarded) {
      record.onboarded = true;
      record.onboarding_status = "onboarding_completed";
      record.version = newVersion();
      this.employeeChanged("employee.onboarded", uuid);
    } else if (status === "onboarding" && record.onboarded) {
      record.onboarded = false;
      record.onboarding_status = "admin_onboarding_incomplete";
      record.version = newVersion();
      this.employeeChanged("employee.updated", uuid);
    }
    return record;
  }

  /** Creates through the admin API: the person, then job and status, firing the usual events. */
  adminCreate(fields: GustoAdminFields): GustoEmployeeRecord {
    const person: GustoPersonFields = {};
    const rest: GustoAdminFields = { ...fields };
    for (const name of GUSTO_PERSON_FIELDS) {
      if (fields[name] !== undefined) Object.assign(person, { [name]: fields[name] });
      delete rest[name];
    }
    const record = this.create(person);
    return this.adminUpdate(record.uuid, { ...rest, status: fields.status ?? "active" }) ?? record;
  }

  /** Replaces everything with the given people, silently (a reset is not a vendor change). */
  reset(people: readonly GustoSeedRecord[]): void {
    this.records.clear();
    this.idempotentResponses.clear();
    this.companyBenefits.clear();
    this.employeeBenefits.clear();
    const plans = seedCompanyBenefits(this.companyUuid, newVersion);
    for (const plan of Object.values(plans)) this.companyBenefits.set(plan.uuid, plan);
    for (const [index, person] of people.entries()) {
      const { job_title, hire_date, status, termination_date, ...fields } = person;
      const record = this.insert(fields, status !== "onboarding");
      if (job_title != null || hire_date != null) {
        // The person's seeded pay, as the HRIS simulator seeds the same person.
        const pay = currentPayStep(seededPayHistory(index + 1, hire_date ?? null), todayUtc());
        const job = this.primaryJob(record, pay.amount);
        Object.assign(job, { title: job_title ?? null, hire_date: hire_date ?? null });
        for (const compensation of job.compensations)
          Object.assign(compensation, {
            payment_unit: pay.hourly ? "Hour" : "Year",
            flsa_status: pay.hourly ? "Nonexempt" : "Exempt",
            effective_date: pay.startDate,
          });
        job.payment_unit = pay.hourly ? "Hour" : "Year";
        record.current_employment_status ??= "full_time";
      }
      if (status === "terminated")
        this.addTermination(record, termination_date ?? todayUtc(), false);
      for (const benefit of seedEmployeeBenefits(
        this.companyUuid,
        record.uuid,
        index,
        plans,
        newVersion,
      )) {
        this.employeeBenefits.set(benefit.uuid, benefit);
      }
    }
  }

  /** An employee's benefit enrollments, or undefined for an unknown employee. */
  benefitsOf(employeeUuid: string): GustoEmployeeBenefit[] | undefined {
    if (!this.records.has(employeeUuid)) return undefined;
    return [...this.employeeBenefits.values()].filter(
      (benefit) => benefit.employee_uuid === employeeUuid,
    );
  }

  findEmployeeBenefit(uuid: string): GustoEmployeeBenefit | undefined {
    return this.employeeBenefits.get(uuid);
  }

  findCompanyBenefit(uuid: string): GustoCompanyBenefit | undefined {
    return this.companyBenefits.get(uuid);
  }

  listCompanyBenefits(): GustoCompanyBenefit[] {
    return [...this.companyBenefits.values()];
  }

  /**
   * Applies an enrollment update (the caller checked the version); a change bumps the version
   * and fires `employee_benefit.updated`.
   */
  updateEmployeeBenefit(
    uuid: string,
    fields: GustoEmployeeBenefitFields,
  ): GustoEmployeeBenefit | undefined {
    const benefit = this.employeeBenefits.get(uuid);
    if (!benefit) return undefined;
    const changed = (Object.keys(fields) as (keyof GustoEmployeeBenefitFields)[]).some(
      (name) => fields[name] !== undefined && fields[name] !== benefit[name],
    );
    if (!changed) return benefit;
    Object.assign(benefit, fields, { version: newVersion() });
    benefit.contribution = contributionOf(benefit);
    this.onChange({
      eventType: "employee_benefit.updated",
      entityType: "EmployeeBenefit",
      entityUuid: uuid,
    });
    return benefit;
  }

  /** Enrolls the employee in a company benefit; fires `employee_benefit.created`. */
  createEmployeeBenefit(
    employeeUuid: string,
    companyBenefitUuid: string,
    fields: GustoEmployeeBenefitFields,
  ): GustoEmployeeBenefit {
    const base = {
      active: true,
      employee_deduction: "0.00",
      deduct_as_percentage: false,
      employee_deduction_annual_maximum: null,
      company_contribution: "0.00",
      contribute_as_percentage: false,
      company_contribution_annual_maximum: null,
      effective_date: todayUtc(),
      expiration_date: null,
      ...fields,
    };
    const benefit: GustoEmployeeBenefit = {
      ...base,
      uuid: randomUUID(),
      version: newVersion(),
      employee_uuid: employeeUuid,
      company_benefit_uuid: companyBenefitUuid,
      contribution: contributionOf(base),
    };
    this.employeeBenefits.set(benefit.uuid, benefit);
    this.onChange({
      eventType: "employee_benefit.created",
      entityType: "EmployeeBenefit",
      entityUuid: benefit.uuid,
    });
    return benefit;
  }

  private insert(fields: GustoPersonFields, onboarded: boolean): GustoEmployeeRecord {
    const record: GustoEmployeeRecord = {
      uuid: randomUUID(),
      version: newVersion(),
      company_uuid: this.companyUuid,
      first_name: "",
      middle_initial: null,
      last_name: "",
      preferred_first_name: null,
      email: null,
      work_email: null,
      phone: null,
      date_of_birth: null,
      department: null,
      current_employment_status: null,
      jobs: [],
      terminated: false,
      terminations: [],
      onboarded,
      onboarding_status: onboarded ? "onboarding_completed" : "admin_onboarding_incomplete",
    };
    Object.assign(record, fields);
    this.records.set(record.uuid, record);
    return record;
  }

  /** Jobs with their compensations, or undefined for an unknown employee. */
  jobsOf(employeeUuid: string): GustoJob[] | undefined {
    return this.records.get(employeeUuid)?.jobs;
  }

  findJob(jobUuid: string): GustoJob | undefined {
    for (const record of this.records.values()) {
      const job = record.jobs.find((candidate) => candidate.uuid === jobUuid);
      if (job) return job;
    }
    return undefined;
  }

  findCompensation(uuid: string): GustoCompensation | undefined {
    for (const record of this.records.values()) {
      for (const job of record.jobs) {
        const found = job.compensations.find((compensation) => compensation.uuid === uuid);
        if (found) return found;
      }
    }
    return undefined;
  }

  /**
   * Applies a job update (the caller checked the version). A change bumps the job's version
   * and its employee's, whose record embeds the job, and fires `employee.updated`: Gusto
   * documents no event of its own for jobs.
   */
  updateJob(jobUuid: string, fields: GustoJobFields): GustoJob | undefined {
    const job = this.findJob(jobUuid);
    const record = job && this.records.get(job.employee_uuid);
    if (!job || !record) return undefined;
    const changed = (Object.keys(fields) as (keyof GustoJobFields)[]).some(
      (name) => fields[name] !== undefined && fields[name] !== job[name],
    );
    if (!changed) return job;
    Object.assign(job, fields, { version: newVersion() });
    record.version = newVersion();
    this.employeeChanged("employee.updated", record.uuid);
    return job;
  }

  /**
   * `POST /v1/employees/{id}/jobs`: the first job is primary. As in Gusto, a new job comes with
   * a compensation (0.00 an hour, nonexempt, from the hire date) that the caller then updates.
   */
  createJob(employeeUuid: string, fields: GustoJobFields): GustoJob | undefined {
    const record = this.records.get(employeeUuid);
    if (!record) return undefined;
    const job = this.newJob(record, {
      rate: "0.00",
      payment_unit: "Hour",
      flsa_status: "Nonexempt",
      effective_date: fields.hire_date ?? todayUtc(),
    });
    Object.assign(job, fields, { primary: record.jobs.length === 0 });
    record.jobs.push(job);
    record.version = newVersion();
    this.employeeChanged("employee.updated", employeeUuid);
    this.compensationChanged("employee_job_compensation.created", job.current_compensation_uuid);
    return job;
  }

  /**
   * Applies a compensation update (the caller checked the version). A change bumps the
   * compensation's version and fires `employee_job_compensation.updated`; when it changes which
   * compensation is current, or the current one's rate or unit, the job's copy and version too.
   */
  updateCompensation(
    uuid: string,
    fields: Omit<GustoCompensationUpdate, "version">,
  ): GustoCompensation | undefined {
    const compensation = this.findCompensation(uuid);
    const job = compensation && this.findJob(compensation.job_uuid);
    if (!compensation || !job) return undefined;
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).some(
      (name) => fields[name] !== undefined && fields[name] !== compensation[name],
    );
    if (!changed) return compensation;
    Object.assign(compensation, fields, { version: newVersion() });
    this.followCurrentCompensation(job);
    this.compensationChanged("employee_job_compensation.updated", uuid);
    return compensation;
  }

  /**
   * `POST /v1/jobs/{job_id}/compensations`: a new effective-dated rate. Gusto's current
   * compensation is the one with the most recent `effective_date`.
   */
  createCompensation(
    jobUuid: string,
    fields: GustoCompensationCreate,
  ): GustoCompensation | undefined {
    const job = this.findJob(jobUuid);
    if (!job) return undefined;
    const compensation: GustoCompensation = {
      uuid: randomUUID(),
      version: newVersion(),
      job_uuid: jobUuid,
      ...fields,
      effective_date: fields.effective_date ?? todayUtc(),
    };
    job.compensations.push(compensation);
    this.followCurrentCompensation(job);
    this.compensationChanged("employee_job_compensation.created", compensation.uuid);
    return compensation;
  }

  /** Whether another compensation of the job already starts on `date`. */
  hasCompensationOn(jobUuid: string, date: string, except?: string): boolean {
    return (
      this.findJob(jobUuid)?.compensations.some(
        (compensation) => compensation.effective_date === date && compensation.uuid !== except,
      ) ?? false
    );
  }

  private compensationChanged(eventType: GustoEventType, uuid: string): void {
    this.onChange({ eventType, entityType: "EmployeeJobCompensation", entityUuid: uuid });
  }

  /** Points the job at its latest-dated compensation and copies its rate and unit. */
  private followCurrentCompensation(job: GustoJob): void {
    const current = job.compensations.reduce((latest, candidate) =>
      candidate.effective_date > latest.effective_date ? candidate : latest,
    );
    const before = `${job.current_compensation_uuid}|${job.rate}|${job.payment_unit}`;
    job.current_compensation_uuid = current.uuid;
    job.rate = current.rate;
    job.payment_unit = current.payment_unit;
    if (`${job.current_compensation_uuid}|${job.rate}|${job.payment_unit}` !== before) {
      job.version = newVersion();
    }
  }

  private primaryJob(record: GustoEmployeeRecord, annualRate = "60000.00"): GustoJob {
    const existing = record.jobs.find((job) => job.primary);
    if (existing) return existing;
    const job = this.newJob(record, {
      rate: annualRate,
      payment_unit: "Year",
      flsa_status: "Exempt",
      effective_date: todayUtc(),
    });
    record.jobs.push(job);
    return job;
  }

  private newJob(
    record: GustoEmployeeRecord,
    pay: Omit<GustoCompensation, "uuid" | "version" | "job_uuid">,
  ): GustoJob {
    const jobUuid = randomUUID();
    const compensation: GustoCompensation = {
      uuid: randomUUID(),
      version: newVersion(),
      job_uuid: jobUuid,
      ...pay,
    };
    return {
      uuid: jobUuid,
      version: newVersion(),
      employee_uuid: record.uuid,
      title: null,
      hire_date: null,
      primary: true,
      rate: compensation.rate,
      payment_unit: compensation.payment_unit,
      current_compensation_uuid: compensation.uuid,
      compensations: [compensation],
    };
  }

  private addTermination(
    record: GustoEmployeeRecord,
    effectiveDate: string,
    runTerminationPayroll: boolean,
  ): GustoTermination {
    const termination: GustoTermination = {
      uuid: randomUUID(),
      version: newVersion(),
      employee_uuid: record.uuid,
      active: true,
      cancelable: true,
      effective_date: effectiveDate,
      run_termination_payroll: runTerminationPayroll,
    };
    record.terminations.push(termination);
    record.terminated = true;
    record.version = newVersion();
    return termination;
  }
}
