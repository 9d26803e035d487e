#!/usr/bin/env bash
# npm packages, installed exactly as locked; skipped when node_modules already matches the lock.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
