import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, BodyTooLargeError, MAX_TRPC_BODY_BYTES, readBoundedBody } from "@tandem/api";
import { crossOriginRefused, isCrossOrigin } from "~/server/same-origin";
import { services } from "~/server/services";
import { sessionTokenOf } from "~/server/session-cookie";

export const dynamic = "force-dynamic";

/** The request with its body read under the cap, so nothing larger is ever buffered. */
async function boundedRequest(request: Request): Promise<Request> {
  if (request.method === "GET" || request.method === "HEAD") return request;
  const body = await readBoundedBody(request, MAX_TRPC_BODY_BYTES);
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  return new Request(request.url, { method: request.method, headers, body });
}

async function handler(incoming: Request) {
  const { db, scopedDb, temporal, nudger, secretKey, env } = services();
  // Before the body is read. Queries too: a cross-site GET (a link, an <img>) must not run what-if.
  if (isCrossOrigin(incoming, env.TANDEM_PUBLIC_URL)) return crossOriginRefused();
  let request: Request;
  try {
    request = await boundedRequest(incoming);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return Response.json({ error: { message: error.message } }, { status: 413 });
    throw error;
  }
  const sessionToken = sessionTokenOf(request.headers.get("cookie"));
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => ({
      db,
      scopedDb,
      temporal,
      nudger,
      taskQueue: env.TANDEM_TASK_QUEUE,
      reconcileIntervalMinutes: env.TANDEM_RECONCILE_INTERVAL_MINUTES,
      sessionToken,
      connectorAccess: {
        secretKey,
        allowPrivateNetwork: env.TANDEM_ALLOW_PRIVATE_NETWORK,
        publicUrl: env.TANDEM_WEBHOOK_URL ?? env.TANDEM_PUBLIC_URL,
      },
    }),
    onError: ({ path, error }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        console.error(`tRPC ${path ?? "?"}: ${error.message}`);
    },
  });
}

export { handler as GET, handler as POST };
