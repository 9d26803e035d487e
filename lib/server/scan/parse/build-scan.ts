// Turns the parsed steps of one scan into the contract's ScanData: /proc's rows are the snapshot
// (pid, ppid, start time, comm, threads). What only ps knows (STAT flags, user, args, usage) comes
// with the details step (attach-ps.ts); until then users are "?" and command lines empty.
import { buildHost } from "@/lib/server/scan/parse/build-host";
import { ownProcessPids } from "@/lib/server/scan/parse/own-processes";
import { PidIndex, type PidLookup } from "@/lib/server/scan/parse/pid-index";
import type { ParentFacts } from "@/lib/server/scan/parse/parse-parent-facts";
import type { SysInfo } from "@/lib/server/scan/parse/parse-sys";
import type { StatRow } from "@/lib/server/scan/parse/parse-proc-stat";
import { formatCount } from "@/lib/shared/format/numbers";
import { processAgeSeconds } from "@/lib/shared/format/process-age";
import type { AncestryStep, Parent, Process, ScanData } from "@/lib/shared/scan/types";
import { buildTriage } from "@/lib/shared/triage/build-triage";

export type ScanParts = {
  commands: string[];
  /** PID of the scan's own shell: it, its session and its children are not part of the picture. */
  scanShellPid: number | null;
  sys: SysInfo;
  stat: StatRow[];
  /** What the parents step read, for each zombie parent it was run for. */
  parentFacts: Map<number, ParentFacts>;
  /** Lines the account's shell printed before the scan began (rc files, banners). */
  shellNoiseLines: number;
};

const isKernelThread = (row: StatRow) => row.pid === 2 || row.ppid === 2;

/** A kernel thread's command line as ps shows it; none for everything else until ps has run. */
const baseArgs = (row: StatRow): string => (isKernelThread(row) && !row.state.startsWith("Z") ? `[${row.comm}]` : "");

/** From the namespace's PID 1 (ppid 0, or a parent outside the snapshot) down to `proc`. */
function ancestryOf(proc: Process, byPid: PidLookup<Process>): AncestryStep[] {
  const chain: AncestryStep[] = [];
  const seen = new Set<number>();
  for (let p: Process | undefined = proc; p && !seen.has(p.pid); p = byPid.get(p.ppid)) {
    seen.add(p.pid);
    chain.push({ pid: p.pid, comm: p.comm });
  }
  return chain.reverse();
}

const NO_FACTS: ParentFacts = { uid: null, sigchld: null, service: null, cgroupPids: null };

function oldestAge(zombiePids: number[], byPid: PidLookup<Process>, sys: SysInfo): number | null {
  let oldest = Infinity;
  for (const pid of zombiePids) oldest = Math.min(oldest, byPid.get(pid)?.startTime ?? Infinity);
  return Number.isFinite(oldest) ? processAgeSeconds({ startTime: oldest }, sys) : null;
}

function buildParents(byPid: PidLookup<Process>, zombies: Process[], parts: ScanParts, notes: string[]): Parent[] {
  const childrenOf = new Map<number, number[]>();
  for (const z of zombies) {
    const siblings = childrenOf.get(z.ppid);
    if (siblings) siblings.push(z.pid);
    else childrenOf.set(z.ppid, [z.pid]);
  }
  const parents: Parent[] = [];
  let orphaned = 0;
  for (const [ppid, zombiePids] of childrenOf) {
    const parent = byPid.get(ppid);
    if (!parent) {
      orphaned += zombiePids.length;
      continue;
    }
    zombiePids.sort((a, b) => a - b);
    parents.push({
      ...parent,
      zombieCount: zombiePids.length,
      zombiePids,
      ancestry: ancestryOf(parent, byPid),
      pstree: null,
      ...(parts.parentFacts.get(ppid) ?? NO_FACTS),
      oldestZombieAgeSeconds: oldestAge(zombiePids, byPid, parts.sys),
    });
  }
  if (orphaned > 0) notes.push(`${orphaned} zombie(s) have a parent that ended during the scan; scan again to see who holds them now.`);
  return parents.sort((a, b) => b.zombieCount - a.zombieCount || a.pid - b.pid);
}

function situationNotes(parts: ScanParts, pidsInUse: number, notes: string[]): void {
  const { sys } = parts;
  if (parts.shellNoiseLines > 0) {
    notes.push(`The account's shell printed ${parts.shellNoiseLines} line(s) before the scan (a banner or rc file?); they were ignored.`);
  }
  const limit = Math.min(sys.pidMax, sys.threadsMax ?? Infinity);
  if (pidsInUse >= 0.8 * limit) {
    const pct = Math.round((100 * pidsInUse) / limit);
    notes.push(`${formatCount(pidsInUse)} of ${formatCount(limit)} PIDs are in use (${pct}%): when they run out, new processes and threads fail to start.`);
  }
  if (sys.cpus !== null && sys.loadAvg[0] > 2 * sys.cpus) {
    notes.push(`Load average ${sys.loadAvg[0]} on ${sys.cpus} CPU(s): the server is overloaded, so these figures may lag.`);
  }
}

/** The scan as /proc's stat table and the parents step tell it; users empty until ps has run. */
export function buildScan(parts: ScanParts): ScanData {
  const own = ownProcessPids(parts.stat, new PidIndex(parts.stat), parts.scanShellPid);
  const processes: Process[] = [];
  const zombies: Process[] = [];
  let pidsInUse = 0;
  for (const row of parts.stat) {
    if (own.has(row.pid)) continue;
    row.args = baseArgs(row);
    processes.push(row);
    if (row.state.startsWith("Z")) zombies.push(row);
    pidsInUse += row.threads;
  }
  const byPid = new PidIndex(processes);
  const notes: string[] = [];
  situationNotes(parts, pidsInUse, notes);
  const parents = buildParents(byPid, zombies, parts, notes);
  const scan: ScanData = {
    commands: [...parts.commands],
    summary: { processes: processes.length, zombies: zombies.length, pidsInUse, pidMax: parts.sys.pidMax, loadAvg: parts.sys.loadAvg },
    processes,
    zombies,
    parents,
    notes,
    host: buildHost(processes, zombies, parts.sys),
    users: [],
  };
  scan.triage = buildTriage(scan);
  return scan;
}
