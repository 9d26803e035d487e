import "server-only";
import { claimJobs, completeJob, failJob, findJob, insertJob, requeueInterrupted } from "@/lib/server/db/jobs";
import { newId, nowIso } from "@/lib/server/db/ids";
import { Dispatcher } from "@/lib/server/jobs/dispatcher";
import { DEFAULT_RETRY_DELAY_SECONDS, type Job, type JobHandler, type JobQueue, type SendOptions, type WorkOptions } from "@/lib/server/jobs/types";
import { log } from "@/lib/server/log";

/**
 * The queue for a single Reaper process on SQLite: jobs live in the store's `jobs` table (so they
 * survive a restart), and this process alone runs them. A send or a finished job wakes the queue
 * at once; a slow poll picks up delayed jobs and retries when they fall due. On PostgreSQL,
 * pg-boss holds the jobs instead (PgBossJobQueue).
 */
export class SqliteJobQueue implements JobQueue {
  private readonly dispatcher: Dispatcher;

  constructor(pollMs = 1000) {
    this.dispatcher = new Dispatcher(
      {
        claim: (name, limit) => claimJobs(name, limit, nowIso()),
        complete: (job, output) => completeJob(job.id, output, nowIso()),
        fail: (job, message) => failJob(job.id, message, nowIso()),
      },
      pollMs,
    );
  }

  async start(): Promise<void> {
    if (this.dispatcher.running) return;
    const requeued = await requeueInterrupted(nowIso());
    if (requeued > 0) log.info("jobs.requeued", { jobs: requeued });
    this.dispatcher.start();
  }

  /** What is still running after the timeout stays marked running until the next start requeues it. */
  async stop(opts: { timeoutMs?: number } = {}): Promise<void> {
    await this.dispatcher.stop(opts.timeoutMs ?? 10_000);
  }

  async send(name: string, data: unknown, options: SendOptions = {}): Promise<string | null> {
    const id = newId("job");
    const now = nowIso();
    const inserted = await insertJob({
      id,
      name,
      data,
      singletonKey: options.singletonKey ?? null,
      startAfter: options.startAfter ? options.startAfter.toISOString() : now,
      retryLimit: options.retryLimit ?? 0,
      retryDelaySeconds: options.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS,
      createdAt: now,
    });
    if (!inserted) return null;
    this.dispatcher.wake();
    return id;
  }

  work<T>(name: string, options: WorkOptions, handler: JobHandler<T>): Promise<void> {
    this.dispatcher.register(name, options, handler);
    return Promise.resolve();
  }

  getJob(name: string, id: string): Promise<Job | null> {
    return findJob(name, id);
  }

  /** Its jobs are in the store, which the health check asks on its own: running is what is left. */
  answers(): Promise<boolean> {
    return Promise.resolve(this.dispatcher.running);
  }
}
