import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentPageSession } from "~/server/require-session";
import { safeNextPath } from "~/server/safe-next-path";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in · Tandem" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).next;
  const next = safeNextPath(typeof raw === "string" ? raw : null);
  if (await currentPageSession()) redirect(next);
  return (
    <div className="mx-auto mt-12 max-w-sm">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">to the Tandem workspace you are a member of.</p>
      <SignInForm next={next} />
    </div>
  );
}
