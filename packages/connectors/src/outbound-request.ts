import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import {
  createCheckedLookup,
  type HostResolver,
  type ResolvedAddress,
  type SocketLookup,
  type UrlPolicyOptions,
} from "./url-policy";

export interface OutboundRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export interface OutboundResponse {
  status: number;
  headers: Headers;
  /** The decoded body; iterate it once. */
  body: AsyncIterable<Uint8Array>;
}

/** The system resolver (getaddrinfo: hosts file, then DNS), every address of the name. */
export const systemResolver: HostResolver = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((answer): ResolvedAddress => ({
    address: answer.address,
    family: answer.family === 6 ? 6 : 4,
  }));
};

interface Transport {
  lookup: SocketLookup;
  httpAgent: http.Agent;
  httpsAgent: https.Agent;
}

// Keep-alive sockets are pooled by host and port, not by how they were resolved; so each pool
// belongs to one resolver under one policy, and every socket in it went through that lookup.
const transports = new WeakMap<HostResolver, Map<boolean, Transport>>();
const IDLE_SOCKET_MS = 30_000;

function transportFor(resolve: HostResolver, policy: UrlPolicyOptions): Transport {
  let byPolicy = transports.get(resolve);
  if (byPolicy === undefined) {
    byPolicy = new Map();
    transports.set(resolve, byPolicy);
  }
  let transport = byPolicy.get(policy.allowPrivateNetwork);
  if (transport === undefined) {
    const agentOptions = { keepAlive: true, timeout: IDLE_SOCKET_MS };
    transport = {
      lookup: createCheckedLookup(resolve, policy),
      httpAgent: new http.Agent(agentOptions),
      httpsAgent: new https.Agent(agentOptions),
    };
    byPolicy.set(policy.allowPrivateNetwork, transport);
  }
  return transport;
}

/**
 * Sends one request over node:http(s) whose socket connects only to an address the checked
 * lookup resolved and judged (TLS still verifies the certificate against the URL's host name).
 * Redirects are never followed; the response is handed back as is.
 */
export function sendOutbound(
  url: URL,
  request: OutboundRequest,
  resolve: HostResolver,
  policy: UrlPolicyOptions,
): Promise<OutboundResponse> {
  const transport = transportFor(resolve, policy);
  const secure = url.protocol === "https:";
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined) {
    headers["Content-Length"] = String(Buffer.byteLength(request.body));
  }
  return new Promise((resolvePromise, reject) => {
    const options: http.RequestOptions = {
      method: request.method,
      headers,
      signal: request.signal,
      lookup: transport.lookup,
    };
    const onResponse = (response: http.IncomingMessage): void => {
      resolvePromise({
        status: response.statusCode ?? 0,
        headers: headersOf(response.rawHeaders),
        body: decoded(response),
      });
    };
    const outgoing = secure
      ? https.request(url, { ...options, agent: transport.httpsAgent }, onResponse)
      : http.request(url, { ...options, agent: transport.httpAgent }, onResponse);
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

function headersOf(rawHeaders: string[]): Headers {
  const headers = new Headers();
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    headers.append(rawHeaders[index] as string, rawHeaders[index + 1] as string);
  }
  return headers;
}

// No Accept-Encoding is sent, but a server may compress anyway; the size cap applies to the
// decoded bytes, so a small compressed bomb cannot expand past it.
function decoded(response: http.IncomingMessage): Readable {
  const encoding = (response.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? createGunzip()
      : encoding === "deflate"
        ? createInflate()
        : encoding === "br"
          ? createBrotliDecompress()
          : undefined;
  if (decoder === undefined) return response;
  response.on("error", (error) => decoder.destroy(error));
  // A reader that stops early destroys the decoder; the download behind it must stop too.
  decoder.on("close", () => {
    if (!response.complete) response.destroy();
  });
  return response.pipe(decoder);
}

/** Thrown when a response body is larger than the caller accepts. */
export class ResponseTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the response is larger than ${limitBytes} bytes`);
    this.name = "ResponseTooLargeError";
  }
}

/**
 * Reads a body up to `limitBytes`, refusing a larger declared Content-Length before reading
 * and stopping (which closes the stream) as soon as the bytes read pass the limit.
 */
export async function readCappedBody(
  body: AsyncIterable<Uint8Array> | null,
  declaredLength: string | null,
  limitBytes: number,
): Promise<Buffer> {
  if (declaredLength !== null && Number(declaredLength) > limitBytes) {
    throw new ResponseTooLargeError(limitBytes);
  }
  if (body === null) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > limitBytes) throw new ResponseTooLargeError(limitBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
