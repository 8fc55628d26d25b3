import "server-only";
import { requireSession } from "./require-session";

/**
 * The one check between the codec endpoint (`/api/temporal-codec/*`, which decrypts Temporal
 * payloads: HR data) and a browser: the request must carry the session of a signed-in operator
 * (or admin). Returns the response to send instead (401, 403), or null to go on. The Temporal
 * Web UI sends the session cookie when its codec setting "include cross-origin credentials" is
 * on.
 */
export async function requireCodecOperator(request: Request): Promise<Response | null> {
  const check = await requireSession(request, "operator");
  return check.ok ? null : check.response;
}
