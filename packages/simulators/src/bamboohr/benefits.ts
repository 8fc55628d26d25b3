import type { BambooHrEmployeeRecord } from "./fields";

/**
 * One row of `GET /v1/benefit/employee_benefit`, BambooHR's read-only employee benefit list.
 *
 * What this relies on: the research sheet documents the endpoint and the fields
 * `employeeAmount`, `employeeAmountType` (`%`/`$`), `companyAmount`, `companyAmountType`,
 * `employeeAnnualMax`, `companyAnnualMax`, `currencyCode`, `deductionStartDate`,
 * `deductionEndDate`, `enrollmentStatus` and `occurrencesPerYear`. It does not document the
 * reply's wrapper, the `employeeId` filter, or how a row names its plan; the simulator assumes
 * a plain array, an `employeeId` query filter, and `employeeId`, `companyBenefitId`,
 * `companyBenefitName` and `benefitType` on each row. None of it is confirmed against a live
 * account.
 */
export interface BambooHrEmployeeBenefitRow {
  employeeId: string;
  companyBenefitId: string;
  companyBenefitName: string;
  benefitType: string;
  enrollmentStatus: "Enrolled" | "Waived";
  deductionStartDate: string;
  deductionEndDate: string | null;
  employeeAmount: string;
  employeeAmountType: "$" | "%";
  companyAmount: string | null;
  companyAmountType: "$" | "%" | null;
  employeeAnnualMax: string | null;
  companyAnnualMax: string | null;
  currencyCode: string;
  occurrencesPerYear: number;
}

/** The company's benefit plans the simulator enrolls people in. */
const PLANS = [
  { companyBenefitId: "1", companyBenefitName: "Acme PPO Medical", benefitType: "Medical" },
  { companyBenefitId: "2", companyBenefitName: "Acme Dental", benefitType: "Dental" },
  { companyBenefitId: "3", companyBenefitName: "Acme 401(k)", benefitType: "401(k)" },
] as const;

/**
 * The seeded enrollments of a generated employee, deterministic per employee id: everyone has medical (fixed amounts, 24 deductions a year);
 * even ids also have a 401(k) (percent of pay, with an annual maximum); every third employee
 * waived dental, the others are enrolled in it monthly.
 */
export function bambooHrEmployeeBenefitRows(
  record: Pick<BambooHrEmployeeRecord, "id" | "hireDate" | "terminationDate">,
): BambooHrEmployeeBenefitRow[] {
  const n = Number(record.id);
  const start = record.hireDate ?? "2020-01-01";
  const [medical, dental, retirement] = PLANS;
  const common = {
    employeeId: record.id,
    deductionStartDate: start,
    deductionEndDate: record.terminationDate,
    currencyCode: "USD",
  };
  const rows: BambooHrEmployeeBenefitRow[] = [
    {
      ...common,
      ...medical,
      enrollmentStatus: "Enrolled",
      employeeAmount: `${100 + (n % 5) * 10}.50`,
      employeeAmountType: "$",
      companyAmount: "300.00",
      companyAmountType: "$",
      employeeAnnualMax: null,
      companyAnnualMax: null,
      occurrencesPerYear: 24,
    },
    {
      ...common,
      ...dental,
      enrollmentStatus: n % 3 === 0 ? "Waived" : "Enrolled",
      employeeAmount: "12.00",
      employeeAmountType: "$",
      companyAmount: null,
      companyAmountType: null,
      employeeAnnualMax: null,
      companyAnnualMax: null,
      occurrencesPerYear: 12,
    },
  ];
  if (n % 2 === 0) {
    rows.push({
      ...common,
      ...retirement,
      enrollmentStatus: "Enrolled",
      employeeAmount: `${3 + (n % 4)}.5`,
      employeeAmountType: "%",
      companyAmount: "3",
      companyAmountType: "%",
      employeeAnnualMax: "23000.00",
      companyAnnualMax: "5000.00",
      occurrencesPerYear: 26,
    });
  }
  return rows;
}

/**
 * A termination ends coverage: BambooHR benefits administration ends each enrollment that is
 * still running on the termination date (no end date, or a later one) on that date, so the
 * deductions payroll takes from it stop. Returns whether any row changed. Nothing re-enrolls
 * on a rehire; that is a new enrollment in BambooHR too.
 */
export function endEnrollmentsOn(rows: BambooHrEmployeeBenefitRow[], date: string): boolean {
  let changed = false;
  for (const row of rows) {
    if (row.enrollmentStatus !== "Enrolled") continue;
    if (row.deductionStartDate > date) continue;
    if (row.deductionEndDate !== null && row.deductionEndDate <= date) continue;
    row.deductionEndDate = date;
    changed = true;
  }
  return changed;
}
