#!/usr/bin/env bash
# `pnpm test`: every test tier, in order of cost. Fails fast on the first red tier.
set -euo pipefail
cd "$(dirname "$0")/.."

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
step() { printf '\n=== %s ===\n' "$*"; }

step "install (frozen lockfile)"
pnpm install --frozen-lockfile --prefer-offline

step "system packages"
bash scripts/ensure-system-deps.sh

step "type-check and build"
pnpm build
pnpm --filter @overlap/client typecheck

step "unit tests"
pnpm exec vitest run --project unit

step "integration tests (real server, real SQLite)"
pnpm exec vitest run --project integration

step "e2e tests (Chromium, real server)"
bash scripts/e2e.sh
