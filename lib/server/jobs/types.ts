import type { z } from "zod";

// Background work behind one small interface, shaped after pg-boss 10 so a PostgreSQL-backed queue
// can implement it as it stands: send ~ boss.send(name, data, {singletonKey, startAfter, retryLimit,
// retryDelay}) (null when the key is taken), work ~ boss.work(name, {batchSize}, handler),
// getJob ~ boss.getJobById(name, id), states as pg-boss names them. Singleton keys follow pg-boss's
// "stately" queue policy: per queue and key at most one job waits and at most one runs, so one
// server is never scanned twice at once and a second request while one waits adds nothing.

export type JobState = "created" | "active" | "completed" | "failed";

export type Job<T = unknown> = {
  id: string;
  name: string;
  data: T;
  state: JobState;
  singletonKey: string | null;
  /** Retries used so far (0 on the first run). */
  retryCount: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  /** What the handler returned (JSON), once completed. */
  output: unknown;
  /** Why the last run failed, for failed jobs and jobs waiting to retry. */
  error: string | null;
};

export type SendOptions = {
  /** At most one job with this key waits and at most one runs, per queue. */
  singletonKey?: string;
  /** Not before this time (a delayed job). */
  startAfter?: Date;
  /** Runs after the first failure (default 0: background jobs here are repeated by their schedulers). */
  retryLimit?: number;
  /** Wait before each retry, doubled per retry (default 5 s). */
  retryDelaySeconds?: number;
};

export const DEFAULT_RETRY_DELAY_SECONDS = 5;

export type JobHandler<T> = (job: Job<T>) => Promise<unknown>;

export type WorkOptions = {
  /** Jobs of this queue run at once in this process (pg-boss: batchSize with a parallel handler). */
  concurrency: number;
  /**
   * The longest one run of this queue's jobs can take. Where several instances share the jobs
   * (PostgreSQL), a job still running after it is deemed lost with its instance and is run again
   * elsewhere; it must therefore exceed any run that is still alive. SQLite's single process has
   * no one to hand a job to, and requeues what it left running when it starts again.
   */
  expireInSeconds?: number;
};

export interface JobQueue {
  /** Begins running the queues registered with work(), including jobs left from before a restart. */
  start(): Promise<void>;
  /** Stops taking jobs and waits for the running ones (up to `timeoutMs`); what is left runs after the next start. */
  stop(opts?: { timeoutMs?: number }): Promise<void>;
  /** Queues a job; answers its id, or null when its singleton key is already waiting. */
  send(name: string, data: unknown, options?: SendOptions): Promise<string | null>;
  /** Registers the handler of a queue. A job whose handler throws is retried or failed with the error's message. */
  work<T>(name: string, options: WorkOptions, handler: JobHandler<T>): Promise<void>;
  getJob(name: string, id: string): Promise<Job | null>;
  /** Whether the queue runs and can reach where its jobs are (for GET /api/health); logs why not. */
  answers(): Promise<boolean>;
}

/** A kind of job: its queue name, payload schema and handler, registered once at startup. */
export type JobDefinition<T> = {
  name: string;
  payload: z.ZodType<T>;
  /** Read when the queue starts, so an environment setting can decide it. */
  concurrency: () => number;
  /** See WorkOptions.expireInSeconds; read when the queue starts. */
  expireInSeconds?: () => number;
  run: (data: T, job: Job<T>) => Promise<unknown>;
};
