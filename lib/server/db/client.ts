import "server-only";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { env } from "@/lib/server/env";
import { migrations } from "@/lib/server/db/migrations";
import type { Database } from "@/lib/server/db/schema";

// One Kysely instance per process, migrated before its first query. Next.js may load this
// module more than once in development, so the handle lives on globalThis.
type Handle = { db: Kysely<Database>; ready: Promise<void> };
const globalKey = Symbol.for("reaper.db");
type WithHandle = typeof globalThis & { [globalKey]?: Handle };

/**
 * The data dir holds password and session hashes and sealed credentials: owner only. SQLite gives
 * its -wal and -shm files the database file's mode, so the file is made 0600 before it is opened
 * (and an older, world-readable one is narrowed).
 */
function privateFile(dir: string, name: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const file = path.join(dir, name);
  fs.closeSync(fs.openSync(file, "a", 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
  return file;
}

function open(): Handle {
  const sqlite = new SQLite(privateFile(env().dataDir, "reaper.sqlite"));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const ready = migrate(db);
  return { db, ready };
}

async function migrate(db: Kysely<Database>): Promise<void> {
  // Unordered: each migration stands alone (its own tables), so one merged after a later-named one
  // still applies to a store that already ran the later one.
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) }, allowUnorderedMigrations: true });
  const { error } = await migrator.migrateToLatest();
  if (error) throw new Error(`Database migration failed: ${String(error)}`);
}

export async function getDb(): Promise<Kysely<Database>> {
  const g = globalThis as WithHandle;
  g[globalKey] ??= open();
  await g[globalKey].ready;
  return g[globalKey].db;
}

/** For tests and shutdown: closes the handle so the next getDb() opens afresh. */
export async function closeDb(): Promise<void> {
  const g = globalThis as WithHandle;
  const handle = g[globalKey];
  delete g[globalKey];
  if (handle) await handle.db.destroy();
}
