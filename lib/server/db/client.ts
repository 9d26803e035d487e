import "server-only";
import { Migrator, type Kysely } from "kysely";
import type pg from "pg";
import { env } from "@/lib/server/env";
import { migrations } from "@/lib/server/db/migrations";
import { PostgresDdlPlugin } from "@/lib/server/db/portable-ddl";
import { openPostgres, withAdvisoryLock } from "@/lib/server/db/postgres";
import type { Database } from "@/lib/server/db/schema";
import { openSqlite } from "@/lib/server/db/sqlite";

// One store per process, migrated before its first query: PostgreSQL when DATABASE_URL is set
// (several instances share it), SQLite in the data dir otherwise. Everything above this layer is
// written once for both. Next.js may load this module more than once in development, so the
// handle lives on globalThis.
export type Store = { kind: "sqlite"; db: Kysely<Database> } | { kind: "postgres"; db: Kysely<Database>; lockPool: pg.Pool };
export type Handle = { store: Store; ready: Promise<void> };
const globalKey = Symbol.for("reaper.db");
type WithHandle = typeof globalThis & { [globalKey]?: Handle };

async function migrate(db: Kysely<Database>): Promise<void> {
  // Unordered: each migration stands alone (its own tables), so one merged after a later-named one
  // still applies to a store that already ran the later one.
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) }, allowUnorderedMigrations: true });
  const { error } = await migrator.migrateToLatest();
  if (error) throw new Error(`Database migration failed: ${error instanceof Error ? error.message : String(error)}`);
}

/** A store of either kind, migrating as it opens. getStore() opens the configured one; tests open both to compare them. */
export function openStore(where: { databaseUrl?: string | undefined; dataDir: string }): Handle {
  if (where.databaseUrl === undefined) {
    const db = openSqlite(where.dataDir);
    return { store: { kind: "sqlite", db }, ready: migrate(db) };
  }
  const { db, lockPool } = openPostgres(where.databaseUrl);
  // Instances starting together: one migrates while the others wait, then find nothing left to do.
  const ready = withAdvisoryLock(lockPool, "reaper:migrations", () => migrate(db.withPlugin(new PostgresDdlPlugin())));
  return { store: { kind: "postgres", db, lockPool }, ready };
}

export async function closeStore(handle: Handle): Promise<void> {
  await handle.ready.catch(() => undefined);
  await handle.store.db.destroy();
  if (handle.store.kind === "postgres") await handle.store.lockPool.end();
}

export async function getStore(): Promise<Store> {
  const g = globalThis as WithHandle;
  g[globalKey] ??= openStore({ databaseUrl: env().DATABASE_URL, dataDir: env().dataDir });
  await g[globalKey].ready;
  return g[globalKey].store;
}

export async function getDb(): Promise<Kysely<Database>> {
  return (await getStore()).db;
}

/** How an operator would name where the data is (messages never show DATABASE_URL: it may hold a password). */
export function storeName(): string {
  return env().DATABASE_URL === undefined ? env().dataDir : "the PostgreSQL database in DATABASE_URL";
}

/** For tests and shutdown: closes the handle so the next getDb() opens afresh. */
export async function closeDb(): Promise<void> {
  const g = globalThis as WithHandle;
  const handle = g[globalKey];
  delete g[globalKey];
  if (handle) await closeStore(handle);
}
