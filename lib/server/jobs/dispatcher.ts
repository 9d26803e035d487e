import "server-only";
import type { Job, JobHandler, WorkOptions } from "@/lib/server/jobs/types";
import { log } from "@/lib/server/log";

/** Where a queue's jobs live: how this process takes due jobs and records how they ended. */
export type JobBackend = {
  /** Up to `limit` due jobs of the queue, now marked running by this process. */
  claim(name: string, limit: number): Promise<Job[]>;
  complete(job: Job, output: unknown): Promise<void>;
  /** The handler threw: a retry or the end, as the job's retries decide. */
  fail(job: Job, message: string): Promise<void>;
};

type Worker = { concurrency: number; handler: JobHandler<unknown>; running: Map<string, Job> };

/**
 * Runs this process's share of the jobs, whichever store holds them: keeps each queue's handlers
 * busy up to its concurrency, claiming more when a job is sent here or one ends, and polling
 * (`pollMs`) for what other instances sent and for retries and delayed jobs that fall due. Who
 * may take a job (singleton keys, retries, other instances) is the backend's business.
 */
export class Dispatcher {
  private readonly workers = new Map<string, Worker>();
  private readonly inFlight = new Set<Promise<void>>();
  private started = false;
  private pumping = false;
  private pumpAgain = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly backend: JobBackend,
    private readonly pollMs: number,
  ) {}

  get running(): boolean {
    return this.started;
  }

  register<T>(name: string, options: WorkOptions, handler: JobHandler<T>): void {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new Error(`Queue ${name}: concurrency must be a whole number of at least 1.`);
    this.workers.set(name, { concurrency: options.concurrency, handler: handler as JobHandler<unknown>, running: new Map() });
    this.wake();
  }

  start(): void {
    this.started = true;
    this.wake();
  }

  /** Stops claiming and waits up to `timeoutMs` for the running jobs; answers those still running then. */
  async stop(timeoutMs: number): Promise<Job[]> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    let timeout: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((r) => (timeout = setTimeout(r, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.inFlight]), waited]);
    clearTimeout(timeout);
    return [...this.workers.values()].flatMap((w) => [...w.running.values()]);
  }

  wake(): void {
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
          const jobs = await this.backend.claim(name, worker.concurrency - worker.running.size);
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
    worker.running.set(job.id, job);
    const done = this.settle(worker, job).finally(() => {
      worker.running.delete(job.id);
      this.inFlight.delete(done);
      this.wake();
    });
    this.inFlight.add(done);
  }

  /** Runs the handler and records how it ended; never rejects. */
  private async settle(worker: Worker, job: Job): Promise<void> {
    try {
      const output = await worker.handler(job);
      await this.backend.complete(job, output);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      log.warn("jobs.failed", { job: job.id, queue: job.name, error: message });
      await this.backend.fail(job, message).catch((err: unknown) => log.error("jobs.fail_not_recorded", { job: job.id, error: String(err) }));
    }
  }
}
