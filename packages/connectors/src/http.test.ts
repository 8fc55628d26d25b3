import { createServer, type Server } from "node:http";
import { isIPv6, type AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBambooHrErrorMessage } from "./bamboohr/connector";
import { ConnectorError } from "./contract";
import { readGustoErrorMessage } from "./gusto/connector";
import { HttpClient, parseRetryAfter, type HttpClientOptions } from "./http";
import type { HostResolver } from "./url-policy";

const SECRET = "super-secret-token";
let server: Server;
let baseUrl: string;
let redirectTargetHits = 0;
let requestsServed = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    requestsServed++;
    switch (request.url) {
      case "/throttled":
        return response.writeHead(429, { "Retry-After": "7" }).end();
      case "/unavailable":
        return response
          .writeHead(503, { "Retry-After": new Date(Date.now() + 60_000).toUTCString() })
          .end();
      case "/boom":
        return response.writeHead(500).end();
      case "/bamboo-invalid":
        return response
          .writeHead(400, { "X-BambooHR-Error-Message": 'Missing required field "firstName".' })
          .end();
      case "/bamboo-bad-page":
        return response
          .writeHead(400, { "Content-Type": "application/json" })
          .end(
            JSON.stringify({ error: { code: "BadPage", message: "page[after] is not valid." } }),
          );
      case "/gusto-invalid":
        return response.writeHead(422, { "Content-Type": "application/json" }).end(
          JSON.stringify({
            errors: [
              {
                error_key: "first_name",
                category: "invalid_attribute_value",
                message: "First name can't be blank",
              },
            ],
          }),
        );
      case "/redirect":
        return response.writeHead(302, { Location: "/elsewhere" }).end();
      case "/elsewhere":
        redirectTargetHits++;
        return response.writeHead(200, { "Content-Type": "application/json" }).end("{}");
      case "/malformed":
        return response.writeHead(200, { "Content-Type": "application/json" }).end("{");
      case "/slow":
        return; // never answers
      case "/big-declared":
        return response
          .writeHead(200, { "Content-Type": "application/json", "Content-Length": "4096" })
          .end(`"${"x".repeat(4094)}"`);
      case "/big-chunked":
        // No Content-Length: the cap must stop the read itself.
        response.writeHead(200, { "Content-Type": "application/json" });
        response.write(`"${"x".repeat(3000)}`);
        return response.end(`${"x".repeat(3000)}"`);
      case "/gzip-bomb":
        return response
          .writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" })
          .end(gzipSync(Buffer.from(`"${"0".repeat(1024 * 1024)}"`)));
      case "/gzip-small":
        return response
          .writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" })
          .end(gzipSync(Buffer.from('{"zipped":true}')));
      default:
        return response.writeHead(200, { "Content-Type": "application/json" }).end('{"ok":true}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(overrides: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({
    vendor: "Vendor",
    baseUrl,
    allowPrivateNetwork: true,
    headers: { Authorization: `Bearer ${SECRET}` },
    readVendorMessage: readBambooHrErrorMessage,
    timeoutMs: 2_000,
    ...overrides,
  });
}

async function failure(request: Promise<unknown>): Promise<ConnectorError> {
  const error = await request.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  const connectorError = error as ConnectorError;
  expect(connectorError.message).not.toContain(SECRET);
  return connectorError;
}

