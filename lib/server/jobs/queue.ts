import "server-only";
import { env } from "@/lib/server/env";
import { PgBossJobQueue } from "@/lib/server/jobs/pgboss-queue";
import { SqliteJobQueue } from "@/lib/server/jobs/sqlite-queue";
import type { JobDefinition, JobHandler, JobQueue, SendOptions } from "@/lib/server/jobs/types";

// The process's one queue: pg-boss in the PostgreSQL database when DATABASE_URL is set (several
// instances share its jobs), else the SQLite store's jobs table, run by this process alone. Next.js
// may load modules more than once in development, so it lives on globalThis, like the database handle.
const globalKey = Symbol.for("reaper.jobs");
type WithQueue = typeof globalThis & { [globalKey]?: JobQueue };

export function jobQueue(): JobQueue {
  const g = globalThis as WithQueue;
  g[globalKey] ??= createJobQueue();
  return g[globalKey];
}

/** A queue on the configured store (tests make several, as several instances would have). */
export function createJobQueue(pollMs?: number): JobQueue {
  const url = env().DATABASE_URL;
  return url === undefined ? new SqliteJobQueue(pollMs) : new PgBossJobQueue(url, pollMs);
}

/** Queues a job of this kind after checking its payload against the kind's schema. */
export async function enqueue<T>(def: JobDefinition<T>, data: T, options?: SendOptions): Promise<string | null> {
  return jobQueue().send(def.name, def.payload.parse(data), options);
}

/** The handler the queue runs for a kind: the stored payload is checked again before use. */
function handlerOf<T>(def: JobDefinition<T>): JobHandler<unknown> {
  return (job) => {
    const parsed = def.payload.safeParse(job.data);
    if (!parsed.success) return Promise.reject(new Error(`The stored payload of a ${def.name} job is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`));
    return def.run(parsed.data, { ...job, data: parsed.data });
  };
}

export type RegisteredJob = { name: string; concurrency: () => number; expireInSeconds?: () => number; handler: JobHandler<unknown> };

/** Wraps a kind of job for the registry (the array of kinds cannot hold their differing payload types). */
export function register<T>(def: JobDefinition<T>): RegisteredJob {
  return { name: def.name, concurrency: def.concurrency, ...(def.expireInSeconds && { expireInSeconds: def.expireInSeconds }), handler: handlerOf(def) };
}

export async function startJobs(kinds: RegisteredJob[]): Promise<void> {
  const queue = jobQueue();
  for (const kind of kinds) await queue.work(kind.name, { concurrency: kind.concurrency(), ...(kind.expireInSeconds && { expireInSeconds: kind.expireInSeconds() }) }, kind.handler);
  await queue.start();
}
