import type { NextConfig } from "next";

/**
 * On every response. Framing is refused twice (CSP frame-ancestors for current browsers,
 * X-Frame-Options for older ones) so publish, rollback and unregister cannot be clickjacked.
 * The CSP names frame-ancestors only: a script policy the editor works under has not been
 * measured yet, and a CSP with no script directive restricts no script.
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
];

/**
 * HSTS only when the request reached the proxy in front of the app over https (next start
 * serves plain http; browsers ignore HSTS over http anyway, but a local http stack should
 * not even suggest it).
 */
const httpsOnlyHeaders = [{ key: "Strict-Transport-Security", value: "max-age=31536000" }];

const config: NextConfig = {
  headers() {
    return Promise.resolve([
      { source: "/:path*", headers: securityHeaders },
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: httpsOnlyHeaders,
      },
    ]);
  },
  // Internal packages ship TypeScript sources (create-t3-turbo style).
  transpilePackages: [
    "@tandem/api",
    "@tandem/config",
    "@tandem/connectors",
    "@tandem/db",
    "@tandem/hr-model",
    "@tandem/mapping",
    "@tandem/sync-core",
    "@tandem/workflows",
  ],
  // Native and gRPC modules are loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "@temporalio/client",
    "@temporalio/proto",
    "@temporalio/common",
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "@prisma/client",
  ],
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: false },
};

export default config;
