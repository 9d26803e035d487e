// The process model shared by the scanner, the API and the pages. Shapes follow docs/api.md
// ("Scans"); fields beyond the contract are additions, never renames.
import type { ProcessService, SigchldDisposition, TopProcess } from "@/lib/shared/scan/process-facts";
import type { Triage } from "@/lib/shared/triage/types";

export type { ProcessService, SigchldDisposition, TopProcess };

export type Process = {
  pid: number;
  ppid: number;
  /** ps's STAT column as printed (`Z`, `Z+`, `Ss`, ...); the kernel's one letter until ps has run. */
  state: string;
  /** As ps prints it; "?" where ps has not run (yet) or did not see the process. */
  user: string;
  /** Field 22 of /proc/PID/stat: clock ticks since boot. The identity actions check. */
  startTime: number;
  /** The kernel's short name, exactly (spaces, parentheses, newlines and UTF-8 kept). */
  comm: string;
  /** The command line as ps prints it; `[name]` for kernel threads, empty for zombies. */
  args: string;
  /** Threads in this process (1 for a zombie). */
  threads: number;
  /** ps's %CPU and resident set size in KiB; null where the server's ps cannot print them. */
  cpu: number | null;
  rssKb: number | null;
};

export type AncestryStep = { pid: number; comm: string };


/** `pids.current` against `pids.max` of the cgroup level that limits a parent's PIDs most. */
export type CgroupPids = {
  /** The level read, e.g. `/system.slice/nginx.service` (an ancestor when the limit is set there). */
  cgroup: string;
  current: number;
  /** null: no limit at this level or above (`max`). */
  max: number | null;
};

// The facts below are filled by every scan for the parents the scan command picks (the ones with
// the most zombies, up to `pstreeParents`); they stay optional in the type because scans stored
// before they existed lack them. null: picked but not readable (the parent ended), or not picked.
export type Parent = Process & {
  zombieCount: number;
  zombiePids: number[];
  /** From the namespace's PID 1 down to and including the parent itself. */
  ancestry: AncestryStep[];
  /** What `pstree -s -p PARENT` printed on the server, when it was run for this parent. */
  pstree: string | null;
  /** From SigIgn, SigBlk, SigCgt of /proc/PID/status, in that order of precedence. */
  sigchld?: SigchldDisposition | null;
  service?: ProcessService | null;
  /** Uptime minus the start of the parent's oldest zombie child. */
  oldestZombieAgeSeconds?: number | null;
  /** The real UID, first field of `Uid:` in /proc/PID/status. */
  uid?: number | null;
  cgroupPids?: CgroupPids | null;
};

/** One user's share of the process table, against that user's RLIMIT_NPROC where it was read. */
export type UserProcesses = {
  user: string;
  processes: number;
  /** Processes plus their threads: what RLIMIT_NPROC counts. */
  threads: number;
  /** "Max processes" soft limit; null when unlimited or not read (see `limitPid`). */
  limit: number | null;
  /** The process whose /proc/PID/limits was read; null when none was (only the top users are read). */
  limitPid: number | null;
};


/** Host-wide figures of the same snapshot, beyond the contract's summary. */
export type HostFacts = {
  /** /proc/sys/kernel/threads-max: the other ceiling on processes plus threads. */
  threadsMax: number | null;
  /** Online CPUs (/sys/devices/system/cpu/online); null when the server did not say. */
  cpus: number | null;
  /** First field of /proc/uptime; null when unreadable (then no ages). */
  uptimeSeconds: number | null;
  /** Clock ticks per second of start times: Linux's USER_HZ, 100 (scans before 2026-12 read `getconf CLK_TCK`). */
  clockTicks: number;
  /** Processes by the kernel's one-letter state (R, S, D, Z, T, t, I, X). */
  states: Record<string, number>;
  /** Top processes by ps's %CPU and by RSS; empty where ps cannot print them (busybox). */
  topCpu: TopProcess[];
  topMemory: TopProcess[];
  oldestZombieAgeSeconds: number | null;
};

export type ScanSummary = {
  processes: number;
  zombies: number;
  /** Processes plus threads. */
  pidsInUse: number;
  /** /proc/sys/kernel/pid_max */
  pidMax: number;
  loadAvg: [number, number, number];
};

/** What one scan round trip produced, before it is stored and given an id. */
export type ScanData = {
  commands: string[];
  summary: ScanSummary;
  processes: Process[];
  zombies: Process[];
  parents: Parent[];
  /** Plain-words remarks about how the scan was made ("pstree is not installed: ..."). */
  notes: string[];
  // Optional for the reason given above Parent: stored scans predate them. buildScan always fills them.
  host?: HostFacts;
  /** Every user with processes, most threads first. */
  users?: UserProcesses[];
  /** The 503 triage built from this scan by lib/procs/triage. */
  triage?: Triage;
  /** true while the details step (ps, then pstree) still runs on the server, after the scan
   * answered: until it ends, users are "?", command lines empty (kernel threads aside), %CPU and RSS
   * null and `users` empty; then the stored scan gets them, the top CPU and memory lists, the
   * per-user limits and the verdict rebuilt with them (or a note). Absent once done. */
  psPending?: boolean;
  /** true while the details step's pstree part is still to come, for the top zombie parents: the
   * stored scan gets their `pstree` (or a note) when it ends. Absent once done. */
  pstreePending?: boolean;
  /** What one command costs on this server's account before it starts (login shell and rc files,
   * the network aside), measured when Reaper's long-lived shell on the connection opened; null when
   * no such shell could be had. Absent in scans stored before it. */
  commandCostMs?: number | null;
};

/** A row of a server's scan history: what lists and the history chart read, without the body. */
export type ScanListItem = { id: string; startedAt: string; durationMs: number; summary: ScanSummary };

export type Scan = ScanData & {
  id: string;
  serverId: string;
  startedAt: string;
  durationMs: number;
};
