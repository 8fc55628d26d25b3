#!/usr/bin/env bash
# `npm run bench`: every benchmark in bench/, each printing its own figures.
set -euo pipefail
cd "$(dirname "$0")/.."
for bench in bench/*.ts; do
  echo "== $bench"
  node_modules/.bin/tsx "$bench"
done
