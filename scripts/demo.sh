#!/usr/bin/env bash
# npm run demo: everything from a fresh Debian machine to a running dashboard full of zombies.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/install-system-deps.sh
bash scripts/install-node-deps.sh
npx next build
exec npx tsx scripts/demo.ts
