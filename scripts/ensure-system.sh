#!/usr/bin/env bash
# Installs the system packages Tandem's tests need, from Debian's archive, when they are missing:
# Chromium (Playwright drives it; no browser is downloaded) and the PostgreSQL server.
# Idempotent; needs root (or sudo) only when something is missing.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ]; then sudo=(); elif command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
  echo "tandem: missing system packages (${missing[*]}); install them as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "tandem: missing ${missing[*]} and this is not a Debian-like system; install them with your package manager." >&2
  exit 1
fi
echo "tandem: installing ${missing[*]} from Debian's packages..." >&2
"${sudo[@]}" apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian's postgresql package starts a system cluster; Tandem runs its own, so leave that one alone.
echo "tandem: installed ${missing[*]}." >&2
