// The gauges of "what the processes are doing": load against CPUs, counts by state, the top
// processes by CPU and memory, and how long the oldest zombie has waited.
import { formatCount } from "@/lib/shared/format/numbers";
import type { ScanData, TopProcess } from "@/lib/shared/scan/types";
import { SOURCES } from "@/lib/shared/triage/sources";
import { LOAD_PER_CPU_CRITICAL, LOAD_PER_CPU_WARN } from "@/lib/shared/triage/thresholds";
import type { LoadGauge, StatesGauge, TopGauge, ZombieAgeGauge } from "@/lib/shared/triage/types";
import { duration, who } from "@/lib/shared/triage/words";

export function loadGauge(scan: ScanData): LoadGauge {
  const loadAvg = scan.summary.loadAvg;
  const cpus = scan.host?.cpus ?? null;
  const sources = [SOURCES.loadavg, SOURCES.cpus];
  if (cpus === null) return { loadAvg, cpus, perCpu: null, level: "unknown", text: `Load ${loadAvg[0]}; the number of CPUs could not be read`, sources };
  const perCpu = loadAvg[0] / cpus;
  const level = perCpu > LOAD_PER_CPU_CRITICAL ? "critical" : perCpu > LOAD_PER_CPU_WARN ? "warn" : "ok";
  const words = level === "critical" ? "overloaded: tasks wait longer than they run" : level === "warn" ? "busy: every CPU is taken" : "CPUs have room";
  return { loadAvg, cpus, perCpu, level, text: `Load ${loadAvg[0]} on ${cpus} CPU${cpus === 1 ? "" : "s"} (${perCpu.toFixed(2)} per CPU): ${words}`, sources };
}

const STATE_NAMES: Record<string, string> = {
  R: "running", S: "sleeping", D: "uninterruptible (D, waiting on disk or network)", Z: "zombie", T: "stopped", t: "traced",
  I: "idle kernel threads", X: "dead", W: "paging", P: "parked", K: "wakekill", "?": "unknown",
};

export function statesGauge(scan: ScanData): StatesGauge {
  const counts = scan.host?.states ?? {};
  const parts = Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([s, n]) => `${formatCount(n)} ${STATE_NAMES[s] ?? s}`);
  return { counts, text: parts.length > 0 ? parts.join(", ") : "No states read", sources: [SOURCES.stat, SOURCES.ps] };
}

function topGauge(scan: ScanData, processes: TopProcess[], what: "CPU" | "memory"): TopGauge {
  const figure = (p: TopProcess) => (what === "CPU" ? `${p.cpu ?? 0}%` : `${formatCount(Math.round((p.rssKb ?? 0) / 1024))} MiB`);
  const unmeasured = scan.processes.length > 0 && scan.processes.every((p) => (what === "CPU" ? p.cpu : p.rssKb) === null);
  const text =
    processes.length > 0 ? `Top by ${what}: ${processes.map((p) => `${who(p.comm, p.pid)} ${figure(p)}`).join(", ")}`
    : unmeasured ? `This server's ps cannot show ${what} use (busybox)`
    : `No process uses measurable ${what}`;
  return { processes, text, sources: [SOURCES.ps] };
}

export const topCpuGauge = (scan: ScanData): TopGauge => topGauge(scan, scan.host?.topCpu ?? [], "CPU");
export const topMemoryGauge = (scan: ScanData): TopGauge => topGauge(scan, scan.host?.topMemory ?? [], "memory");

export function zombieAgeGauge(scan: ScanData): ZombieAgeGauge {
  const sources = [SOURCES.stat, SOURCES.uptime];
  if (scan.zombies.length === 0) return { ageSeconds: null, pid: null, comm: null, text: "No zombies", sources };
  const ageSeconds = scan.host?.oldestZombieAgeSeconds ?? null;
  if (ageSeconds === null) return { ageSeconds, pid: null, comm: null, text: "Zombie ages unknown: /proc/uptime could not be read", sources };
  const holder = scan.parents.find((p) => p.oldestZombieAgeSeconds === ageSeconds);
  const of = holder ? ` (a child of ${who(holder.comm, holder.pid)})` : "";
  return {
    ageSeconds, pid: holder?.pid ?? null, comm: holder?.comm ?? null, sources,
    text: `The oldest zombie is ${duration(ageSeconds)} old${of}: the leak has gone on at least that long`,
  };
}
