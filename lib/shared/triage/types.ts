// The 503 triage of one scan: a plain-words verdict on top, and the gauges it was decided from. Every
// figure names the scan step that produced it; the step's exact shell text is
// `scan.commands[SCAN_STEPS.indexOf(source.step)]`.
import type { ScanStep } from "@/lib/shared/scan/steps";
import type { ProcessService, SigchldDisposition, TopProcess } from "@/lib/shared/scan/process-facts";
import type { LastingFix } from "@/lib/shared/triage/lasting-fixes";

export type TriageCause =
  | "pid-exhaustion-zombies"
  | "pid-exhaustion"
  | "cgroup-pid-limit"
  | "user-process-limit"
  | "cpu-overload"
  | "io-stall"
  | "none";

/** "unknown": the figure could not be read on this server. */
export type Level = "ok" | "warn" | "critical" | "unknown";

/** Which step of the scan produced a figure, and what that step read for it. */
export type FigureSource = { step: ScanStep; read: string };

export type Verdict = {
  cause: TriageCause;
  /** "Likely cause of 503: PID exhaustion by zombies of httpd (1234)" or "No process-level cause found". */
  text: string;
  /** The zombie parent the verdict names, if any. */
  pid: number | null;
  /** The user the verdict names, if any. */
  user: string | null;
};

export type PidGauge = {
  inUse: number;
  /** The lower of pid_max and threads-max: whichever runs out first stops fork(). */
  limit: number;
  limitName: "pid_max" | "threads-max";
  pidMax: number;
  threadsMax: number | null;
  /** PIDs held by zombies. */
  zombies: number;
  ratio: number;
  level: Level;
  /** "32,400 of 32,768 PIDs free (99%)", "only 120 PIDs left: new processes fail soon". */
  text: string;
  sources: FigureSource[];
};

export type UserGauge = {
  user: string;
  processes: number;
  threads: number;
  limit: number | null;
  ratio: number | null;
  level: Level;
  text: string;
  sources: FigureSource[];
};

/** The cgroup PID limit of one zombie parent's cgroup. */
export type CgroupGauge = {
  pid: number;
  comm: string;
  service: ProcessService | null;
  cgroup: string;
  current: number;
  max: number | null;
  ratio: number | null;
  level: Level;
  text: string;
  sources: FigureSource[];
};

export type LoadGauge = {
  loadAvg: [number, number, number];
  cpus: number | null;
  /** One-minute load per CPU. */
  perCpu: number | null;
  level: Level;
  text: string;
  sources: FigureSource[];
};

export type StatesGauge = { counts: Record<string, number>; text: string; sources: FigureSource[] };
export type TopGauge = { processes: TopProcess[]; text: string; sources: FigureSource[] };
export type ZombieAgeGauge = { ageSeconds: number | null; pid: number | null; comm: string | null; text: string; sources: FigureSource[] };

/** Whether sending SIGCHLD ("Reap") can make a zombie parent collect its zombies. */
export type ReapPrediction = "likely" | "unlikely" | "cannot" | "unknown";

export type ParentDiagnosis = {
  pid: number;
  comm: string;
  zombieCount: number;
  sigchld: SigchldDisposition | null;
  reap: ReapPrediction;
  /** "httpd catches SIGCHLD: reaping is likely to work". */
  reapText: string;
  service: ProcessService | null;
  /** "nginx.service (systemd)", "container 3f2a9c1b7d4e", "cgroup /lxc/web". */
  serviceText: string | null;
  oldestZombieAgeSeconds: number | null;
  sources: FigureSource[];
  /** The usual cause and the lasting fix for this kind of parent; null when none is known. Absent in older scans. */
  lastingFix?: LastingFix | null;
};

export type Triage = {
  verdict: Verdict;
  gauges: {
    pids: PidGauge;
    users: UserGauge[];
    cgroups: CgroupGauge[];
    load: LoadGauge;
    states: StatesGauge;
    topCpu: TopGauge;
    topMemory: TopGauge;
    oldestZombie: ZombieAgeGauge;
  };
  parents: ParentDiagnosis[];
};
