import "server-only";

/**
 * The one check between the codec endpoint (`/api/temporal-codec/*`, which decrypts Temporal
 * payloads: HR data) and a browser: the request must come from a signed-in operator. Returns
 * the response to send instead, or null to go on.
 *
 * Sessions are not merged yet (branch `auth`), so for now this refuses every request: the
 * endpoint decodes nothing for anyone. Once `requireSession` exists in this folder, the body
 * becomes:
 *
 *     const check = await requireSession(request, "operator");
 *     return check.ok ? null : check.response;
 */
export function requireCodecOperator(request: Request): Promise<Response | null> {
  void request;
  return Promise.resolve(
    Response.json(
      { error: "sign in as an operator to decode Temporal payloads (sessions are not enabled)" },
      { status: 401 },
    ),
  );
}
