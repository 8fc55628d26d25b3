import type { Payload, PayloadCodec } from "@temporalio/common";
import { z } from "zod";
import { BodyTooLargeError, readBoundedBody } from "../http/read-bounded-body";

/** Temporal's codec server protocol: proto3 JSON payloads, every bytes field base64. */
const JsonPayload = z.object({
  metadata: z.record(z.string(), z.base64()).nullish(),
  data: z.base64().nullish(),
});
const CodecBody = z.object({ payloads: z.array(JsonPayload).max(10_000) });
type JsonPayload = z.infer<typeof JsonPayload>;

export const CODEC_OPERATIONS = ["encode", "decode"] as const;
export type CodecOperation = (typeof CODEC_OPERATIONS)[number];

/** Bigger than any history page the Web UI sends; a bound on what a request may cost. */
export const MAX_CODEC_REQUEST_BYTES = 8 * 1024 * 1024;

export interface CodecServerDeps {
  codecs: readonly PayloadCodec[];
  /** The Temporal Web UI's origin: the only one CORS lets read the answers. */
  allowedOrigin: string;
  /** The response to send when the request may not use the codec (no operator signed in). */
  authorize: (request: Request) => Promise<Response | null>;
  log?: (message: string) => void;
}

function fromJson({ metadata, data }: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, "base64")]),
    ),
    data: Buffer.from(data ?? "", "base64"),
  };
}

function toJson({ metadata, data }: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(metadata ?? {}).map(([key, value]) => [
        key,
        Buffer.from(value).toString("base64"),
      ]),
    ),
    data: Buffer.from(data ?? new Uint8Array()).toString("base64"),
  };
}

/** CORS for the Web UI: its origin only, with credentials (the operator's session cookie). */
function corsHeaders(request: Request, allowedOrigin: string): Record<string, string> {
  const headers: Record<string, string> = { Vary: "Origin" };
  if (request.headers.get("origin") === allowedOrigin) {
    headers["Access-Control-Allow-Origin"] = allowedOrigin;
    headers["Access-Control-Allow-Credentials"] = "true";
    headers["Access-Control-Allow-Methods"] = "POST, OPTIONS";
    headers["Access-Control-Allow-Headers"] = "content-type, x-namespace, authorization";
    headers["Access-Control-Max-Age"] = "600";
  }
  return headers;
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  response.headers.set("Cache-Control", "no-store");
  return response;
}

/** The CORS preflight the browser sends before the Web UI's POST. */
export function codecPreflight(request: Request, deps: Pick<CodecServerDeps, "allowedOrigin">) {
  return withHeaders(new Response(null, { status: 204 }), corsHeaders(request, deps.allowedOrigin));
}

/**
 * `POST …/encode` and `POST …/decode` of Temporal's codec server protocol, for the Web UI and
 * the CLI (`--codec-endpoint`): `{payloads: [...]}` in, the same shape out, through the same
 * codecs the worker uses (decode runs the last codec first). Refused unless `authorize` lets
 * the request through, and a request from another browser origin gets no CORS grant.
 */
export async function handleCodecRequest(
  request: Request,
  operation: string,
  deps: CodecServerDeps,
): Promise<Response> {
  const cors = corsHeaders(request, deps.allowedOrigin);
  const answer = (body: unknown, status = 200) =>
    withHeaders(Response.json(body, { status }), cors);
  if (!(CODEC_OPERATIONS as readonly string[]).includes(operation))
    return answer({ error: "the codec endpoints are /encode and /decode" }, 404);
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== deps.allowedOrigin && origin !== new URL(request.url).origin)
    return answer({ error: "this origin may not use the codec" }, 403);
  const refused = await deps.authorize(request);
  if (refused) return withHeaders(refused, cors);
  let body: z.infer<typeof CodecBody>;
  try {
    body = CodecBody.parse(JSON.parse(await readBoundedBody(request, MAX_CODEC_REQUEST_BYTES)));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return answer({ error: "payloads too large" }, 413);
    return answer({ error: "expected {payloads: [{metadata, data}]} with base64 values" }, 400);
  }
  let payloads = body.payloads.map(fromJson);
  try {
    const codecs = operation === "decode" ? [...deps.codecs].reverse() : deps.codecs;
    for (const codec of codecs)
      payloads = await (operation === "decode" ? codec.decode(payloads) : codec.encode(payloads));
  } catch (error) {
    // The codec's messages name keys and formats, never payload contents.
    const message = error instanceof Error ? error.message : String(error);
    deps.log?.(`temporal codec ${operation} refused: ${message}`);
    return answer({ error: message }, 422);
  }
  return answer({ payloads: payloads.map(toJson) });
}
