// The scan's own processes: the SSH session that carries it (sshd's monitor and session processes,
// and everything Reaper runs on that connection), the account's shell, `timeout`, the scan's shell
// and its children (awk, ps, subshells). They are not the customer's: they stay out of the process
// list, the counts, the top CPU and memory lists and every verdict.
import type { PidLookup } from "@/lib/server/scan/parse/pid-index";

/** The fields of a /proc/PID/stat row this needs (a StatRow or a Process). */
type Row = { pid: number; ppid: number; comm: string; startTime: number };

const isSshd = (comm: string) => comm === "sshd" || comm === "sshd-session";
// What may sit between sshd and the scan's shell: the account's login shell (which may exec or
// fork), the persistent shell and its subshells, and `timeout`.
const WRAPPERS = new Set(["sh", "bash", "dash", "ash", "busybox", "ksh", "mksh", "zsh", "timeout"]);
const MAX_HOPS = 8;

/**
 * The process whose subtree is the scan's own: the sshd monitor of the connection when the scan came
 * over SSH (the session process under it; the listener above it is not ours). Only shells and
 * `timeout` may sit between sshd and the scan's shell. Not under sshd (a local run, as in tests):
 * the `timeout` around the scan's shell, or the shell itself; never the shells that started it.
 */
function sessionRoot<T extends Row>(byPid: PidLookup<T>, shellPid: number): T | undefined {
  const shell = byPid.get(shellPid);
  if (!shell) return undefined;
  let below = shell;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const parent = byPid.get(below.ppid);
    if (!parent) break;
    if (isSshd(parent.comm)) {
      const monitor = byPid.get(parent.ppid);
      const listener = monitor && byPid.get(monitor.ppid);
      return monitor && listener && isSshd(monitor.comm) && isSshd(listener.comm) ? monitor : parent;
    }
    if (!WRAPPERS.has(parent.comm)) break;
    below = parent;
  }
  const timeout = byPid.get(shell.ppid);
  return timeout?.comm === "timeout" ? timeout : shell;
}

/**
 * PIDs of the scan's own processes. Only rows that started no earlier than the session root can be
 * in its subtree, so only those few are walked up (the table is walked once, not per process).
 */
export function ownProcessPids<T extends Row>(rows: readonly T[], byPid: PidLookup<T>, shellPid: number | null): Set<number> {
  const own = new Set<number>();
  if (shellPid === null) return own;
  const root = sessionRoot(byPid, shellPid);
  // The shell itself may be missing from the table (a garbled output): its children are still ours.
  if (!root) {
    for (const row of rows) if (row.ppid === shellPid) own.add(row.pid);
    return own;
  }
  own.add(root.pid);
  const notOwn = new Set<number>();
  for (const row of rows) {
    if (row.startTime < root.startTime || own.has(row.pid) || notOwn.has(row.pid)) continue;
    const chain: number[] = [];
    let verdict = false;
    for (let p: T | undefined = row; p; p = byPid.get(p.ppid)) {
      if (own.has(p.pid)) {
        verdict = true;
        break;
      }
      if (notOwn.has(p.pid) || p.startTime < root.startTime || chain.length > rows.length) break;
      chain.push(p.pid);
    }
    for (const pid of chain) (verdict ? own : notOwn).add(pid);
  }
  return own;
}
