// Host-wide figures of one snapshot: processes by state, the top processes by CPU and memory, and
// zombie ages. One pass over the processes each, so 50,000 rows stay cheap.
import type { SysInfo } from "@/lib/server/scan/parse/parse-sys";
import { processAgeSeconds } from "@/lib/shared/format/process-age";
import type { HostFacts, Process, TopProcess } from "@/lib/shared/scan/types";

/** How many processes the top-CPU and top-memory lists keep. */
export const TOP_PROCESSES = 5;

/** The `n` largest by `value`, ties to the lower PID; insertion into a short sorted list. */
function topBy(processes: Process[], value: (p: Process) => number | null, n: number): TopProcess[] {
  const top: { v: number; p: Process }[] = [];
  for (const p of processes) {
    const v = value(p);
    if (v === null || v <= 0) continue;
    const last = top[top.length - 1];
    if (top.length === n && last && (v < last.v || (v === last.v && p.pid > last.p.pid))) continue;
    let i = top.length;
    while (i > 0) {
      const prev = top[i - 1];
      if (!prev || prev.v > v || (prev.v === v && prev.p.pid < p.pid)) break;
      i--;
    }
    top.splice(i, 0, { v, p });
    if (top.length > n) top.pop();
  }
  return top.map(({ p }) => ({ pid: p.pid, comm: p.comm, user: p.user, cpu: p.cpu, rssKb: p.rssKb }));
}

/** The top CPU and memory users by ps's figures: empty until ps has run (the figures are null). */
export function topProcesses(processes: Process[]): Pick<HostFacts, "topCpu" | "topMemory"> {
  return { topCpu: topBy(processes, (p) => p.cpu, TOP_PROCESSES), topMemory: topBy(processes, (p) => p.rssKb, TOP_PROCESSES) };
}

/** Host-wide figures from the kernel's view; the top lists come with ps (attach-ps.ts). */
export function buildHost(processes: Process[], zombies: Process[], sys: SysInfo): HostFacts {
  const states: Record<string, number> = {};
  for (const p of processes) {
    // ps's STAT starts with the kernel's state letter (Ss, Z+, I<): the flags after it are not states.
    const s = p.state.charAt(0) || "?";
    states[s] = (states[s] ?? 0) + 1;
  }
  let oldest: number | null = null;
  for (const z of zombies) if (oldest === null || z.startTime < oldest) oldest = z.startTime;
  return {
    threadsMax: sys.threadsMax,
    cpus: sys.cpus,
    uptimeSeconds: sys.uptimeSeconds,
    clockTicks: sys.clockTicks,
    states,
    topCpu: [],
    topMemory: [],
    oldestZombieAgeSeconds: oldest === null ? null : processAgeSeconds({ startTime: oldest }, sys),
  };
}
