// The process table as a forest: each process's children by PID, the roots (PID 1, kthreadd, and any
// process whose parent is not in the snapshot), and the chains from PID 1 down to the zombie parents.
import type { Process } from "@/lib/shared/scan/types";

export type Forest = {
  byPid: Map<number, Process>;
  children: Map<number, number[]>;
  roots: number[];
  /** Zombie parents and every ancestor of one: the chains to mark. */
  chain: Set<number>;
  zombieParents: Set<number>;
  /** Zombie children per parent PID. */
  zombieCounts: Map<number, number>;
};

const byNumber = (a: number, b: number) => a - b;

/** A parent loop (PID reuse between two reads) would hide processes from every root; they become roots. */
function addUnreached(byPid: Map<number, Process>, children: Map<number, number[]>, roots: number[]): void {
  const seen = new Set<number>();
  const walk = (start: number) => {
    const stack = [start];
    while (stack.length > 0) {
      const pid = stack.pop() as number;
      if (seen.has(pid)) continue;
      seen.add(pid);
      for (const c of children.get(pid) ?? []) stack.push(c);
    }
  };
  for (const r of roots) walk(r);
  if (seen.size === byPid.size) return;
  for (const pid of byPid.keys()) {
    if (seen.has(pid)) continue;
    roots.push(pid);
    walk(pid);
  }
}

export function buildForest(processes: readonly Process[]): Forest {
  const byPid = new Map<number, Process>();
  for (const p of processes) byPid.set(p.pid, p);
  const children = new Map<number, number[]>();
  const roots: number[] = [];
  const zombieParents = new Set<number>();
  const zombieCounts = new Map<number, number>();
  for (const p of processes) {
    if (p.pid !== p.ppid && byPid.has(p.ppid)) {
      const list = children.get(p.ppid);
      if (list) list.push(p.pid);
      else children.set(p.ppid, [p.pid]);
    } else {
      roots.push(p.pid);
    }
    if (p.state.startsWith("Z") && byPid.has(p.ppid)) {
      zombieParents.add(p.ppid);
      zombieCounts.set(p.ppid, (zombieCounts.get(p.ppid) ?? 0) + 1);
    }
  }
  for (const list of children.values()) list.sort(byNumber);
  addUnreached(byPid, children, roots);
  roots.sort(byNumber);
  const chain = new Set<number>();
  for (const pid of zombieParents) {
    for (let at: number | undefined = pid; at !== undefined && !chain.has(at); ) {
      chain.add(at);
      const p = byPid.get(at);
      at = p && p.ppid !== at && byPid.has(p.ppid) ? p.ppid : undefined;
    }
  }
  return { byPid, children, roots, chain, zombieParents, zombieCounts };
}

/** The PIDs from the root down to `pid`, excluding `pid` itself. */
export function ancestorsOf(forest: Forest, pid: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>([pid]);
  let p = forest.byPid.get(pid);
  while (p && forest.byPid.has(p.ppid) && !seen.has(p.ppid)) {
    out.push(p.ppid);
    seen.add(p.ppid);
    p = forest.byPid.get(p.ppid);
  }
  return out.reverse();
}

/** What starts open: every root (PID 1, kthreadd) and the chains down to the zombie parents (not the parents themselves). */
export function defaultExpanded(forest: Forest): Set<number> {
  const open = new Set<number>(forest.roots.filter((pid) => forest.children.has(pid) && pid !== 2));
  for (const pid of forest.chain) if (!forest.zombieParents.has(pid)) open.add(pid);
  return open;
}

/** Every process that has children: "Expand all". */
export function allExpandable(forest: Forest): Set<number> {
  return new Set(forest.children.keys());
}
