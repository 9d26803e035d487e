import { defineConfig } from "@playwright/test";
// Debian's Chromium, launched as the app's own picture renderer launches it.
import { chromiumLaunch } from "./lib/server/snapshots/chromium-launch";

export { chromiumLaunch };

// A port of its own per checkout (REAPER_E2E_PORT), so two working copies can run their suites at once.
const port = Number(process.env.REAPER_E2E_PORT ?? 3210);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 60_000,
  // npm test runs the vitest suites beside these on two cores: a login's redirect once took over
  // playwright's default 5 s there, so every wait gets 15 s.
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-report.json" }]],
  // The production build that `npm test` made, on a data dir of its own wiped at each run.
  webServer: {
    command: `rm -rf test-results/e2e-data && node scripts/serve.mjs -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/login`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      REAPER_DATA_DIR: "test-results/e2e-data",
      REAPER_ADMIN_EMAIL: "admin@example.com",
      REAPER_ADMIN_PASSWORD: "admin-password-1",
      REAPER_LOG_LEVEL: "warn",
      // The browser tests refuse things on purpose; the API suite tests the refusal limit.
      REAPER_REFUSAL_LIMIT: "10000",
      // A snapshot picture on a loaded test machine can take far longer than in use; these tests
      // check what the picture holds, not how fast it comes.
      REAPER_SNAPSHOT_RENDER_TIMEOUT_MS: "90000",
    },
  },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    launchOptions: chromiumLaunch,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1280, height: 860 },
  },
});
