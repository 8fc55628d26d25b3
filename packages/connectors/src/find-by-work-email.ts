import type { EmployeePage, ExternalEmployee } from "./contract";

/**
 * Neither vendor filters its employee list by work email, so matching pages through the list.
 * Fine at the sizes the simulators and small companies have; a later issue can cache it.
 */
export async function findByWorkEmail(
  listEmployees: (cursor: string | null) => Promise<EmployeePage>,
  email: string,
): Promise<ExternalEmployee | null> {
  const wanted = email.trim().toLowerCase();
  let cursor: string | null = null;
  do {
    const page = await listEmployees(cursor);
    const match = page.items.find((item) => item.employee.workEmail?.toLowerCase() === wanted);
    if (match) return match;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return null;
}
