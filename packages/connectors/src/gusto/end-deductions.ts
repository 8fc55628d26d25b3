import { z } from "zod";
import { ConnectorError } from "../contract";
import { parseVendorResponse } from "../vendor-response";
import type { GustoEntityContext } from "./entity-support";

const Enrollment = z.looseObject({
  uuid: z.string().min(1),
  version: z.string().min(1),
  active: z.boolean().nullish(),
  effective_date: z.string(),
  expiration_date: z.string().nullish(),
});

/**
 * A termination ends the person's deductions: every active employee benefit of the employee
 * gets `active: false` and an `expiration_date` of the termination date (or its own effective
 * date, when it starts after the termination, since Gusto refuses an expiration before the
 * start). An inactive enrollment that already expired by then is left alone, and an earlier
 * expiration is kept.
 *
 * This runs as part of the termination, not as a sync of the enrollments the engine read, so
 * each PUT carries the version just listed; an enrollment edited at that very moment (409) is
 * listed again and ended once more.
 */
export async function endEmployeeDeductions(
  context: GustoEntityContext,
  employeeId: string,
  terminationDate: string,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const response = await context.http.request({
      method: "GET",
      path: `/employees/${encodeURIComponent(employeeId)}/employee_benefits`,
    });
    const enrollments = parseVendorResponse(
      z.array(Enrollment),
      response.body,
      `Gusto employee benefits of employee ${employeeId}`,
    );
    const toEnd = enrollments.filter(
      (enrollment) =>
        enrollment.active !== false ||
        enrollment.expiration_date == null ||
        enrollment.expiration_date > terminationDate,
    );
    try {
      for (const enrollment of toEnd) {
        const expiresBefore =
          enrollment.expiration_date != null && enrollment.expiration_date <= terminationDate;
        const expiration = expiresBefore
          ? enrollment.expiration_date
          : enrollment.effective_date > terminationDate
            ? enrollment.effective_date
            : terminationDate;
        await context.http.request({
          method: "PUT",
          path: `/employee_benefits/${encodeURIComponent(enrollment.uuid)}`,
          json: { version: enrollment.version, active: false, expiration_date: expiration },
        });
      }
      return;
    } catch (error) {
      const conflict = error instanceof ConnectorError && error.details.status === 409;
      if (!conflict || attempt >= 2) throw error;
    }
  }
}
