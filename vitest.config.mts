import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The suites that touch the store (sessions, login limits, people, servers, scans, actions, the
// store itself) or the job queue (SQLite's jobs table, pg-boss on PostgreSQL) run once per store:
// the `sqlite` project runs everything, the `postgres` project runs these again against a
// throwaway PostgreSQL cluster, plus its own (tests/postgres: locks across instances, migrations
// in step, several app instances on one database, pg-boss's expiry).
const BOTH_STORES = [
  "lib/server/db/**/*.test.ts",
  "lib/server/actions/serialize.test.ts",
  "lib/server/jobs/**/*.test.ts",
  "tests/api/auth.test.ts",
  "tests/api/login-limits.test.ts",
  "tests/api/people.test.ts",
  "tests/api/servers.test.ts",
  "tests/integration/actions.test.ts",
  "tests/integration/actions-guards.test.ts",
  "tests/integration/scan-api.test.ts",
  "tests/integration/fleet-scan.test.ts",
  "tests/integration/scheduler.test.ts",
  "tests/integration/webhooks.test.ts",
];

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      "server-only": fileURLToPath(new URL("./tests/support/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default on a 2-core machine is one worker; these suites mostly wait on sshd, lab
    // servers and timers, so two files at a time halve the wall time without starving either.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "tests/structure/**/*.test.ts", "tests/lab/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/api/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: [...BOTH_STORES, "tests/postgres/**/*.test.ts"],
          env: { REAPER_TEST_STORE: "postgres" },
          globalSetup: ["tests/support/postgres-setup.ts"],
        },
      },
    ],
  },
});
