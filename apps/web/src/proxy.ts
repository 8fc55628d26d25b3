import { loadHostAllowlist, MISDIRECTED_REQUEST, type HostAllowlist } from "@tandem/config";
import { NextResponse, type NextRequest } from "next/server";

let hosts: HostAllowlist | undefined;

/**
 * Refuses every request whose `Host` is not one this deployment is served at (421), before any
 * page, route or asset: a page on another name rebound to this server's address reads nothing.
 */
export function proxy(request: NextRequest): NextResponse {
  // Read at the first request, not at build time.
  hosts ??= loadHostAllowlist();
  if (!hosts.admits(request.headers.get("host")))
    return NextResponse.json(MISDIRECTED_REQUEST.body, { status: MISDIRECTED_REQUEST.status });
  return NextResponse.next();
}
