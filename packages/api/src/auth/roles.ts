import { z } from "zod";

/** A member's roles, weakest first: each one may do everything the ones before it may. */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

/** Whether a member holding `held` may do what needs `needed`. */
export function roleAllows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

/** A role as stored (a string column), or null for anything else: an unknown role grants nothing. */
export function parseRole(stored: string): Role | null {
  const parsed = RoleSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