describe("HttpClient error classification", () => {
  it("returns parsed JSON on success", async () => {
    const response = await client().request({ method: "GET", path: "/fine" });
    expect(response.body).toEqual({ ok: true });
  });

  it("429 with Retry-After seconds is retryable after that delay", async () => {
    const error = await failure(client().request({ method: "GET", path: "/throttled" }));
    expect(error.kind).toBe("retryable");
    expect(error.details).toMatchObject({ status: 429, retryAfterMs: 7_000 });
  });

  it("503 with an HTTP-date Retry-After is retryable after about that long", async () => {
    const error = await failure(client().request({ method: "GET", path: "/unavailable" }));
    expect(error.kind).toBe("retryable");
    expect(error.details.retryAfterMs).toBeGreaterThan(55_000);
    expect(error.details.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it("other 5xx are retryable without a delay hint", async () => {
    const error = await failure(client().request({ method: "GET", path: "/boom" }));
    expect(error.kind).toBe("retryable");
    expect(error.details).toEqual({ status: 500 });
  });

  it("4xx are permanent and carry BambooHR's header or body message", async () => {
    const fromHeader = await failure(
      client().request({ method: "POST", path: "/bamboo-invalid", json: {} }),
    );
    expect(fromHeader.kind).toBe("permanent");
    expect(fromHeader.details.vendorMessage).toBe('Missing required field "firstName".');
    expect(fromHeader.message).toBe(
      'Vendor POST /bamboo-invalid was rejected with 400: Missing required field "firstName".',
    );
    const fromBody = await failure(client().request({ method: "GET", path: "/bamboo-bad-page" }));
    expect(fromBody.details.vendorMessage).toBe("page[after] is not valid.");
  });

  it("Gusto's 422 errors array becomes the vendor message", async () => {
    const gusto = client({ readVendorMessage: readGustoErrorMessage });
    const error = await failure(
      gusto.request({ method: "POST", path: "/gusto-invalid", json: {} }),
    );
    expect(error.kind).toBe("permanent");
    expect(error.details).toEqual({
      status: 422,
      vendorMessage: "first_name: First name can't be blank",
    });
  });

  it("never follows a redirect", async () => {
    const error = await failure(client().request({ method: "GET", path: "/redirect" }));
    expect(error.kind).toBe("permanent");
    expect(error.details.status).toBe(302);
    expect(redirectTargetHits).toBe(0);
  });

  it("a timeout is retryable", async () => {
    const error = await failure(
      client({ timeoutMs: 100 }).request({ method: "GET", path: "/slow" }),
    );
    expect(error.kind).toBe("retryable");
    expect(error.message).toContain("timed out");
  });

  it("a refused connection is retryable", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(
      client({ baseUrl: `http://127.0.0.1:${port}` }).request({ method: "GET", path: "/x" }),
    );
    expect(error.kind).toBe("retryable");
    expect(error.message).toContain("ECONNREFUSED");
  });

  it("malformed JSON in a success reply is permanent", async () => {
    const error = await failure(client().request({ method: "GET", path: "/malformed" }));
    expect(error.kind).toBe("permanent");
  });

  it("refuses a private base URL unless allowed", () => {
    expect(() => client({ allowPrivateNetwork: false })).toThrow(ConnectorError);
  });
});

describe("HttpClient outbound address policy", () => {
  function resolvingTo(...addresses: string[]): { resolve: HostResolver; calls: string[] } {
    const calls: string[] = [];
    const resolve: HostResolver = (hostname) => {
      calls.push(hostname);
      return Promise.resolve(
        addresses.map((address) => ({ address, family: isIPv6(address) ? 6 : 4 })),
      );
    };
    return { resolve, calls };
  }

  function port(): string {
    return new URL(baseUrl).port;
  }

  it.each([
    ["loopback", ["127.0.0.1"]],
    ["private", ["10.1.2.3"]],
    ["cloud metadata", ["169.254.169.254"]],
    ["benchmarking", ["198.18.0.1"]],
    ["IPv6 loopback", ["::1"]],
    ["IPv4-mapped loopback", ["::ffff:127.0.0.1"]],
    ["NAT64 of loopback", ["64:ff9b::7f00:1"]],
    ["6to4 of loopback", ["2002:7f00:1::1"]],
    ["AWS IPv6 metadata", ["fd00:ec2::254"]],
    ["a public and a private answer", ["93.184.216.34", "127.0.0.1"]],
  ])("refuses a public-looking name that resolves to %s", async (_label, addresses) => {
    const { resolve, calls } = resolvingTo(...addresses);
    const served = requestsServed;
    const strict = client({
      baseUrl: `http://vendor.example.com:${port()}`,
      allowPrivateNetwork: false,
      resolveHost: resolve,
    });
    const error = await failure(strict.request({ method: "GET", path: "/fine" }));
    expect(error.kind).toBe("permanent");
    expect(error.message).toContain("not a public address");
    expect(calls).toEqual(["vendor.example.com"]);
    expect(requestsServed).toBe(served);
  });

  it("connects to the address its own resolver answered, with no other lookup", async () => {
    // `vendor.invalid` cannot resolve anywhere (RFC 6761), so reaching the server proves the
    // socket used the injected answer.
    const { resolve, calls } = resolvingTo("127.0.0.1");
    const local = client({ baseUrl: `http://vendor.invalid:${port()}`, resolveHost: resolve });
    const response = await local.request({ method: "GET", path: "/fine" });
    expect(response.body).toEqual({ ok: true });
    expect(calls).toEqual(["vendor.invalid"]);
  });

  it("refuses an injected fetch when the address policy is on", () => {
    expect(() =>
      client({ baseUrl: "https://api.gusto.com", allowPrivateNetwork: false, fetch }),
    ).toThrow(/address check/);
  });
});

describe("HttpClient response size cap", () => {
  it("refuses a declared Content-Length above the cap", async () => {
    const error = await failure(
      client({ maxResponseBytes: 1024 }).request({ method: "GET", path: "/big-declared" }),
    );
    expect(error.kind).toBe("permanent");
    expect(error.message).toContain("larger than 1024 bytes");
  });

  it("stops reading a body without Content-Length once it passes the cap", async () => {
    const error = await failure(
      client({ maxResponseBytes: 1024 }).request({ method: "GET", path: "/big-chunked" }),
    );
    expect(error.message).toContain("larger than 1024 bytes");
  });

  it("caps the decoded size of a compressed body", async () => {
    const error = await failure(
      client({ maxResponseBytes: 64 * 1024 }).request({ method: "GET", path: "/gzip-bomb" }),
    );
    expect(error.message).toContain("larger than 65536 bytes");
    const small = await client().request({ method: "GET", path: "/gzip-small" });
    expect(small.body).toEqual({ zipped: true });
  });

  it("reads bodies within the cap", async () => {
    const response = await client({ maxResponseBytes: 8192 }).request({
      method: "GET",
      path: "/big-declared",
    });
    expect(response.body).toHaveLength(4094);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates and ignores junk", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
