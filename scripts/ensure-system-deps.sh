#!/usr/bin/env bash
# Installs the system packages the test suite needs (Debian Chromium for e2e), once.
# Kept separate from test-all.sh so a developer machine that already has them pays nothing.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)

if [ ${#need[@]} -eq 0 ]; then exit 0; fi

if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "error: missing system packages: ${need[*]} — install them with: apt-get install -y ${need[*]}" >&2
    exit 1
  fi
else SUDO=""; fi

echo "installing system packages: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
