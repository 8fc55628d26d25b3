// One person as each side of the BambooHR ⇄ Gusto template holds them, settled and in sync.

export function hrisRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    employeeNumber: "1001",
    firstName: "Ada",
    lastName: "Lovelace",
    preferredName: null,
    workEmail: "ada@acme.test",
    homeEmail: "ada@home.test",
    mobilePhone: "+1 555 0100",
    dateOfBirth: "1990-12-10",
    hireDate: "2020-01-06",
    terminationDate: null,
    status: "Active",
    employmentHistoryStatus: "Full-Time",
    jobTitle: "Engineer",
    department: "R&D",
    payRate: "80000.00 USD",
    payPer: "Year",
    exempt: "Exempt",
    payRateEffectiveDate: "2024-01-01",
    ...overrides,
  };
}

export function payrollRecord(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> & { compensation: Record<string, unknown> } {
  return {
    first_name: "Ada",
    last_name: "Lovelace",
    preferred_first_name: null,
    work_email: "ada@acme.test",
    email: "ada@home.test",
    phone: "+15550100",
    date_of_birth: "1990-12-10",
    terminated: false,
    department: "R&D",
    current_employment_status: "full_time",
    job: { title: "Engineer", hire_date: "2020-01-06" },
    termination: null,
    compensation: {
      rate: "80000.00",
      payment_unit: "Year",
      flsa_status: "Exempt",
      effective_date: "2024-01-01",
    },
    ...overrides,
  };
}
