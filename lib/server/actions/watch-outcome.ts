// After the signal: poll the parent's zombie children until the picture settles. The poll is
// injected so the loop is tested without a server.
import type { Counts, PollReport } from "@/lib/server/actions/parse-report";

export type WatchOptions = { intervalMs: number; maxMs: number; stableRounds: number };

export const WATCH_DEFAULTS: WatchOptions = { intervalMs: 250, maxMs: 3_000, stableRounds: 3 };

export type Watched = { after: PollReport; settled: boolean };

const same = (a: PollReport, b: PollReport): boolean => a.alive === b.alive && a.zombies === b.zombies && a.initZombies === b.initZombies;

/** Done: the parent is alive with no zombies, or gone with its orphans reaped, or nothing changes any more. */
function finished(now: PollReport, before: Counts, history: PollReport[], stableRounds: number): boolean {
  if (now.alive && now.zombies === 0) return true;
  if (!now.alive && now.initZombies <= before.initZombies) return true;
  const last = history.slice(-stableRounds);
  return last.length === stableRounds && last.every((p) => same(p, now));
}

export async function watchOutcome(poll: () => Promise<PollReport>, before: Counts, opts: WatchOptions = WATCH_DEFAULTS): Promise<Watched> {
  const deadline = Date.now() + opts.maxMs;
  const history: PollReport[] = [];
  let last: PollReport = { alive: true, zombies: before.zombies, initZombies: before.initZombies };
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, opts.intervalMs));
    try {
      last = await poll();
    } catch {
      // The signal is already sent: answer what we know rather than an error.
      return { after: last, settled: false };
    }
    history.push(last);
    if (finished(last, before, history, opts.stableRounds)) return { after: last, settled: true };
  }
  return { after: last, settled: false };
}
