import "server-only";
import { claimJobs, completeJob, failJob, findJob, insertJob, requeueInterrupted } from "@/lib/server/db/jobs";
import { newId, nowIso } from "@/lib/server/db/ids";
import type { Job, JobHandler, JobQueue, SendOptions, WorkOptions } from "@/lib/server/jobs/types";
import { log } from "@/lib/server/log";

type Worker = { concurrency: number; handler: JobHandler<unknown>; running: number };

const DEFAULT_RETRY_DELAY_SECONDS = 5;

/**
 * The queue for a single Reaper process on SQLite: jobs live in the store (so they survive a
 * restart), and this process alone runs them. A send or a finished job wakes the queue at once;
 * a slow poll picks up delayed jobs and retries when they fall due.
 */
export class SqliteJobQueue implements JobQueue {
  private readonly workers = new Map<string, Worker>();
  private readonly inFlight = new Set<Promise<void>>();
  private started = false;
  private pumping = false;
  private pumpAgain = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pollMs = 1000) {}

  async start(): Promise<void> {
    if (this.started) return;
    const requeued = await requeueInterrupted(nowIso());
    if (requeued > 0) log.info("jobs.requeued", { jobs: requeued });
    this.started = true;
    this.wake();
  }

  async stop(opts: { timeoutMs?: number } = {}): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    let timeout: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((r) => (timeout = setTimeout(r, opts.timeoutMs ?? 10_000)));
    await Promise.race([Promise.allSettled([...this.inFlight]), waited]);
    clearTimeout(timeout);
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
    this.wake();
    return id;
  }

  async work<T>(name: string, options: WorkOptions, handler: JobHandler<T>): Promise<void> {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new Error(`Queue ${name}: concurrency must be a whole number of at least 1.`);
    this.workers.set(name, { concurrency: options.concurrency, handler: handler as JobHandler<unknown>, running: 0 });
    this.wake();
    return Promise.resolve();
  }

  getJob(name: string, id: string): Promise<Job | null> {
    return findJob(name, id);
  }

  private wake(): void {
    if (!this.started) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    void this.pump();
  }

  /** Claims as many due jobs as each queue has free slots, until nothing new arrived meanwhile. */
  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        for (const [name, worker] of this.workers) {
          if (!this.started) break;
          const jobs = await claimJobs(name, worker.concurrency - worker.running, nowIso());
          for (const job of jobs) this.run(worker, job);
        }
      } while (this.pumpAgain && this.started);
    } catch (e) {
      log.error("jobs.claim_failed", { error: e instanceof Error ? e.message : String(e) });
    } finally {
      this.pumping = false;
      this.arm();
    }
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.started) return;
    this.timer = setTimeout(() => this.wake(), this.pollMs);
    this.timer.unref();
  }

  private run(worker: Worker, job: Job): void {
    worker.running++;
    const done = this.settle(worker, job).finally(() => {
      worker.running--;
      this.inFlight.delete(done);
      this.wake();
    });
    this.inFlight.add(done);
  }

  /** Runs the handler and records how it ended; never rejects. */
  private async settle(worker: Worker, job: Job): Promise<void> {
    try {
      const output = await worker.handler(job);
      await completeJob(job.id, output, nowIso());
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      log.warn("jobs.failed", { job: job.id, queue: job.name, error: message });
      await failJob(job.id, message, nowIso()).catch((err: unknown) => log.error("jobs.fail_not_recorded", { job: job.id, error: String(err) }));
    }
  }
}
