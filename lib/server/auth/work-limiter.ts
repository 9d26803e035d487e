import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";

/**
 * At most `running` pieces of work at once, `waiting` more queued in arrival order; past that,
 * RATE_LIMITED at once (the queue is the only thing an anonymous flood could grow).
 */
export class WorkLimiter {
  private active = 0;
  private peak = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    readonly limits: { running: number; waiting: number },
    private readonly busyMessage: string,
  ) {}

  /** What runs and waits now, and the most that ever ran at once. */
  get load(): { running: number; waiting: number; peakRunning: number } {
    return { running: this.active, waiting: this.queue.length, peakRunning: this.peak };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limits.running) {
      if (this.queue.length >= this.limits.waiting) throw new AppError("RATE_LIMITED", this.busyMessage, { retryAfterSeconds: 5 });
      // The slot is handed over by the finishing work, so `active` never passes the bound.
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    this.peak = Math.max(this.peak, this.active);
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}
