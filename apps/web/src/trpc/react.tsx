"use client";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@tandem/api";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/** A session that ended (idle, expired, signed out elsewhere) sends the page to sign-in. */
function signInAgainWhenUnauthenticated(error: unknown) {
  if (!(error instanceof TRPCClientError)) return;
  const code = (error.data as { code?: unknown } | undefined)?.code;
  if (code !== "UNAUTHORIZED") return;
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/sign-in?next=${encodeURIComponent(here)}`);
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 1_000 } },
        queryCache: new QueryCache({ onError: signInAgainWhenUnauthenticated }),
        mutationCache: new MutationCache({ onError: signInAgainWhenUnauthenticated }),
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
