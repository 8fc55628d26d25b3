import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { readRawBody } from "../shared/http";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** Exactly the bytes received, for signature checks. */
  rawBody: string;
}

export interface WebhookReceiver {
  url: string;
  readonly received: readonly ReceivedWebhook[];
  /** Resolves with the n-th delivery (1-based) once it has arrived. */
  delivery(n: number): Promise<ReceivedWebhook>;
  close(): Promise<void>;
}

/**
 * A throwaway HTTP endpoint that records webhook deliveries and answers each with the status
 * `respond` picks (given the 1-based delivery number), for tests that await deliveries
 * instead of sleeping.
 */
export async function startWebhookReceiver(
  respond: (deliveryNumber: number) => number = () => 200,
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters = new Map<number, (webhook: ReceivedWebhook) => void>();

  const server = createServer((request, response) => {
    readRawBody(request).then(
      (rawBody) => {
        const webhook = { headers: request.headers, rawBody };
        received.push(webhook);
        const n = received.length;
        response.writeHead(respond(n)).end();
        waiters.get(n)?.(webhook);
        waiters.delete(n);
      },
      () => response.writeHead(400).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    delivery(n) {
      const already = received[n - 1];
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => waiters.set(n, resolve));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
