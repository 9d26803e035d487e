import "server-only";
import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import { getStore } from "@/lib/server/db/client";
import { withAdvisoryLock } from "@/lib/server/db/postgres";
import { Dispatcher } from "@/lib/server/jobs/dispatcher";
import { DEFAULT_RETRY_DELAY_SECONDS, type Job, type JobHandler, type JobQueue, type JobState, type SendOptions, type WorkOptions } from "@/lib/server/jobs/types";
import { log } from "@/lib/server/log";

// The queue of several instances on one PostgreSQL database: pg-boss 10 holds the jobs, in its own
// schema of that database, and decides who runs what: a job is taken by one instance only
// (FOR UPDATE SKIP LOCKED), the "stately" queue policy keeps per singleton key at most one job
// waiting and one running across every instance, retries wait with pg-boss's backoff, and a job
// whose instance died is expired by pg-boss's maintenance and retried elsewhere. This process
// only decides how many of the jobs it takes run at once (the Dispatcher).

export const PGBOSS_SCHEMA = "pgboss";

/**
 * How often pg-boss's maintenance (run by one instance at a time) looks for jobs whose run outlived
 * their queue's expireInSeconds: with the retry delay and the poll, what a crashed instance's job
 * waits beyond its expiry before another instance runs it.
 */
export const MAINTENANCE_INTERVAL_SECONDS = 5;

/** pg-boss's own default: a queue that names no limit. */
const DEFAULT_EXPIRE_SECONDS = 15 * 60;

/**
 * Runs a job gets beyond the retries it was sent with, spent only when its run was interrupted
 * (the instance died or stopped mid-run): pg-boss counts an expiry as a failure, and a job sent
 * without retries would otherwise end failed with its instance instead of running elsewhere.
 * A handler that throws with its own retries used up ends the job at once (see fail below).
 */
const INTERRUPTION_RETRIES = 1;

const INTERRUPTED = "Interrupted: the instance running it stopped; it runs again after its retry delay, on whichever instance takes it.";

// Singleton keys in pg-boss's column: a "stately" queue treats every job as keyed, so a job sent
// without a key gets one of its own (its id) and leaves nobody waiting.
const keyOf = (id: string, singletonKey: string | undefined) => (singletonKey === undefined ? `job:${id}` : `key:${singletonKey}`);
const singletonKeyFrom = (stored: string | null) => (stored?.startsWith("key:") ? stored.slice(4) : null);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// What this queue stores as a job's output: { value } when the handler answered, { error } when a
// run failed (pg-boss keeps the output of the last run); pg-boss's expiry writes { value: { message } }.
type Output = { value?: unknown; error?: string; message?: string } | null;

function stateOf(row: PgBoss.JobWithMetadata<unknown>): JobState {
  switch (row.state) {
    case "created":
    case "retry":
      return "created";
    case "active":
      return "active";
    case "completed":
      // A handler that failed with no retries left ends "completed" with its error (see fail).
      return (row.output as Output)?.error === undefined ? "completed" : "failed";
    default:
      return "failed";
  }
}

function errorOf(output: Output): string | null {
  if (!output) return null;
  if (typeof output.error === "string") return output.error;
  const expired = (output.value as { message?: unknown } | undefined)?.message;
  if (typeof expired === "string") return `pg-boss: ${expired} (its instance stopped answering)`;
  return typeof output.message === "string" ? output.message : null;
}

function toJob(row: PgBoss.JobWithMetadata<unknown>): Job {
  const state = stateOf(row);
  const output = row.output as Output;
  return {
    id: row.id,
    name: row.name,
    data: row.data,
    state,
    singletonKey: singletonKeyFrom(row.singletonKey),
    retryCount: row.retryCount,
    createdAt: row.createdOn.toISOString(),
    startedAt: row.startedOn ? new Date(row.startedOn).toISOString() : null,
    completedAt: row.completedOn ? new Date(row.completedOn).toISOString() : null,
    output: state === "completed" ? (output?.value ?? null) : null,
    error: state === "completed" ? null : errorOf(output),
  };
}

type Claimed = { boss: PgBoss; retryLimit: number };

/** The PostgreSQL store whose database pg-boss shares (its lock connections serialise pg-boss's setup). */
async function postgresStore(): Promise<Extract<Awaited<ReturnType<typeof getStore>>, { kind: "postgres" }>> {
  const store = await getStore();
  if (store.kind !== "postgres") throw new Error("The pg-boss job queue needs the PostgreSQL store (DATABASE_URL).");
  return store;
}

export class PgBossJobQueue implements JobQueue {
  private readonly dispatcher: Dispatcher;
  private readonly queues = new Map<string, WorkOptions | null>();
  /** Jobs this process runs, with the pg-boss that handed them out and their pg-boss retry limit. */
  private readonly claimed = new Map<string, Claimed>();
  private opening: Promise<PgBoss> | null = null;

  constructor(
    private readonly databaseUrl: string,
    pollMs = 1000,
  ) {
    this.dispatcher = new Dispatcher(
      {
        claim: (name, limit) => this.claim(name, limit),
        complete: (job, output) => this.settled(job, { value: output ?? null }),
        fail: (job, message) => this.fail(job, message),
      },
      pollMs,
    );
  }

  async start(): Promise<void> {
    if (this.dispatcher.running) return;
    const boss = await this.open();
    for (const [name, options] of this.queues) await this.ensureQueue(boss, name, options);
    this.dispatcher.start();
  }

