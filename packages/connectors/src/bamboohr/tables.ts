import { z } from "zod";
import type { HttpClient } from "../http";
import { parseVendorResponse } from "../vendor-response";
import { BambooHrCompensationRow } from "./compensation";

/**
 * One row of BambooHR's effective-dated `employmentStatus` table: from `date` on, the person's
 * employment status is `employmentStatus` ("Terminated" for a termination). Field names follow
 * BambooHR's table documentation; the termination detail ids are not read.
 */
export const BambooHrEmploymentStatusRow = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD"),
  employmentStatus: z.string(),
});
export type BambooHrEmploymentStatusRow = z.infer<typeof BambooHrEmploymentStatusRow>;

export const TERMINATED = "Terminated";

/** Rows oldest first; rows on one date in the order BambooHR added them (by row id). */
function byDate<T extends { id: string }>(rows: T[], date: (row: T) => string): T[] {
  return rows.sort((a, b) => date(a).localeCompare(date(b)) || Number(a.id) - Number(b.id));
}

function tablePath(employeeId: string, table: string, rowId?: string): string {
  const base = `/employees/${encodeURIComponent(employeeId)}/tables/${table}`;
  return rowId === undefined ? base : `${base}/${encodeURIComponent(rowId)}`;
}

/** `GET /v1/employees/{id}/tables/employmentStatus`, oldest first. */
export async function readEmploymentStatusRows(
  http: HttpClient,
  employeeId: string,
): Promise<BambooHrEmploymentStatusRow[]> {
  const response = await http.request({
    method: "GET",
    path: tablePath(employeeId, "employmentStatus"),
  });
  const rows = parseVendorResponse(
    z.array(BambooHrEmploymentStatusRow),
    response.body,
    `BambooHR employmentStatus table of employee ${employeeId}`,
  );
  return byDate(rows, (row) => row.date);
}

/** `GET /v1/employees/{id}/tables/compensation`, oldest first. */
export async function readCompensationRows(
  http: HttpClient,
  employeeId: string,
): Promise<BambooHrCompensationRow[]> {
  const response = await http.request({
    method: "GET",
    path: tablePath(employeeId, "compensation"),
  });
  const rows = parseVendorResponse(
    z.array(BambooHrCompensationRow),
    response.body,
    `BambooHR compensation table of employee ${employeeId}`,
  );
  return byDate(rows, (row) => row.startDate);
}

/** `POST /v1/employees/{id}/tables/{table}`: adds an effective-dated row. */
export async function addTableRow(
  http: HttpClient,
  employeeId: string,
  table: "employmentStatus" | "compensation",
  row: Record<string, unknown>,
): Promise<void> {
  await http.request({ method: "POST", path: tablePath(employeeId, table), json: row });
}

/** `POST /v1/employees/{id}/tables/{table}/{rowId}`: corrects fields of one row. */
export async function updateTableRow(
  http: HttpClient,
  employeeId: string,
  table: "employmentStatus" | "compensation",
  rowId: string,
  row: Record<string, unknown>,
): Promise<void> {
  await http.request({ method: "POST", path: tablePath(employeeId, table, rowId), json: row });
}
