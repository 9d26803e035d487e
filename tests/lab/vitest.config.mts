import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The lab tests start real sshd servers as root: run them on their own with
// `npx vitest run --config tests/lab/vitest.config.mts`.
export default defineConfig({
  root: fileURLToPath(new URL("../../", import.meta.url)),
  resolve: { alias: { "@": fileURLToPath(new URL("../../", import.meta.url)) } },
  test: { include: ["tests/lab/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 60_000, pool: "forks" },
});
