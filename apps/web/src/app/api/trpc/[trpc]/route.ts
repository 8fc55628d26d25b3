import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@tandem/api";
import { services } from "~/server/services";

export const dynamic = "force-dynamic";

function handler(request: Request) {
  const { db, scopedDb, temporal, nudger, secretKey, env } = services();
  const workspaceSlug =
    /(?:^|;\s*)tandem-workspace=([^;]+)/.exec(request.headers.get("cookie") ?? "")?.[1] ?? null;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => ({
      db,
      scopedDb,
      temporal,
      nudger,
      workspaceSlug,
      connectorAccess: {
        secretKey,
        allowPrivateNetwork: env.TANDEM_ALLOW_PRIVATE_NETWORK,
        publicUrl: env.TANDEM_PUBLIC_URL,
      },
    }),
    onError: ({ path, error }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        console.error(`tRPC ${path ?? "?"}: ${error.message}`);
    },
  });
}

export { handler as GET, handler as POST };
