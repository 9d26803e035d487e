// How busy the machine's CPUs were over a stretch of a benchmark, from the kernel's counters in
// /proc/stat: when a run already keeps every core busy, adding an instance cannot make it faster,
// and the figure says so instead of leaving a ratio unexplained.
import fs from "node:fs";

export type CpuMark = { busy: number; total: number };

/** The machine's CPU time so far (all cores, in clock ticks): busy (not idle, not iowait) and total. */
export function cpuMark(): CpuMark {
  const fields = (fs.readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** The share of all cores' time spent busy since `from`, as a percentage. */
export function busyPercentSince(from: CpuMark): number {
  const now = cpuMark();
  const total = now.total - from.total;
  return total > 0 ? (100 * (now.busy - from.busy)) / total : 0;
}
