import "server-only";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "@/lib/server/db/schema";
import { log } from "@/lib/server/log";

// The shared store of several instances. Queries use one pool; advisory locks, which are held
// by a connection for as long as the work they guard (an action waits seconds on SSH), use a
// second one: were they taken from the query pool, enough lock holders would leave no connection
// for the very queries they wait on.
const QUERY_CONNECTIONS = 10;
const LOCK_CONNECTIONS = 10;

export type PostgresStore = { db: Kysely<Database>; lockPool: pg.Pool };

function pool(url: string, max: number, name: string): pg.Pool {
  const p = new pg.Pool({ connectionString: url, max, application_name: `reaper ${name}` });
  // An idle connection the server drops emits here; unhandled, it would end the process.
  p.on("error", (e) => log.warn("db.connection_lost", { pool: name, error: e.message }));
  return p;
}

export function openPostgres(url: string): PostgresStore {
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool(url, QUERY_CONNECTIONS, "queries") }) }),
    lockPool: pool(url, LOCK_CONNECTIONS, "locks"),
  };
}

const lockSql = (fn: "pg_advisory_lock" | "pg_advisory_unlock") => `select ${fn}(hashtextextended($1, 0))`;

/**
 * Runs fn while this connection holds PostgreSQL's session advisory lock named `name`: every
 * other instance asking for the same name waits. Should the connection die, PostgreSQL frees the
 * lock itself, so a crashed instance never leaves one behind.
 */
export async function withAdvisoryLock<T>(lockPool: pg.Pool, name: string, fn: () => Promise<T>): Promise<T> {
  const client = await lockPool.connect();
  const onError = (e: Error) => log.warn("db.lock_connection_lost", { lock: name, error: e.message });
  client.on("error", onError);
  // A connection whose lock state is unknown is closed rather than reused.
  const done = (broken?: Error) => {
    client.off("error", onError);
    client.release(broken);
  };
  try {
    await client.query(lockSql("pg_advisory_lock"), [name]);
  } catch (e) {
    done(e instanceof Error ? e : new Error(String(e)));
    throw e;
  }
  try {
    return await fn();
  } finally {
    let broken: Error | undefined;
    await client.query(lockSql("pg_advisory_unlock"), [name]).catch((e: unknown) => {
      broken = e instanceof Error ? e : new Error(String(e));
      log.warn("db.unlock_failed", { lock: name, error: broken.message });
    });
    done(broken);
  }
}
