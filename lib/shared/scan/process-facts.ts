// Facts about single processes that both the process model and the triage read; kept in a leaf
// module so the two type files do not import each other.

/** What a parent does with SIGCHLD, from SigCgt/SigIgn/SigBlk in /proc/PID/status. */
export type SigchldDisposition = "caught" | "ignored" | "blocked" | "default";

/** The unit a process belongs to, from /proc/PID/cgroup: what to restart instead of signalling. */
export type ProcessService = { kind: "systemd" | "container" | "cgroup"; name: string; cgroup: string };

/** A process ranked by ps's %CPU or RSS. */
export type TopProcess = { pid: number; comm: string; user: string; cpu: number | null; rssKb: number | null };
