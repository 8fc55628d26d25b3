import { ConnectorError } from "../contract";
import type { HttpClient } from "../http";

/** What a Gusto sync entity needs from its connector. */
export interface GustoEntityContext {
  http: HttpClient;
  companyId: string;
  perPage: number;
  /**
   * The organization's system access token, which `GET /v1/events` takes; without it the
   * entities have no change listing and reconciliation compares every record.
   */
  systemAccessToken?: string;
}

/**
 * Gusto refuses a write whose `version` is outdated with 409 Conflict: the record changed since
 * the engine read it, so the engine must read again and decide again (`stale`).
 */
export async function staleOnConflict<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ConnectorError && error.details.status === 409) {
      throw new ConnectorError(
        `${what} changed since it was read (Gusto answered 409 to the version sent)`,
        "stale",
        error.details,
      );
    }
    throw error;
  }
}

export function staleError(what: string): ConnectorError {
  return new ConnectorError(`${what} changed since it was read`, "stale");
}

/** Null for a 404, so a read of a missing record is not an error. */
export async function nullOnNotFound<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ConnectorError && error.details.status === 404) return null;
    throw error;
  }
}

/**
 * Dotted paths of a patch or of create fields: `{"job.title": …}` as the engine sends it, and
 * nested objects (`{job: {title: …}}`) flattened the same way. A null object (`termination:
 * null`) names no field.
 */
export function flattenFields(input: Record<string, unknown>): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  const visit = (prefix: string, value: Record<string, unknown>) => {
    for (const [key, inner] of Object.entries(value)) {
      const path = prefix === "" ? key : `${prefix}.${key}`;
      if (typeof inner === "object" && inner !== null && !Array.isArray(inner)) {
        visit(path, inner as Record<string, unknown>);
      } else if (!(inner === null && NESTED_OBJECTS.has(path))) {
        flat.set(path, inner);
      }
    }
  };
  visit("", input);
  return flat;
}

const NESTED_OBJECTS = new Set(["job", "compensation", "termination", "contribution"]);

export { fieldAtPath as valueAt } from "../record-fields";

/** Pages `list` until `keep` has seen every record. */
export async function collectPages<T>(
  list: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
  keep: (item: T) => boolean,
): Promise<T[]> {
  const kept: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(cursor);
    kept.push(...page.items.filter(keep));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return kept;
}

/** Matching as Gusto's people would: emails ignore case and surrounding space. */
export function fieldMatches(field: string, actual: unknown, wanted: string): boolean {
  if (actual === null || actual === undefined) return false;
  const text = typeof actual === "string" ? actual : JSON.stringify(actual);
  return field.endsWith("email")
    ? text.trim().toLowerCase() === wanted.trim().toLowerCase()
    : text === wanted;
}

/** The cursor is Gusto's 1-based page number. */
export function pageNumber(cursor: string | null | undefined): number {
  const page = cursor ? Number(cursor) : 1;
  if (!Number.isInteger(page) || page < 1) {
    throw new ConnectorError(
      `Gusto page cursor ${JSON.stringify(cursor)} is not a page number`,
      "permanent",
    );
  }
  return page;
}

/** Whether another page follows, from `X-Total-Pages` or, without it, a full page. */
export function hasNextPage(
  headers: Headers,
  page: number,
  itemCount: number,
  perPage: number,
): boolean {
  const totalPages = headers.get("x-total-pages");
  return totalPages === null ? itemCount === perPage : page < Number(totalPages);
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
