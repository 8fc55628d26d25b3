import { ConnectorError } from "./contract";
import {
  readCappedBody,
  ResponseTooLargeError,
  sendOutbound,
  systemResolver,
  type OutboundResponse,
} from "./outbound-request";
import { assertAllowedBaseUrl, NonPublicAddressError, type HostResolver } from "./url-policy";

export type FetchFn = typeof fetch;

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the vendor sent JSON, otherwise undefined. */
  body: unknown;
}

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path below the client's base URL, starting with `/`. */
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  headers?: Record<string, string>;
}

export interface HttpClientOptions {
  /** Vendor name used in error messages, e.g. "BambooHR". */
  vendor: string;
  /** Everything up to the API's path root, e.g. `https://api.gusto.com/v1`. */
  baseUrl: string;
  allowPrivateNetwork: boolean;
  /** Headers on every request, including auth. Never copied into errors. */
  headers: Record<string, string>;
  /** Extracts the vendor's own explanation from a failed response. */
  readVendorMessage: (response: HttpResponse) => string | undefined;
  /**
   * Replaces the transport, for tests of network failure modes. It skips the checked lookup,
   * so it is accepted only together with `allowPrivateNetwork`.
   */
  fetch?: FetchFn;
  /** Resolves host names for the checked lookup; the system resolver unless a test injects one. */
  resolveHost?: HostResolver;
  timeoutMs?: number;
  /** The largest response body read, in bytes (decoded); larger ones fail permanently. */
  maxResponseBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** Far above any vendor page we request (BambooHR's largest directory pages are a few MB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const RETRYABLE_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/**
 * A small HTTP client: one timeout, no redirects, a cap on response sizes, connections only to
 * addresses the URL policy accepted when the name was resolved, and every failure a
 * ConnectorError.
 */
export class HttpClient {
  private readonly baseUrl: string;

  constructor(private readonly options: HttpClientOptions) {
    assertAllowedBaseUrl(options.baseUrl, { allowPrivateNetwork: options.allowPrivateNetwork });
    if (options.fetch !== undefined && !options.allowPrivateNetwork) {
      throw new Error(
        `${options.vendor}: an injected fetch skips the address check; only tests with allowPrivateNetwork may inject one`,
      );
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(this.baseUrl + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      url.searchParams.set(name, value);
    }
    const label = `${this.options.vendor} ${request.method} ${request.path}`;
    const headers: Record<string, string> = {
      Accept: "application/json",
      ...this.options.headers,
      ...request.headers,
    };
    if (request.json !== undefined) headers["Content-Type"] = "application/json";

    const signal = AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const body = request.json === undefined ? undefined : JSON.stringify(request.json);
    let response: OutboundResponse;
    let text: string;
    try {
      response = await this.send(url, { method: request.method, headers, body, signal });
      const bytes = await readCappedBody(
        response.body,
        response.headers.get("content-length"),
        this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      );
      text = bytes.toString("utf8");
    } catch (error) {
      throw classifyNetworkError(label, signal.aborted ? signal.reason : error);
    }

    const parsed: HttpResponse = {
      status: response.status,
      headers: response.headers,
      body: parseJsonBody(label, response, text),
    };
    if (response.status >= 200 && response.status < 300) return parsed;
    throw classifyHttpError(label, parsed, this.options.readVendorMessage(parsed));
  }

  private async send(
    url: URL,
    request: {
      method: string;
      headers: Record<string, string>;
      body?: string;
      signal: AbortSignal;
    },
  ): Promise<OutboundResponse> {
    const injected = this.options.fetch;
    if (injected === undefined) {
      return sendOutbound(url, request, this.options.resolveHost ?? systemResolver, {
        allowPrivateNetwork: this.options.allowPrivateNetwork,
      });
    }
    // A redirect could lead the server somewhere the URL policy refused; treat it as an error.
    const response = await injected(url, { ...request, redirect: "manual" });
    return { status: response.status, headers: response.headers, body: chunksOf(response.body) };
  }
}

/** A fetch body as chunks; stopping early cancels the stream (and the download). */
async function* chunksOf(stream: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (stream === null) return;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function parseJsonBody(label: string, response: OutboundResponse, text: string): unknown {
  const isJson = response.headers.get("content-type")?.includes("json") ?? false;
  if (!isJson || text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (response.status >= 200 && response.status < 300) {
      throw new ConnectorError(`${label} returned malformed JSON`, "permanent", {
        status: response.status,
      });
    }
    return undefined;
  }
}

export function classifyHttpError(
  label: string,
  response: HttpResponse,
  vendorMessage: string | undefined,
): ConnectorError {
  const { status } = response;
  const details = { status, ...(vendorMessage === undefined ? {} : { vendorMessage }) };
  const suffix = vendorMessage === undefined ? "" : `: ${vendorMessage}`;

  if (status >= 300 && status < 400) {
    return new ConnectorError(
      `${label} answered with a redirect (${status}); redirects are not followed`,
      "permanent",
      details,
    );
  }
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    return new ConnectorError(
      `${label} was throttled (${status})${suffix}`,
      "retryable",
      retryAfterMs === undefined ? details : { ...details, retryAfterMs },
    );
  }
  if (status >= 500) {
    return new ConnectorError(`${label} failed with ${status}${suffix}`, "retryable", details);
  }
  return new ConnectorError(`${label} was rejected with ${status}${suffix}`, "permanent", details);
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function classifyNetworkError(label: string, error: unknown): ConnectorError {
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return new ConnectorError(`${label} timed out`, "retryable");
  }
  if (error instanceof NonPublicAddressError) {
    return new ConnectorError(`${label} refused: ${error.message}`, "permanent");
  }
  if (error instanceof ResponseTooLargeError) {
    return new ConnectorError(`${label} refused: ${error.message}`, "permanent");
  }
  const code = networkErrorCode(error);
  // The underlying message is deliberately not echoed: some runtimes include the full URL.
  const kind = code !== undefined && RETRYABLE_NETWORK_CODES.has(code) ? "retryable" : "permanent";
  return new ConnectorError(`${label} failed: network error ${code ?? "(unknown)"}`, kind);
}

function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
    if ("code" in current && typeof current.code === "string") return current.code;
    current = "cause" in current ? current.cause : undefined;
  }
  return undefined;
}
