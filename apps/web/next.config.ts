import type { NextConfig } from "next";

const config: NextConfig = {
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
