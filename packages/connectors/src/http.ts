import { ConnectorError } from "./contract";
import { assertAllowedBaseUrl } from "./url-policy";

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
  fetch?: FetchFn;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
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

/** A small fetch wrapper: one timeout, no redirects, and every failure a ConnectorError. */
export class HttpClient {
  private readonly baseUrl: string;

  constructor(private readonly options: HttpClientOptions) {
    assertAllowedBaseUrl(options.baseUrl, { allowPrivateNetwork: options.allowPrivateNetwork });
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

    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method: request.method,
        headers,
        body: request.json === undefined ? undefined : JSON.stringify(request.json),
        // A redirect could lead the server somewhere the URL policy refused; treat it as an error.
        redirect: "manual",
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (error) {
      throw classifyNetworkError(label, error);
    }

    const parsed: HttpResponse = {
      status: response.status,
      headers: response.headers,
      body: await readJsonBody(label, response),
    };
    if (response.status >= 200 && response.status < 300) return parsed;
    throw classifyHttpError(label, parsed, this.options.readVendorMessage(parsed));
  }
}

async function readJsonBody(label: string, response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw classifyNetworkError(label, error);
  }
  const isJson = response.headers.get("content-type")?.includes("json") ?? false;
  if (!isJson || text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (response.ok) {
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
