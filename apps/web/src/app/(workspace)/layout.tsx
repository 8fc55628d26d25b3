import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { currentPageSession } from "~/server/require-session";

/** Every page of a workspace needs a signed-in member; the workspace is the session's. */
export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  if (!(await currentPageSession())) redirect("/sign-in");
  return children;
}
