import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "~/trpc/react";
import "./globals.css";

export const metadata: Metadata = { title: "Tandem", description: "Two-way sync for HR systems" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <header className="border-b border-slate-200 bg-white">
          <nav className="mx-auto flex max-w-6xl items-center gap-6 px-6 py-3" aria-label="Main">
            <Link href="/" className="text-lg font-semibold tracking-tight">
              Tandem
            </Link>
            <Link href="/" className="text-sm text-slate-600 hover:text-slate-900">
              Overview
            </Link>
            <Link href="/mappings" className="text-sm text-slate-600 hover:text-slate-900">
              Mappings
            </Link>
            <Link href="/runs" className="text-sm text-slate-600 hover:text-slate-900">
              Workflow runs
            </Link>
          </nav>
        </header>
        <main className="mx-auto max-w-6xl px-6 py-8">
          <TRPCReactProvider>{children}</TRPCReactProvider>
        </main>
      </body>
    </html>
  );
}
