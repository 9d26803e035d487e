import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { databaseOn } from "@/lab/postgres";
import { closeStore, openStore, type Handle, type Store } from "@/lib/server/db/client";
import { migrations } from "@/lib/server/db/migrations";

// One list of migrations serves both stores. This keeps them in step: the same migrations run on
// a fresh SQLite file and a fresh PostgreSQL database (there by two instances at once) leave the
// same tables, columns, column kinds, nullability, generated ids and indexes.

// The spelling each store gives the column kinds the migrations use.
const KIND: Record<string, string> = { text: "text", integer: "integer", int4: "integer", blob: "bytes", bytea: "bytes" };

type Shape = Record<string, Record<string, string>>;

type Db = Kysely<Record<string, Record<string, unknown>>>;

/** "table.column" of every primary-key column. SQLite reports those nullable (a quirk it kept), so they are compared as keys. */
async function keyColumns(store: Store, tables: string[]): Promise<Set<string>> {
  const db = store.db as unknown as Db;
  if (store.kind === "postgres") {
    const { rows } = await sql<{ t: string; c: string }>`
      select kcu.table_name as t, kcu.column_name as c
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = 'public'`.execute(db);
    return new Set(rows.map((r) => `${r.t}.${r.c}`));
  }
  const keys = new Set<string>();
  for (const t of tables) {
    const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${t}) where pk > 0`.execute(db);
    for (const r of rows) keys.add(`${t}.${r.name}`);
  }
  return keys;
}

async function shapeOf(store: Store): Promise<{ tables: Shape; indexes: string[]; applied: string[] }> {
  const found = await store.db.introspection.getTables();
  const keys = await keyColumns(store, found.map((t) => t.name));
  const tables: Shape = {};
  for (const t of found) {
    tables[t.name] = Object.fromEntries(
      t.columns.map((c) => {
        const kind = KIND[c.dataType.toLowerCase()] ?? `unknown ${c.dataType}`;
        const key = keys.has(`${t.name}.${c.name}`);
        return [c.name, `${kind}${key ? " key" : c.isNullable ? " null" : ""}${c.isAutoIncrementing ? " generated" : ""}`];
      }),
    );
  }
  const db = store.db as unknown as Db;
  // Indexes made by the migrations (not the ones each store makes behind key and unique constraints).
  const indexQuery =
    store.kind === "sqlite"
      ? sql<{ name: string }>`select name from sqlite_master where type = 'index' and name not like 'sqlite_%'`
      : sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = 'public' and indexname not in (select conname from pg_constraint)`;
  const indexes = (await indexQuery.execute(db)).rows.map((r) => r.name).sort();
  const applied = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((r) => r.name);
  return { tables, indexes, applied };
}

let dataDir: string;
let sqlite: Handle;
let postgres: Handle[];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "reaper-migrations-"));
  const url = await databaseOn(inject("postgresUrl"), "reaper_migrations_in_step");
  sqlite = openStore({ dataDir });
  // Two instances starting on an empty database at the same moment.
  postgres = [openStore({ databaseUrl: url, dataDir }), openStore({ databaseUrl: url, dataDir })];
});
afterAll(async () => {
  await Promise.all([sqlite, ...postgres].filter(Boolean).map(closeStore));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("migrations on SQLite and PostgreSQL", () => {
  it("apply on PostgreSQL when two instances start together", async () => {
    await expect(Promise.all(postgres.map((h) => h.ready))).resolves.toBeDefined();
  });

  it("leave the same schema on both", async () => {
    await sqlite.ready;
    const [first] = postgres;
    if (!first) throw new Error("no PostgreSQL store");
    await first.ready;
    const [lite, pg] = await Promise.all([shapeOf(sqlite.store), shapeOf(first.store)]);
    const ours = (s: Shape) => Object.fromEntries(Object.entries(s).filter(([name]) => !name.startsWith("kysely_")));
    expect(ours(pg.tables)).toEqual(ours(lite.tables));
    expect(JSON.stringify(ours(lite.tables))).not.toContain("unknown");
    expect(pg.indexes).toEqual(lite.indexes);
    expect(lite.applied).toEqual(Object.keys(migrations).sort());
    expect(pg.applied).toEqual(lite.applied);
  });
});
