// The app's webhook route, `/api/hooks/:connectionId`, served over real HTTP for tests: the
// same handleWebhook the Next.js route calls, without Temporal (stored events stay queued).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@tandem/db";
import { handleWebhook, type WebhookResponse } from "../src/ingress/handle-webhook";

export interface IngressServer {
  /** What `publicBaseUrl` is for this server. */
  url: string;
  /** Every answer given, in order, with the connection it was for. */
  answers: (WebhookResponse & { connectionId: string })[];
  /** Holds requests unanswered (and unhandled) until `release`; for ordering races in tests. */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

export async function startIngressServer(options: {
  db: Db;
  secretKey: Buffer;
}): Promise<IngressServer> {
  const answers: IngressServer["answers"] = [];
  let held: (() => void)[] | null = null;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const handle = () => {
        const match = /^\/api\/hooks\/([^/?]+)$/.exec(request.url ?? "");
        if (!match?.[1]) return void response.writeHead(404).end();
        const connectionId = decodeURIComponent(match[1]);
        const headers = new Headers();
        for (const [name, value] of Object.entries(request.headers))
          if (typeof value === "string") headers.set(name, value);
        handleWebhook(
          {
            db: options.db,
            secretKey: options.secretKey,
            allowPrivateNetwork: true,
            nudger: { nudge: () => Promise.reject(new Error("no Temporal in this test")) },
          },
          connectionId,
          headers,
          Buffer.concat(chunks).toString("utf8"),
        )
          .then((result) => {
            answers.push({ ...result, connectionId });
            response
              .writeHead(result.status, { ...result.headers, "content-type": "application/json" })
              .end(JSON.stringify(result.body));
          })
          .catch((error: unknown) => response.writeHead(500).end(String(error)));
      };
      if (held) held.push(handle);
      else handle();
    });
  });
  const url = await new Promise<string>((resolve) => {
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
  return {
    url,
    answers,
    hold() {
      held ??= [];
    },
    release() {
      const waiting = held ?? [];
      held = null;
      for (const handle of waiting) handle();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
