// The process model shared by the scanner, the API and the pages. Shapes follow ../shared/API.md
// ("Scans"); fields beyond the contract are additions, never renames.

export type Process = {
  pid: number;
  ppid: number;
  /** ps's STAT column as printed (`Z`, `Z+`, `Ss`, ...). */
  state: string;
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

/** What a parent does with SIGCHLD, from SigCgt/SigIgn/SigBlk in /proc/PID/status. */
export type SigchldDisposition = "caught" | "ignored" | "blocked" | "default";

/** The unit a process belongs to, from /proc/PID/cgroup: what to restart instead of signalling. */
export type ProcessService = { kind: "systemd" | "container" | "cgroup"; name: string; cgroup: string };

export type Parent = Process & {
  zombieCount: number;
  zombiePids: number[];
  /** From the namespace's PID 1 down to and including the parent itself. */
  ancestry: AncestryStep[];
  /** What `pstree -s -p PARENT` printed on the server, when it was run for this parent. */
  pstree: string | null;
  /** Filled by scans that read /proc/PID/status and /proc/PID/cgroup (null: could not be read). */
  sigchld?: SigchldDisposition | null;
  service?: ProcessService | null;
  oldestZombieAgeSeconds?: number | null;
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
};

export type Scan = ScanData & {
  id: string;
  serverId: string;
  startedAt: string;
  durationMs: number;
};
