import "server-only";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "@/lib/server/db/schema";

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

/** The embedded store: one SQLite file in the data dir, for a single instance. */
export function openSqlite(dataDir: string): Kysely<Database> {
  const sqlite = new SQLite(privateFile(dataDir, "reaper.sqlite"));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
