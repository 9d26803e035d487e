// The one-line verdict: the most likely process-level reason a web server answers 503, from the
// gauges. Host PID exhaustion comes first (everything on the host fails), then the tighter of a
// zombie parent's cgroup limit and a user's process limit, then CPU or I/O overload.
import { formatCount } from "@/lib/shared/format/numbers";
import type { Parent, ScanData } from "@/lib/shared/scan/types";
import { IO_STALL_D_PER_CPU, IO_STALL_MIN_D, ZOMBIE_SHARE_CAUSE } from "@/lib/shared/triage/thresholds";
import type { CgroupGauge, LoadGauge, PidGauge, UserGauge, Verdict } from "@/lib/shared/triage/types";
import { serviceText, who } from "@/lib/shared/triage/words";

const CAUSE = "Likely cause of 503:";

/** The parent whose zombies hold at least ZOMBIE_SHARE_CAUSE of `total`, most zombies first. */
function zombieCulprit(parents: Parent[], total: number): Parent | undefined {
  return parents.find((p) => total > 0 && p.zombieCount / total >= ZOMBIE_SHARE_CAUSE);
}

function pidVerdict(scan: ScanData, g: PidGauge): Verdict {
  const all = `${formatCount(g.inUse)} of ${formatCount(g.limit)} PIDs (${g.limitName}) are in use`;
  const top = scan.parents[0];
  if (top && g.zombies / g.inUse >= ZOMBIE_SHARE_CAUSE) {
    const others = scan.parents.length > 1 ? ` and ${formatCount(g.zombies - top.zombieCount)} more of other parents` : "";
    return {
      cause: "pid-exhaustion-zombies", pid: top.pid, user: null,
      text: `${CAUSE} PID exhaustion by zombies of ${who(top.comm, top.pid)}. ${all}; ${formatCount(top.zombieCount)} are its zombies${others}.`,
    };
  }
  return { cause: "pid-exhaustion", pid: null, user: null, text: `${CAUSE} PID exhaustion. ${all}; zombies hold only ${formatCount(g.zombies)} of them.` };
}

function cgroupVerdict(scan: ScanData, g: CgroupGauge): Verdict {
  const parent = scan.parents.find((p) => p.pid === g.pid);
  const name = serviceText(g.service) ?? `cgroup ${g.cgroup}`;
  const culprit = parent && zombieCulprit([parent], g.current);
  const by = culprit ? ` by zombies of ${who(culprit.comm, culprit.pid)}` : "";
  return {
    cause: "cgroup-pid-limit", pid: g.pid, user: null,
    text: `${CAUSE} the PID limit of ${name} is nearly used up${by}. ${formatCount(g.current)} of ${formatCount(g.max ?? 0)} PIDs are in use in ${g.cgroup}.`,
  };
}

/**
 * The parent holding the most of the user's own zombies, if they are at least ZOMBIE_SHARE_CAUSE of
 * its tasks. By the zombies' owner, not the parent's: a zombie counts against its own user's limit,
 * and Apache's root master holds the php5.cgi zombies of its www-data workers.
 */
function userZombieCulprit(scan: ScanData, user: string, tasks: number): Parent | undefined {
  const held = new Map<number, number>();
  for (const z of scan.zombies) if (z.user === user) held.set(z.ppid, (held.get(z.ppid) ?? 0) + 1);
  let best: Parent | undefined;
  for (const p of scan.parents) if ((held.get(p.pid) ?? 0) > (best ? (held.get(best.pid) ?? 0) : 0)) best = p;
  return best && tasks > 0 && (held.get(best.pid) ?? 0) / tasks >= ZOMBIE_SHARE_CAUSE ? best : undefined;
}

function userVerdict(scan: ScanData, g: UserGauge): Verdict {
  const culprit = userZombieCulprit(scan, g.user, g.threads);
  const by = culprit ? ` by zombies of ${who(culprit.comm, culprit.pid)}` : "";
  return {
    cause: "user-process-limit", pid: culprit?.pid ?? null, user: g.user,
    text: `${CAUSE} user ${g.user} is at its process limit${by}. ${formatCount(g.threads)} of ${formatCount(g.limit ?? 0)} allowed processes and threads are in use.`,
  };
}

function loadVerdict(scan: ScanData, g: LoadGauge): Verdict {
  const d = scan.host?.states.D ?? 0;
  const on = `load ${g.loadAvg[0]} on ${formatCount(g.cpus ?? 0)} CPUs`;
  if (d >= Math.max(IO_STALL_MIN_D, IO_STALL_D_PER_CPU * (g.cpus ?? 1))) {
    return { cause: "io-stall", pid: null, user: null, text: `${CAUSE} processes stuck waiting on disk or network storage. ${formatCount(d)} are in state D, ${on}.` };
  }
  const busiest = scan.host?.topCpu[0];
  const top = busiest ? `; the busiest process is ${who(busiest.comm, busiest.pid)} at ${busiest.cpu ?? 0}% CPU` : "";
  return { cause: "cpu-overload", pid: busiest?.pid ?? null, user: null, text: `${CAUSE} CPU overload, ${on}${top}.` };
}

function noCause(scan: ScanData): Verdict {
  const top = scan.parents[0];
  const watch = top ? ` ${formatCount(scan.summary.zombies)} zombie(s), most of ${who(top.comm, top.pid)}, are a leak to watch, not yet a cause.` : "";
  return { cause: "none", pid: null, user: null, text: `No process-level cause found.${watch}` };
}

export type VerdictInputs = { pids: PidGauge; users: UserGauge[]; cgroups: CgroupGauge[]; load: LoadGauge };

export function decideVerdict(scan: ScanData, gauges: VerdictInputs): Verdict {
  if (gauges.pids.level === "critical") return pidVerdict(scan, gauges.pids);
  const worstCgroup = gauges.cgroups.filter((g) => g.level === "critical").sort((a, b) => (b.ratio ?? 0) - (a.ratio ?? 0))[0];
  const worstUser = gauges.users.filter((g) => g.level === "critical").sort((a, b) => (b.ratio ?? 0) - (a.ratio ?? 0))[0];
  if (worstCgroup && (!worstUser || (worstCgroup.ratio ?? 0) >= (worstUser.ratio ?? 0))) return cgroupVerdict(scan, worstCgroup);
  if (worstUser) return userVerdict(scan, worstUser);
  if (gauges.load.level === "critical") return loadVerdict(scan, gauges.load);
  return noCause(scan);
}
