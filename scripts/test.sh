#!/usr/bin/env bash
# `npm test`: the whole suite on real components — static checks, unit tests, integration
# tests against a real Temporal dev server and real SQLite and PostgreSQL databases, and
# Playwright end-to-end tests in Debian's Chromium against the production build.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash scripts/setup.sh
bash scripts/ensure-system.sh
TANDEM_TEMPORAL_CLI=$(bash scripts/provision-temporal.sh)
export TANDEM_TEMPORAL_CLI NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1

pg_dir="$root/.data/test-postgres"
pg_port=${TANDEM_TEST_POSTGRES_PORT:-55439}
bash scripts/postgres-local.sh stop "$pg_dir"
rm -rf "$pg_dir"
TANDEM_TEST_POSTGRES_URL=$(bash scripts/postgres-local.sh start "$pg_dir" "$pg_port")
export TANDEM_TEST_POSTGRES_URL TANDEM_REQUIRE_POSTGRES=1
trap 'bash scripts/postgres-local.sh stop "$pg_dir"' EXIT

stage() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }

stage "typecheck"
node_modules/.bin/turbo run typecheck --output-logs=errors-only
node_modules/.bin/tsc --noEmit -p tsconfig.json

stage "lint"
node_modules/.bin/eslint . --max-warnings 0

stage "unit and integration tests (SQLite and PostgreSQL, Temporal dev server)"
node_modules/.bin/vitest run --config vitest.projects.config.ts

# Built here, every run, and stamped: Playwright's stack (main.ts --mode prod) then finds it
# up to date and does not build again.
stage "production build of the web app"
node_modules/.bin/tsx scripts/stack/build.ts --force

stage "end-to-end tests (Playwright, Chromium)"
node_modules/.bin/playwright test --config e2e/playwright.config.ts
