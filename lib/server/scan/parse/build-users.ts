// Per-user shares of the process table, against the "Max processes" limit read for the top users.
// RLIMIT_NPROC counts every task of the user (threads too, zombies until reaped), so threads are
// what the limit is compared with.
import type { Process, UserProcesses } from "@/lib/shared/scan/types";

/** pid -> soft limit (null: unlimited) for each process whose /proc/PID/limits was read. */
export type LimitReads = Map<number, number | null>;

export function buildUsers(processes: Process[], limits: LimitReads): UserProcesses[] {
  const byUser = new Map<string, UserProcesses>();
  for (const p of processes) {
    let u = byUser.get(p.user);
    if (!u) {
      u = { user: p.user, processes: 0, threads: 0, limit: null, limitPid: null };
      byUser.set(p.user, u);
    }
    u.processes++;
    u.threads += p.threads;
    const limit = limits.get(p.pid);
    if (limit !== undefined && u.limitPid === null) {
      u.limit = limit;
      u.limitPid = p.pid;
    }
  }
  return [...byUser.values()].sort((a, b) => b.threads - a.threads || b.processes - a.processes || (a.user < b.user ? -1 : 1));
}
