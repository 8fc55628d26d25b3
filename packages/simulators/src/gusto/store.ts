import { randomBytes, randomUUID } from "node:crypto";
import {
  seedCompanyBenefits,
  seedEmployeeBenefits,
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

export type GustoEventType =
  | "employee.created"
  | "employee.updated"
  | "employee.onboarded"
  | "employee.terminated"
  | "employee.rehired";

export interface GustoChange {
  eventType: GustoEventType;
  employeeUuid: string;
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

  constructor(
    private readonly companyUuid: string,
    private readonly onChange: (change: GustoChange) => void,
  ) {}

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
    this.onChange({ eventType: "employee.created", employeeUuid: record.uuid });
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
    this.onChange({ eventType: "employee.updated", employeeUuid: uuid });
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
    this.onChange({ eventType: "employee.terminated", employeeUuid: uuid });
    return created;
  }

  /** A change made by a person in Gusto's UI: person fields, primary job and status at once. */
  adminUpdate(uuid: string, fields: GustoAdminFields): GustoEmployeeRecord | undefined {
    const record = this.records.get(uuid);
    if (!record) return undefined;
    const { job_title, hire_date, status, ...person } = fields;
    this.update(uuid, person);
    if (job_title !== undefined || hire_date !== undefined) {
      const job = this.primaryJob(record);
      const before = `${job.title}|${job.hire_date}`;
      if (job_title !== undefined) job.title = job_title;
      if (hire_date !== undefined) job.hire_date = hire_date;
      if (`${job.title}|${job.hire_date}` !== before) {
        job.version = newVersion();
        record.version = newVersion();
        this.onChange({ eventType: "employee.updated", employeeUuid: uuid });
      }
    }
    if (status === "terminated" && !record.terminated) {
      this.terminate(uuid, { effective_date: todayUtc(), run_termination_payroll: false });
    } else if (status !== undefined && status !== "terminated" && record.terminated) {
      record.terminated = false;
      for (const termination of record.terminations) termination.active = false;
      record.version = newVersion();
      this.onChange({ eventType: "employee.rehired", employeeUuid: uuid });
    }
    if (status === "active" && !record.onboarded) {
      record.onboarded = true;
      record.onboarding_status = "onboarding_completed";
      record.version = newVersion();
      this.onChange({ eventType: "employee.onboarded", employeeUuid: uuid });
    } else if (status === "onboarding" && record.onboarded) {
      record.onboarded = false;
      record.onboarding_status = "admin_onboarding_incomplete";
      record.version = newVersion();
      this.onChange({ eventType: "employee.updated", employeeUuid: uuid });
    }
    return record;
  }

  /** Creates through the admin API: the person, then job and status, firing the usual events. */
  adminCreate(fields: GustoAdminFields): GustoEmployeeRecord {
    const { job_title, hire_date, status, ...person } = fields;
    const record = this.create(person);
    return (
      this.adminUpdate(record.uuid, { job_title, hire_date, status: status ?? "active" }) ?? record
    );
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
        // A deterministic salary between 45,000.00 and 134,999.50 a year.
        const annualRate = (45_000 + ((index * 7_919) % 180_000) / 2).toFixed(2);
        const job = this.primaryJob(record, annualRate);
        Object.assign(job, { title: job_title ?? null, hire_date: hire_date ?? null });
        if (hire_date != null) {
          for (const compensation of job.compensations) compensation.effective_date = hire_date;
        }
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

  /** Applies an enrollment update (the caller checked the version); a change bumps the version. */
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
      department: null,
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
   * Applies a compensation update (the caller checked the version). A change bumps the
   * compensation's version and, for the current one, the job's copy of rate and unit.
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
    if (job.current_compensation_uuid === uuid) {
      job.rate = compensation.rate;
      job.payment_unit = compensation.payment_unit;
      job.version = newVersion();
    }
    return compensation;
  }

  private primaryJob(record: GustoEmployeeRecord, annualRate = "60000.00"): GustoJob {
    const existing = record.jobs.find((job) => job.primary);
    if (existing) return existing;
    const jobUuid = randomUUID();
    const compensation: GustoCompensation = {
      uuid: randomUUID(),
      version: newVersion(),
      job_uuid: jobUuid,
      rate: annualRate,
      payment_unit: "Year",
      flsa_status: "Exempt",
      effective_date: todayUtc(),
    };
    const job: GustoJob = {
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
    record.jobs.push(job);
    return job;
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
