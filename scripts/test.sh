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
# The browser tests and the vitest suites share nothing but the build (each starts its own app on
# its own port, and its own lab servers), and both spend most of their time waiting on sshd,
# Chromium and timers: they run side by side, and the browser tests' output follows.
npx playwright test > test-results/e2e.log 2>&1 &
e2e=$!
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest-report.json || true
wait "$e2e" || true
cat test-results/e2e.log
# The summary reads both reports and fails the run on any failure (or, under CI, any skip).
node scripts/test-summary.mjs
