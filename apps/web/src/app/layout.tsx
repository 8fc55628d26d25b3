import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { currentPageSession } from "~/server/require-session";
import { TRPCReactProvider } from "~/trpc/react";
import "./globals.css";

export const metadata: Metadata = { title: "Tandem", description: "Two-way sync for HR systems" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await currentPageSession();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <header className="border-b border-slate-200 bg-white">
          <nav className="mx-auto flex max-w-6xl items-center gap-6 px-6 py-3" aria-label="Main">
            <Link href="/" className="text-lg font-semibold tracking-tight">
              Tandem
            </Link>
            {session ? (
              <>
                <Link href="/" className="text-sm text-slate-600 hover:text-slate-900">
                  Overview
                </Link>
                <Link href="/mappings" className="text-sm text-slate-600 hover:text-slate-900">
                  Mappings
                </Link>
                <Link href="/runs" className="text-sm text-slate-600 hover:text-slate-900">
                  Workflow runs
                </Link>
                <div className="ml-auto flex items-center gap-3 text-sm">
                  <span className="text-slate-600" data-testid="signed-in-as">
                    {session.user.email}
                    <span className="text-slate-400">
                      {" "}
                      · {session.role} of {session.workspace.name}
                    </span>
                  </span>
                  <form action="/api/auth/sign-out" method="post">
                    <button
                      type="submit"
                      className="rounded border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-100"
                    >
                      Sign out
                    </button>
                  </form>
                  <form action="/api/auth/sign-out" method="post">
                    <input type="hidden" name="scope" value="everywhere" />
                    <button
                      type="submit"
                      className="text-slate-500 underline-offset-2 hover:text-slate-900 hover:underline"
                      title="Ends every session of this account, on every device"
                    >
                      Sign out everywhere
                    </button>
                  </form>
                </div>
              </>
            ) : null}
          </nav>
        </header>
        <main className="mx-auto max-w-6xl px-6 py-8">
          <TRPCReactProvider>{children}</TRPCReactProvider>
        </main>
      </body>
    </html>
  );
}
