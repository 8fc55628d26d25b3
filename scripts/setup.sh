#!/usr/bin/env bash
# Brings a checkout to a runnable state, idempotently: npm dependencies (from the lock file)
# and the generated Prisma clients. Prisma's engine downloads are switched off: Tandem runs
# Prisma through driver adapters and the JS engine only.
set -euo pipefail
cd "$(dirname "$0")/.."
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(command -v node)}"
export PRISMA_QUERY_ENGINE_LIBRARY="${PRISMA_QUERY_ENGINE_LIBRARY:-$(command -v node)}"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1 NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "tandem: Node.js 20 or newer is required (found $(node --version 2>/dev/null || echo none)); install it from your package manager." >&2
  exit 1
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "tandem: installing npm dependencies (npm ci)..." >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

# Both clients, each newer than the schema (npm ci's postinstall may have made the SQLite one).
stale=0
for generated in packages/db/src/generated/sqlite/client.ts packages/db/src/generated/postgresql/client.ts; do
  if [ ! -f "$generated" ] || [ prisma/schema.prisma -nt "$generated" ]; then stale=1; fi
done
if [ "$stale" = 1 ]; then
  echo "tandem: generating the Prisma clients..." >&2
  node_modules/.bin/tsx scripts/prisma.ts generate
fi
