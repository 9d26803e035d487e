#!/usr/bin/env bash
# Every check and test, in the order that fails fastest: types, lint, unit and integration
# (against real sshd lab servers and the built app), then the browser tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/install-system-deps.sh
bash scripts/install-node-deps.sh

npx tsc --noEmit -p .
npx eslint .
npx next build
mkdir -p test-results
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest-report.json
npx playwright test
node scripts/test-summary.mjs
