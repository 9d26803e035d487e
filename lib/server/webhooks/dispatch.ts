import "server-only";
import { reopenDeliveries } from "@/lib/server/db/webhooks";
import { log } from "@/lib/server/log";
import { attemptDelivery } from "@/lib/server/webhooks/deliver";

// When each delivery's next attempt runs. The due time lives in the delivery's row, so a restart
// loses nothing: startup calls resumeDeliveries(). Next.js may load this module more than once,
// so the timers live on globalThis, one per delivery.
const key = Symbol.for("reaper.webhook-timers");
type WithTimers = typeof globalThis & { [key]?: Map<string, NodeJS.Timeout> };

function timers(): Map<string, NodeJS.Timeout> {
  const g = globalThis as WithTimers;
  g[key] ??= new Map();
  return g[key];
}

async function run(id: string): Promise<void> {
  timers().delete(id);
  try {
    const next = await attemptDelivery(id);
    if (next) scheduleDelivery(id, next);
  } catch (e) {
    log.error("webhook.attempt_crashed", { deliveryId: id, error: e instanceof Error ? e.stack : String(e) });
  }
}

/** Runs the delivery's next attempt at `at` (at once when it is past). */
export function scheduleDelivery(id: string, at: Date = new Date()): void {
  const all = timers();
  clearTimeout(all.get(id));
  all.set(id, setTimeout(() => void run(id), Math.max(0, at.getTime() - Date.now())));
}

/** At startup: every delivery still pending gets its timer back. */
export async function resumeDeliveries(): Promise<number> {
  const pending = await reopenDeliveries();
  for (const p of pending) scheduleDelivery(p.id, new Date(p.nextAttemptAt));
  return pending.length;
}
