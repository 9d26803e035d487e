import { createHash } from "node:crypto";
import { databaseOn } from "@/lab/postgres";

// The store/action/job suites run twice, as the vitest projects `sqlite` and `postgres`
// (vitest.config.mts); the project tells which store the apps and stores they start use.
export type TestStore = "sqlite" | "postgres";

export const testStore = (): TestStore => (process.env.REAPER_TEST_STORE === "postgres" ? "postgres" : "sqlite");

const digest = (text: string, encoding: "hex" | "base64") => createHash("sha256").update(text).digest(encoding);

/**
 * The environment that gives a Reaper (an app or this very process) the store of `dataDir`: on
 * PostgreSQL a database of its own on the run's cluster, and the secret key every instance
 * sharing it must have. The same dataDir always maps to the same database and key: a restart.
 */
export async function storeEnv(dataDir: string): Promise<Record<string, string>> {
  if (testStore() === "sqlite") return {};
  // Imported here, not at the top: the benchmarks start apps through this module outside vitest,
  // where importing vitest throws.
  const { inject } = await import("vitest");
  const url = await databaseOn(inject("postgresUrl"), `reaper_${digest(dataDir, "hex").slice(0, 20)}`);
  return { DATABASE_URL: url, REAPER_SECRET_KEY: digest(`reaper test key ${dataDir}`, "base64") };
}
