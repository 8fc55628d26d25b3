#!/usr/bin/env bash
# `npm start`: install what is missing, build the production app when its sources changed, then
# run the whole stack on it (see scripts/stack/main.ts and scripts/stack/web-build.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node_modules/.bin/tsx scripts/stack/main.ts --mode prod
