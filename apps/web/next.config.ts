import type { NextConfig } from "next";

/**
 * The Content-Security-Policy of every page. Scripts, styles, images, fonts and requests come
 * from this origin only; no plugins, no <base> or form target elsewhere, no framing (so
 * publish, rollback and unregister cannot be clickjacked); ASVS 5.0 3.4.3 asks object-src and
 * base-uri 'none' of every policy. Two allowances remain:
 * - 'unsafe-inline' scripts: Next.js inlines its bootstrap and flight data, and a nonce would
 *   make every page dynamic; without 'unsafe-eval', no string becomes code.
 * - 'unsafe-inline' styles: React Flow positions nodes and edges with style attributes.
 * The mapping evaluator's generated field writer needs `new Function`; refused here, the editor's
 * previews run its step-by-step fallback (bench/mapping.ts measures both). `next dev` adds eval
 * and its hot-reload socket.
 */
export function contentSecurityPolicy(development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** On every response. Framing is refused twice: frame-ancestors, and X-Frame-Options for old browsers. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Content-Security-Policy",
    value: contentSecurityPolicy(process.env.NODE_ENV === "development"),
  },
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
