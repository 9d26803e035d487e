import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
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
  // Imported only here: the benches start apps through this module under plain tsx, where
  // importing vitest at all throws.
  const { inject } = await import("vitest");
  const url = await databaseOn(inject("postgresUrl"), `reaper_${digest(dataDir, "hex").slice(0, 20)}`);
  return { DATABASE_URL: url, REAPER_SECRET_KEY: digest(`reaper test key ${dataDir}`, "base64") };
}

/**
 * Everything an app's store holds, as bytes, for tests that prove a secret is not in it: the
 * SQLite files, or every row of every table of its PostgreSQL database with bytea values as
 * their raw bytes (a dump would print them in hex, where no plain secret could ever be found).
 */
export async function storeContents(app: { dataDir: string; databaseUrl: string | null }): Promise<Buffer> {
  if (app.databaseUrl === null) {
    const files = readdirSync(app.dataDir).filter((f) => f.startsWith("reaper.sqlite"));
    return Buffer.concat(files.map((f) => readFileSync(path.join(app.dataDir, f))));
  }
  const client = new pg.Client({ connectionString: app.databaseUrl });
  await client.connect();
  try {
    const parts: Buffer[] = [];
    const tables = await client.query<{ name: string }>("select tablename as name from pg_tables where schemaname = 'public'");
    for (const { name } of tables.rows) {
      const { rows } = await client.query<Record<string, unknown>>(`select * from "${name}"`);
      for (const row of rows) for (const v of Object.values(row)) parts.push(Buffer.isBuffer(v) ? v : Buffer.from(String(v)));
    }
    return Buffer.concat(parts);
  } finally {
    await client.end();
  }
}
