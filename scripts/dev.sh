#!/usr/bin/env bash
# `npm run dev`: install what is missing, then run the whole stack with `next dev` (hot reload;
# see scripts/stack/main.ts). `npm start` runs the production build instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node_modules/.bin/tsx scripts/stack/main.ts --mode "${TANDEM_MODE:-dev}"
