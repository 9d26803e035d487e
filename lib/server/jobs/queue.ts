import "server-only";
import { SqliteJobQueue } from "@/lib/server/jobs/sqlite-queue";
import type { JobDefinition, JobHandler, JobQueue, SendOptions } from "@/lib/server/jobs/types";

// The process's one queue. Next.js may load modules more than once in development, so it lives
// on globalThis, like the database handle.
const globalKey = Symbol.for("reaper.jobs");
type WithQueue = typeof globalThis & { [globalKey]?: JobQueue };

export function jobQueue(): JobQueue {
  const g = globalThis as WithQueue;
  g[globalKey] ??= new SqliteJobQueue();
  return g[globalKey];
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

export type RegisteredJob = { name: string; concurrency: () => number; handler: JobHandler<unknown> };

/** Wraps a kind of job for the registry (the array of kinds cannot hold their differing payload types). */
export function register<T>(def: JobDefinition<T>): RegisteredJob {
  return { name: def.name, concurrency: def.concurrency, handler: handlerOf(def) };
}

export async function startJobs(kinds: RegisteredJob[]): Promise<void> {
  const queue = jobQueue();
  for (const kind of kinds) await queue.work(kind.name, { concurrency: kind.concurrency() }, kind.handler);
  await queue.start();
}
