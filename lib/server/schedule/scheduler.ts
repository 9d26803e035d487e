import "server-only";
import { dropUnscheduled, dueServers, planNextScan } from "@/lib/server/db/schedules";
import { env } from "@/lib/server/env";
import { enqueue } from "@/lib/server/jobs/queue";
import { log } from "@/lib/server/log";
import { pruneHistory } from "@/lib/server/schedule/retention";
import { scanServerJob } from "@/lib/server/fleet/scan-job";

// Background scans. Every quarter of a (scheduling) minute the scheduler queues a scan of each
// server whose time came, and plans its next one an interval later. The plan is in the store, so a
// restart picks up where the last process stopped: overdue servers are scanned at once, the others
// when due. Scans run as the fleet's per-server scan jobs, keyed by the server's id: a background
// scan and a fleet scan of one server never run at once (they share the one job).
const BATCH = 500;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** Queues the scans that are due now; answers how many servers were due. */
export async function queueDueScans(now = new Date()): Promise<number> {
  const at = now.toISOString();
  const minuteMs = env().REAPER_SCAN_MINUTE_MS;
  let total = 0;
  for (;;) {
    const due = await dueServers(at, BATCH);
    for (const { serverId, intervalMinutes } of due) {
      // Already waiting (a slow server): the singleton key keeps the one job; planning goes on.
      await enqueue(scanServerJob, { serverId }, { singletonKey: serverId });
      await planNextScan(serverId, new Date(now.getTime() + intervalMinutes * minuteMs).toISOString(), intervalMinutes, at);
    }
    total += due.length;
    if (due.length < BATCH) break;
  }
  await dropUnscheduled();
  return total;
}

type State = { timer: NodeJS.Timeout | null; lastPrune: number; ticking: boolean };
const key = Symbol.for("reaper.scheduler");
type WithState = typeof globalThis & { [key]?: State };

function state(): State {
  const g = globalThis as WithState;
  g[key] ??= { timer: null, lastPrune: 0, ticking: false };
  return g[key];
}

async function tick(): Promise<void> {
  const s = state();
  if (s.ticking) return;
  s.ticking = true;
  try {
    const due = await queueDueScans();
    if (due > 0) log.debug("scheduler.queued", { servers: due });
    if (Date.now() - s.lastPrune >= PRUNE_EVERY_MS) {
      s.lastPrune = Date.now();
      const pruned = await pruneHistory(new Date());
      if (pruned.scans + pruned.deliveries + pruned.snapshotImages > 0) log.info("retention.pruned", pruned);
    }
  } catch (e) {
    log.error("scheduler.tick_failed", { error: e instanceof Error ? e.stack : String(e) });
  } finally {
    s.ticking = false;
  }
}

/** Started with the server, after the job queue. */
export function startScheduler(): void {
  const s = state();
  if (s.timer) return;
  s.timer = setInterval(() => void tick(), Math.max(25, Math.floor(env().REAPER_SCAN_MINUTE_MS / 4)));
  s.timer.unref();
  void tick();
}

/** At shutdown, before the job queue stops: no new background scans. */
export function stopScheduler(): void {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = null;
}
