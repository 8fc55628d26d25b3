import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { MISDIRECTED_REQUEST, type HostAllowlist } from "@tandem/config";
import { BodyTooLargeError } from "../http/read-bounded-body";
import { handleWebhook, MAX_WEBHOOK_BYTES, type WebhookIngressDeps } from "./handle-webhook";
import { clientAddressOf, IngressRateLimits } from "./ingress-rate-limits";

const HOOK_PATH = /^\/api\/hooks\/([^/?#]+)\/?(?:[?#].*)?$/;

/**
 * Webhook ingress as a plain node:http server: the same route (`POST /api/hooks/<connection>`),
 * checks and answers as the web app's, without the web framework's per-request work (about
 * 1.8 ms of CPU per request in `next start` before any of ours). A deployment routes
 * `/api/hooks/` to these processes at its load balancer; the web app's route stays for
 * deployments that do not.
 */
export function createIngressServer(
  deps: WebhookIngressDeps,
  options: {
    /** `Host` headers answered; any other gets 421 before anything else (DNS rebinding). */
    hosts: HostAllowlist;
    rateLimits?: IngressRateLimits;
  },
): Server {
  const { hosts, rateLimits = new IngressRateLimits() } = options;
  return createServer((request, response) => {
    if (!hosts.admits(request.headers.host)) {
      request.resume();
      return sendJson(response, MISDIRECTED_REQUEST.status, MISDIRECTED_REQUEST.body);
    }
    void serve(deps, rateLimits, request, response).catch((error: unknown) => {
      deps.log?.(
        `webhook ingress failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!response.headersSent) sendJson(response, 500, { error: "internal error" });
      else response.destroy();
    });
  });
}

async function serve(
  deps: WebhookIngressDeps,
  rateLimits: IngressRateLimits,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = request.url ?? "/";
  if (url === "/api/health") return sendJson(response, 200, { ok: true });
  const match = HOOK_PATH.exec(url);
  if (!match) return sendJson(response, 404, { error: "not found" });
  if (request.method !== "POST")
    return sendJson(response, 405, { error: "method not allowed" }, { Allow: "POST" });
  const connectionId = decodeURIComponent(match[1] ?? "");
  const headers = headersOf(request);
  // Before the body is read: a flood costs neither memory nor a database query.
  const limited = rateLimits.admit(
    connectionId,
    headers.has("x-forwarded-for") || headers.has("x-real-ip")
      ? clientAddressOf(headers)
      : (request.socket.remoteAddress ?? "unknown"),
  );
  if (limited) return sendJson(response, limited.status, limited.body, limited.headers);
  let rawBody: string;
  try {
    rawBody = await readBody(request, MAX_WEBHOOK_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    request.resume();
    return sendJson(response, 413, { error: "payload too large" }, { Connection: "close" });
  }
  const answer = await handleWebhook(deps, connectionId, headers, rawBody);
  sendJson(response, answer.status, answer.body, answer.headers);
}

function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = request.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2)
    headers.append(raw[index] as string, raw[index + 1] as string);
  return headers;
}

/** The body as text, refused past `limitBytes` (declared or read) before it is buffered whole. */
function readBody(request: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = request.headers["content-length"];
  if (declared !== undefined && Number(declared) > limitBytes)
    return Promise.reject(new BodyTooLargeError(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    request.on("data", (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limitBytes) {
        request.removeAllListeners("data");
        reject(new BodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    request.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.once("error", reject);
  });
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response
    .writeHead(status, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(text),
      ...headers,
    })
    .end(text);
}
