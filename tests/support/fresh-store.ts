import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeDb } from "@/lib/server/db/client";
import { storeEnv } from "@/tests/support/store";

/**
 * Points this test process's own store (getDb()) at a fresh data dir and, in the postgres
 * project, a fresh database. Call it in beforeAll, before anything reads the environment.
 */
export async function useFreshStore(): Promise<{ dataDir: string; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "reaper-store-test-"));
  Object.assign(process.env, { REAPER_DATA_DIR: dataDir, REAPER_LOG_LEVEL: "warn" }, await storeEnv(dataDir));
  return {
    dataDir,
    close: async () => {
      await closeDb();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