  /**
   * Runs still going after the timeout are handed back (failed as interrupted, which spends an
   * interruption retry) so that any instance runs them again soon, not only after their expiry.
   */
  async stop(opts: { timeoutMs?: number } = {}): Promise<void> {
    const left = await this.dispatcher.stop(opts.timeoutMs ?? 10_000);
    const opening = this.opening;
    this.opening = null;
    if (!opening) return;
    const boss = await opening.catch(() => null);
    if (!boss) return;
    for (const job of left) {
      this.claimed.delete(job.id);
      await boss.fail(job.name, job.id, { error: INTERRUPTED }).catch((e: unknown) => log.warn("jobs.interrupt_not_recorded", { job: job.id, error: String(e) }));
    }
    await boss.stop({ graceful: false, wait: true });
  }

  async send(name: string, data: unknown, options: SendOptions = {}): Promise<string | null> {
    const boss = await this.open();
    if (!this.queues.has(name)) this.queues.set(name, null);
    await this.ensureQueue(boss, name, this.queues.get(name) ?? null);
    const id = randomUUID();
    const sent = await boss.send(name, data as object, {
      id,
      singletonKey: keyOf(id, options.singletonKey),
      retryLimit: (options.retryLimit ?? 0) + INTERRUPTION_RETRIES,
      // pg-boss waits between delay × 2^retries and twice that (a random spread, so instances do not retry in step).
      retryDelay: Math.max(1, Math.ceil(options.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS)),
      retryBackoff: true,
      ...(options.startAfter && { startAfter: options.startAfter }),
    });
    if (sent === null) return null;
    this.dispatcher.wake();
    return sent;
  }

  async work<T>(name: string, options: WorkOptions, handler: JobHandler<T>): Promise<void> {
    this.dispatcher.register(name, options, handler);
    this.queues.set(name, options);
    if (this.dispatcher.running) await this.ensureQueue(await this.open(), name, options);
  }

  async getJob(name: string, id: string): Promise<Job | null> {
    if (!UUID.test(id)) return null;
    const boss = await this.open();
    const row = await boss.getJobById<unknown>(name, id, { includeArchive: true });
    return row ? toJob(row) : null;
  }

  /** Started, and pg-boss's own tables answer (its schema could be gone while Reaper's tables stay). */
  async answers(): Promise<boolean> {
    if (!this.dispatcher.running) return false;
    try {
      const boss = await this.open();
      const res = await boss.getDb().executeSql(`select version from ${PGBOSS_SCHEMA}.version`, []);
      return res.rows.length === 1;
    } catch (e) {
      log.error("health.queue", { error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  }

  /** pg-boss, started once (its schema installed or migrated while no other instance does so). */
  private open(): Promise<PgBoss> {
    if (this.opening) return this.opening;
    const opening = (async () => {
      const store = await postgresStore();
      const boss = new PgBoss({
        connectionString: this.databaseUrl,
        schema: PGBOSS_SCHEMA,
        application_name: "reaper jobs",
        max: 10,
        // Reaper's schedules are its own (lib/server/schedule): pg-boss's cron stays off.
        schedule: false,
        supervise: true,
        maintenanceIntervalSeconds: MAINTENANCE_INTERVAL_SECONDS,
      });
      // Unhandled, an "error" event would end the process; pg-boss emits one for a failed maintenance run.
      boss.on("error", (e: Error) => log.warn("jobs.pgboss_error", { error: e.message }));
      await withAdvisoryLock(store.lockPool, "reaper:pg-boss-start", () => boss.start());
      return boss;
    })();
    this.opening = opening;
    opening.catch(() => {
      if (this.opening === opening) this.opening = null;
    });
    return opening;
  }

  private readonly ensured = new WeakMap<PgBoss, Map<string, "created" | "configured">>();

  /** The queue exists with Reaper's policy and, once a handler named them, its limits (shared by every instance). */
  private async ensureQueue(boss: PgBoss, name: string, options: WorkOptions | null): Promise<void> {
    const done = this.ensured.get(boss) ?? new Map<string, "created" | "configured">();
    this.ensured.set(boss, done);
    const have = done.get(name);
    if (have === "configured" || (have === "created" && !options)) return;
    const queue: PgBoss.Queue = { name, policy: "stately", expireInSeconds: options?.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS };
    // One instance at a time: pg-boss creates a queue's partition and attaches it to its job table,
    // and two instances starting together deadlocked there (PostgreSQL aborted one's start).
    await withAdvisoryLock((await postgresStore()).lockPool, "reaper:pg-boss-queues", async () => {
      if (!have) await boss.createQueue(name, queue);
      if (options) await boss.updateQueue(name, queue);
    });
    done.set(name, options ? "configured" : "created");
  }

  /** Up to `limit` jobs, one fetch each: a fetch of several fails whole when one of them is blocked by its key. */
  private async claim(name: string, limit: number): Promise<Job[]> {
    const boss = await this.open();
    const jobs: Job[] = [];
    while (jobs.length < limit) {
      const [row] = await boss.fetch<unknown>(name, { batchSize: 1, includeMetadata: true });
      if (!row) break;
      this.claimed.set(row.id, { boss, retryLimit: row.retryLimit });
      jobs.push(toJob(row));
    }
    return jobs;
  }

  private async settled(job: Job, output: Output): Promise<void> {
    const claimed = this.claimed.get(job.id);
    this.claimed.delete(job.id);
    if (claimed) await claimed.boss.complete(job.name, job.id, output as object);
  }

  /** A retry through pg-boss while the job's own retries last; then it ends here, with its error. */
  private async fail(job: Job, message: string): Promise<void> {
    const claimed = this.claimed.get(job.id);
    if (!claimed) return;
    if (job.retryCount < claimed.retryLimit - INTERRUPTION_RETRIES) {
      this.claimed.delete(job.id);
      await claimed.boss.fail(job.name, job.id, { error: message });
    } else {
      await this.settled(job, { error: message });
    }
  }
}
