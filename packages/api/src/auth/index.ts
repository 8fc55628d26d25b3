// Accounts, sessions and roles. Importable on its own (`@tandem/api/auth`): the first-admin
// command and the demo seed run under tsx, which cannot load the Temporal client the package's
// main entry pulls in.
export {
  signIn,
  signOut,
  signOutEverywhere,
  lookupSession,
  startSession,
  upsertMember,
  passwordProblem,
  AccountError,
  SIGN_IN_REFUSED,
  type AuthDeps,
  type SignedInSession,
  type SignInRequest,
  type SignInResult,
} from "./auth-service";
export {
  SignInRateLimits,
  SIGN_IN_RATE_LIMITS,
  type SignInRateLimitOptions,
} from "./sign-in-rate-limits";
export { ROLES, RoleSchema, roleAllows, parseRole, type Role } from "./roles";
export { normalizeEmail, looksLikeEmail } from "./email";
export {
  hashPassword,
  verifyPassword,
  SCRYPT_PARAMETERS,
  MIN_PASSWORD_LENGTH,
  MAX_PASSWORD_LENGTH,
} from "./password-hash";
export { SESSION_POLICY, type SessionPolicy } from "./session-policy";
