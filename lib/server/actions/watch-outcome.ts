// After the signal or restart: poll until the picture settles. The poll is injected so the loop is
// tested without a server.
import type { Counts, PollReport } from "@/lib/server/actions/parse-report";

export type WatchOptions = { intervalMs: number; maxMs: number; stableRounds: number };

export const WATCH_DEFAULTS: WatchOptions = { intervalMs: 250, maxMs: 3_000, stableRounds: 3 };

export type Watched<R = PollReport> = { after: R; settled: boolean };

// Reports are plain data built in a fixed key order, so their JSON text compares them.
const same = <R>(a: R, b: R): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The parent is alive with no zombies, or gone with its orphans reaped. */
export function parentSettled(now: PollReport, before: Counts): boolean {
  return now.alive ? now.zombies === 0 : now.initZombies <= before.initZombies;
}

/**
 * Polls every intervalMs until `done` says the outcome is reached, or nothing changed for
 * stableRounds polls, or maxMs passed. `initial` is what is answered if the very first poll fails.
 */
export async function watchUntil<R>(poll: () => Promise<R>, initial: R, done: (now: R) => boolean, opts: WatchOptions = WATCH_DEFAULTS): Promise<Watched<R>> {
  const deadline = Date.now() + opts.maxMs;
  const history: R[] = [];
  let last = initial;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, opts.intervalMs));
    try {
      last = await poll();
    } catch {
      // The signal is already sent: answer what we know rather than an error.
      return { after: last, settled: false };
    }
    history.push(last);
    const recent = history.slice(-opts.stableRounds);
    if (done(last) || (recent.length === opts.stableRounds && recent.every((p) => same(p, last)))) return { after: last, settled: true };
  }
  return { after: last, settled: false };
}

/** After a signal: the parent's zombie children, until they are gone or nothing changes any more. */
export function watchOutcome(poll: () => Promise<PollReport>, before: Counts, opts: WatchOptions = WATCH_DEFAULTS): Promise<Watched> {
  return watchUntil(poll, { alive: true, zombies: before.zombies, initZombies: before.initZombies }, (now) => parentSettled(now, before), opts);
}
