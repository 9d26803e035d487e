// The gauges of "how close to a limit": host PIDs, each user's process limit, each zombie parent's
// cgroup PID limit. Any of the three makes fork() fail, which a web server answers with 503.
import { formatCount } from "@/lib/shared/format/numbers";
import type { Parent, ScanData, UserProcesses } from "@/lib/shared/scan/types";
import { pressureLevel } from "@/lib/shared/triage/level";
import { SOURCES } from "@/lib/shared/triage/sources";
import { UNLIMITED_USERS } from "@/lib/shared/triage/thresholds";
import type { CgroupGauge, PidGauge, UserGauge } from "@/lib/shared/triage/types";
import { percent, serviceText } from "@/lib/shared/triage/words";

/** Users shown beyond those whose limit was read: the biggest by threads. */
const USERS_SHOWN = 5;

export function pidGauge(scan: ScanData): PidGauge {
  const { pidsInUse: inUse, pidMax, zombies } = scan.summary;
  const threadsMax = scan.host?.threadsMax ?? null;
  const byThreads = threadsMax !== null && threadsMax < pidMax;
  const limit = byThreads ? threadsMax : pidMax;
  const ratio = inUse / limit;
  const level = pressureLevel(ratio);
  const free = Math.max(0, limit - inUse);
  const of = `${formatCount(inUse)} of ${formatCount(limit)} PIDs in use (${percent(ratio)}, limit ${byThreads ? "threads-max" : "pid_max"})`;
  const text =
    free === 0 ? `No PIDs left: ${of}; new processes and threads cannot start`
    : level === "critical" ? `Only ${formatCount(free)} PIDs left: ${of}; new processes and threads will soon fail to start`
    : level === "warn" ? `Little headroom: ${formatCount(free)} PIDs free, ${of}`
    : `Plenty of headroom: ${formatCount(free)} PIDs free, ${of}`;
  return {
    inUse, limit, limitName: byThreads ? "threads-max" : "pid_max", pidMax, threadsMax, zombies, ratio, level, text,
    sources: [SOURCES.stat, SOURCES.pidMax, SOURCES.threadsMax],
  };
}

function userGauge(u: UserProcesses): UserGauge {
  const sources = [SOURCES.stat, SOURCES.ps, SOURCES.limits];
  const base = { user: u.user, processes: u.processes, threads: u.threads, limit: u.limit, sources };
  const tasks = `${formatCount(u.processes)} processes, ${formatCount(u.threads)} with threads`;
  if (UNLIMITED_USERS.has(u.user)) return { ...base, ratio: null, level: "ok", text: `${u.user}: ${tasks}; root is not bound by a process limit` };
  if (u.limitPid === null) return { ...base, ratio: null, level: "unknown", text: `${u.user}: ${tasks}; its process limit was not read (only the users with the most processes are)` };
  if (u.limit === null) return { ...base, ratio: null, level: "ok", text: `${u.user}: ${tasks}; no process limit` };
  const ratio = u.threads / u.limit;
  const level = pressureLevel(ratio);
  const left = Math.max(0, u.limit - u.threads);
  const tail = level === "critical" ? `only ${formatCount(left)} left: its new processes will soon fail to start` : `${formatCount(left)} left`;
  return { ...base, ratio, level, text: `${u.user}: ${formatCount(u.threads)} of ${formatCount(u.limit)} allowed processes and threads (${percent(ratio)}); ${tail}` };
}

/** Every user whose limit was read, and the biggest others, most loaded first. */
export function userGauges(scan: ScanData): UserGauge[] {
  const users = scan.users ?? [];
  const shown = users.filter((u, i) => u.limitPid !== null || i < USERS_SHOWN).map(userGauge);
  return shown.sort((a, b) => (b.ratio ?? -1) - (a.ratio ?? -1) || b.threads - a.threads);
}

function cgroupGauge(p: Parent): CgroupGauge | null {
  const pids = p.cgroupPids;
  if (!pids) return null;
  const service = p.service ?? null;
  const name = serviceText(service) ?? `cgroup ${pids.cgroup}`;
  const base = { pid: p.pid, comm: p.comm, service, cgroup: pids.cgroup, current: pids.current, max: pids.max, sources: [SOURCES.cgroup, SOURCES.cgroupPids] };
  if (pids.max === null) return { ...base, ratio: null, level: "ok", text: `${name}: ${formatCount(pids.current)} PIDs, no cgroup PID limit` };
  const ratio = pids.current / pids.max;
  const where = pids.cgroup === service?.cgroup ? "" : ` (limit set on ${pids.cgroup})`;
  return { ...base, ratio, level: pressureLevel(ratio), text: `${name}: ${formatCount(pids.current)} of ${formatCount(pids.max)} cgroup PIDs in use (${percent(ratio)})${where}` };
}

export function cgroupGauges(scan: ScanData): CgroupGauge[] {
  return scan.parents.map(cgroupGauge).filter((g): g is CgroupGauge => g !== null);
}
