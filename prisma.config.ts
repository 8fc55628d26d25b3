// Prisma CLI configuration. The CLI runs through driver adapters and the JS engine, so it
// never needs Prisma's downloadable native engines (see scripts/prisma.ts).
import path from "node:path";
import { devStackPaths } from "@tandem/config/dev-stack";
import { defineConfig } from "prisma/config";

const root = import.meta.dirname;
const url = devStackPaths(root).databaseUrl;
const isPostgres = /^postgres(ql)?:\/\//.test(url);
const provider = isPostgres ? "postgresql" : "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: isPostgres
    ? path.join(root, "prisma", "generated", "postgresql.prisma")
    : path.join(root, "prisma", "schema.prisma"),
  migrations: { path: path.join(root, "prisma", "migrations", provider) },
  async adapter() {
    if (isPostgres) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url });
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url });
  },
});
