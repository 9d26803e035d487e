import { describe, expect, it } from "vitest";
import type { PollReport } from "@/lib/server/actions/parse-report";
import { watchOutcome } from "@/lib/server/actions/watch-outcome";

const fast = { intervalMs: 1, maxMs: 500, stableRounds: 3 };
const seq = (reports: PollReport[]) => {
  let i = 0;
  const poll = async (): Promise<PollReport> => reports[Math.min(i++, reports.length - 1)] ?? { alive: true, zombies: 0, initZombies: 0 };
  return { poll, calls: () => i };
};

describe("watchOutcome", () => {
  it("stops as soon as the parent has no zombies", async () => {
    const s = seq([{ alive: true, zombies: 2, initZombies: 0 }, { alive: true, zombies: 0, initZombies: 0 }]);
    expect(await watchOutcome(s.poll, { zombies: 7, initZombies: 0 }, fast)).toEqual({ after: { alive: true, zombies: 0, initZombies: 0 }, settled: true });
    expect(s.calls()).toBe(2);
  });
  it("waits for init to reap the orphans of a parent that ended", async () => {
    const s = seq([{ alive: false, zombies: 0, initZombies: 7 }, { alive: false, zombies: 0, initZombies: 0 }]);
    expect((await watchOutcome(s.poll, { zombies: 7, initZombies: 0 }, fast)).after.initZombies).toBe(0);
    expect(s.calls()).toBe(2);
  });
  it("settles when nothing changes for three polls", async () => {
    const s = seq([{ alive: true, zombies: 7, initZombies: 0 }]);
    expect(await watchOutcome(s.poll, { zombies: 7, initZombies: 0 }, fast)).toEqual({ after: { alive: true, zombies: 7, initZombies: 0 }, settled: true });
    expect(s.calls()).toBe(3);
  });
  it("answers what it saw last when a poll fails", async () => {
    let n = 0;
    const poll = async (): Promise<PollReport> => {
      if (n++ > 0) throw new Error("connection lost");
      return { alive: true, zombies: 5, initZombies: 0 };
    };
    expect(await watchOutcome(poll, { zombies: 7, initZombies: 0 }, fast)).toEqual({ after: { alive: true, zombies: 5, initZombies: 0 }, settled: false });
  });
});
