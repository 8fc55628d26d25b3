#!/usr/bin/env bash
# Prints the path of a Temporal CLI (it embeds the dev server and Web UI), providing one if needed:
#   1. $TEMPORAL_CLI if set, else a `temporal` already on PATH;
#   2. the binary cached by an earlier run in ~/.cache/tandem/;
#   3. a build from the Go module proxy at a pinned version (v1.5.1 has no `replace`
#      directive, so `go install` works); no binary is downloaded at run time.
# Progress goes to stderr; stdout is only the path. Idempotent.
set -euo pipefail
VERSION=v1.5.1
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/tandem/temporal-$VERSION"
cached="$cache_dir/temporal"

if [ -n "${TEMPORAL_CLI:-}" ]; then
  [ -x "$TEMPORAL_CLI" ] || { echo "tandem: TEMPORAL_CLI=$TEMPORAL_CLI is not an executable file." >&2; exit 1; }
  echo "$TEMPORAL_CLI"; exit 0
fi
if on_path=$(command -v temporal 2>/dev/null); then
  echo "$on_path"; exit 0
fi
if [ -x "$cached" ]; then
  echo "$cached"; exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "tandem: the Temporal CLI is missing and there is no Go toolchain to build it; install Go (apt-get install golang-go) or put 'temporal' on PATH." >&2
  exit 1
fi

mkdir -p "$cache_dir"
lock="$cache_dir/.build.lock"
exec 9>"$lock"
flock 9
if [ -x "$cached" ]; then echo "$cached"; exit 0; fi # another process built it while we waited

echo "tandem: building the Temporal CLI $VERSION from the Go module proxy (first run only, a few minutes)..." >&2
tmp_bin=$(mktemp -d)
log="$cache_dir/build.log"
start=$(date +%s)
( cd "$tmp_bin" && GOFLAGS=-mod=mod GOBIN="$tmp_bin" go install "github.com/temporalio/cli/cmd/temporal@$VERSION" ) >"$log" 2>&1 &
build=$!
while kill -0 "$build" 2>/dev/null; do
  sleep 15
  kill -0 "$build" 2>/dev/null && echo "tandem:   still building the Temporal CLI ($(( $(date +%s) - start ))s, $(grep -c 'downloading' "$log" || true) modules fetched)..." >&2
done
if ! wait "$build"; then
  echo "tandem: building the Temporal CLI failed; see $log (is the Go module proxy reachable?)." >&2
  exit 1
fi
mv "$tmp_bin/temporal" "$cached"
rmdir "$tmp_bin" 2>/dev/null || true
echo "tandem: Temporal CLI ready at $cached ($(( $(date +%s) - start ))s)." >&2
echo "$cached"
