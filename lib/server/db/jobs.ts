import "server-only";
import type { Kysely, Selectable } from "kysely";
import { getDb } from "@/lib/server/db/client";
import type { Database, JobsTable } from "@/lib/server/db/schema";
import type { Job } from "@/lib/server/jobs/types";

// SQLite's job queue (SqliteJobQueue): one row per job, kept after it ends (its output is the
// answer to "how did it go"). Only this process claims jobs, and Kysely runs one statement at a
// time on its one connection, so a claim inside a transaction cannot race another claim. On
// PostgreSQL the table exists (one set of migrations) but stays empty: pg-boss holds the jobs.

export type NewJob = {
  id: string;
  name: string;
  data: unknown;
  singletonKey: string | null;
  startAfter: string;
  retryLimit: number;
  retryDelaySeconds: number;
  createdAt: string;
};

function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: row.id,
    name: row.name,
    data: JSON.parse(row.data) as unknown,
    state: row.state,
    singletonKey: row.singleton_key,
    retryCount: row.retry_count,
    createdAt: row.created_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    output: row.output === null ? null : (JSON.parse(row.output) as unknown),
    error: row.error,
  };
}

/** False when a job of this queue with the same singleton key is already waiting. */
export async function insertJob(job: NewJob): Promise<boolean> {
  const db = await getDb();
  const res = await db
    .insertInto("jobs")
    .values({
      id: job.id,
      name: job.name,
      data: JSON.stringify(job.data),
      state: "created",
      singleton_key: job.singletonKey,
      retry_count: 0,
      retry_limit: job.retryLimit,
      retry_delay_seconds: job.retryDelaySeconds,
      start_after: job.startAfter,
      created_at: job.createdAt,
      started_at: null,
      completed_at: null,
      output: null,
      error: null,
    })
    // The partial unique index (queue, key) over waiting jobs is what refuses a second one.
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Marks up to `limit` due jobs of a queue active and answers them; skips keys that have a job running. */
export async function claimJobs(name: string, limit: number, now: string): Promise<Job[]> {
  if (limit <= 0) return [];
  const db = await getDb();
  return db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom("jobs as j")
      .select("j.id")
      .where("j.name", "=", name)
      .where("j.state", "=", "created")
      .where("j.start_after", "<=", now)
      .where(({ eb, or, not, exists, selectFrom }) =>
        or([
          eb("j.singleton_key", "is", null),
          not(
            exists(
              selectFrom("jobs as r")
                .select("r.id")
                .whereRef("r.name", "=", "j.name")
                .whereRef("r.singleton_key", "=", "j.singleton_key")
                .where("r.state", "=", "active"),
            ),
          ),
        ]),
      )
      .orderBy("j.start_after")
      .orderBy("j.created_at")
      .limit(limit)
      .execute();
    if (due.length === 0) return [];
    const rows = await tx
      .updateTable("jobs")
      .set({ state: "active", started_at: now })
      .where("id", "in", due.map((d) => d.id))
      // Still waiting: another queue on the same store (two in one process, as the tests make)
      // may have claimed them meanwhile.
      .where("state", "=", "created")
      .returningAll()
      .execute();
    return rows.map(toJob);
  });
}

export async function completeJob(id: string, output: unknown, now: string): Promise<void> {
  const db = await getDb();
  await db
    .updateTable("jobs")
    .set({ state: "completed", completed_at: now, output: JSON.stringify(output ?? null), error: null })
    .where("id", "=", id)
    .execute();
}

/**
 * A failed run waits for a retry while it has retries left, with a doubling delay; otherwise (or
 * when a newer job with its key already waits, which will do the same work) it ends failed.
 */
export async function failJob(id: string, error: string, now: string): Promise<void> {
  const db = await getDb();
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return;
    if (row.retry_count < row.retry_limit && !(await keyWaiting(tx, row))) {
      const delayMs = row.retry_delay_seconds * 1000 * 2 ** row.retry_count;
      await tx
        .updateTable("jobs")
        .set({ state: "created", retry_count: row.retry_count + 1, start_after: new Date(Date.parse(now) + delayMs).toISOString(), error })
        .where("id", "=", id)
        .execute();
      return;
    }
    await tx.updateTable("jobs").set({ state: "failed", completed_at: now, error }).where("id", "=", id).execute();
  });
}

async function keyWaiting(tx: Kysely<Database>, row: Selectable<JobsTable>): Promise<boolean> {
  if (row.singleton_key === null) return false;
  const other = await tx
    .selectFrom("jobs")
    .select("id")
    .where("name", "=", row.name)
    .where("singleton_key", "=", row.singleton_key)
    .where("state", "=", "created")
    .executeTakeFirst();
  return other !== undefined;
}

/**
 * Jobs a stopped process left running go back to waiting, at once, without using a retry: the
 * process ended under them, they did not fail. One whose key already waits again ends failed.
 */
export async function requeueInterrupted(now: string): Promise<number> {
  const db = await getDb();
  return db.transaction().execute(async (tx) => {
    const rows = await tx.selectFrom("jobs").selectAll().where("state", "=", "active").execute();
    for (const row of rows) {
      if (await keyWaiting(tx, row)) {
        await tx.updateTable("jobs").set({ state: "failed", completed_at: now, error: "Interrupted by a restart; a newer job with the same key took its place." }).where("id", "=", row.id).execute();
      } else {
        await tx.updateTable("jobs").set({ state: "created", start_after: now, started_at: null }).where("id", "=", row.id).execute();
      }
    }
    return rows.length;
  });
}

export async function findJob(name: string, id: string): Promise<Job | null> {
  const db = await getDb();
  const row = await db.selectFrom("jobs").selectAll().where("id", "=", id).where("name", "=", name).executeTakeFirst();
  return row ? toJob(row) : null;
}

/** The earliest time a waiting job of these queues becomes due, to sleep until then. */
export async function nextDueAt(names: string[]): Promise<string | null> {
  if (names.length === 0) return null;
  const db = await getDb();
  const row = await db
    .selectFrom("jobs")
    .select((eb) => eb.fn.min("start_after").as("at"))
    .where("name", "in", names)
    .where("state", "=", "created")
    .executeTakeFirst();
  return row?.at ?? null;
}
