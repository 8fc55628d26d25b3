import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BodyTooLargeError, sendJson } from "./http";
import type { FaultInjector } from "./faults";
import type { RequestLog } from "./request-log";

export type RouteHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => Promise<void>;

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function isLoopback(address: string | undefined): boolean {
  return (
    address !== undefined &&
    (address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127."))
  );
}

/**
 * One node:http server per simulator: vendor paths go to the vendor handler, `/_admin/…` to
 * the admin handler (loopback clients only), and every request is logged.
 */
export async function startSimulatorServer(options: {
  host: string;
  port: number;
  requestLog: RequestLog;
  vendor: RouteHandler;
  admin: RouteHandler;
  /** Fault knobs applied to vendor paths only; the admin API always answers promptly. */
  faults?: FaultInjector;
}): Promise<RunningServer> {
  const server = createServer((request, response) => {
    void dispatch(request, response);
  });

  async function dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
    options.requestLog.track(request, response);
    const url = new URL(request.url ?? "/", "http://simulator.invalid");
    try {
      if (url.pathname === "/_admin" || url.pathname.startsWith("/_admin/")) {
        if (!isLoopback(request.socket.remoteAddress)) {
          sendJson(response, 403, { error: "the admin API only answers loopback clients" });
          return;
        }
        await options.admin(request, response, url);
      } else {
        const fault = options.faults
          ? await options.faults.beforeVendorRequest(response, request.method)
          : null;
        if (fault?.kind === "answered") return;
        if (fault?.loseAnswer) loseAnswer(request, response);
        if (fault?.malformed) cutAnswerShort(response);
        for (const [name, value] of Object.entries(fault?.headers ?? {})) {
          response.setHeader(name, value);
        }
        await options.vendor(request, response, url);
      }
    } catch (error) {
      if (response.headersSent) {
        response.destroy();
      } else if (error instanceof BodyTooLargeError) {
        sendJson(response, 413, { error: error.message });
      } else {
        console.error("simulator request failed", error);
        sendJson(response, 500, { error: "internal simulator error" });
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A successful answer's body ends halfway (its status and headers are sent as they were). */
function cutAnswerShort(response: ServerResponse): void {
  const end = response.end.bind(response) as (chunk?: unknown) => ServerResponse;
  response.end = ((chunk?: unknown) => {
    if (response.statusCode < 200 || response.statusCode >= 300 || chunk === undefined)
      return end(chunk);
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString();
    return end(text.slice(0, Math.floor(text.length / 2)));
  }) as ServerResponse["end"];
}

/** The request is served in full, but its answer is never sent: the connection just closes. */
function loseAnswer(request: IncomingMessage, response: ServerResponse): void {
  response.writeHead = () => response;
  response.write = (() => true) as ServerResponse["write"];
  response.end = (() => {
    request.socket.destroy();
    return response;
  }) as ServerResponse["end"];
}
