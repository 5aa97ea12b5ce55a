#!/usr/bin/env bash
# Browser tests against the built app served by the real server. Assumes `pnpm build` has run
# (test-all.sh does it); run alone with `pnpm test:e2e` after a build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f server/dist/main.js ] || [ ! -f client/dist/index.html ]; then
  echo "building first (server/dist or client/dist missing)"
  pnpm build
fi
bash scripts/ensure-system-deps.sh
cd e2e
exec pnpm exec playwright test "$@"
