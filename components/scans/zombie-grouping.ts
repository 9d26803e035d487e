// Turns a scan's parents and zombies into the groups the zombie table shows: filtered by a
// free-text query (parent or zombie name, pid or user) and sorted. Pure, so it is easy to test.
import type { Parent, Process } from "@/lib/shared/scan/types";

export type SortKey = "zombies" | "name" | "pid";

export type ZombieGroup = {
  parent: Parent;
  /** The zombies to list: all of them, or those matching the filter when only they matched. */
  zombies: Process[];
  /** True when the filter matched zombies but not the parent itself. */
  matchedZombiesOnly: boolean;
};

export const SORT_LABELS: Record<SortKey, string> = { zombies: "Most zombies", name: "Parent name", pid: "Parent PID" };

export function zombiesByParent(zombies: Process[]): Map<number, Process[]> {
  const map = new Map<number, Process[]>();
  for (const z of zombies) {
    const list = map.get(z.ppid);
    if (list) list.push(z);
    else map.set(z.ppid, [z]);
  }
  for (const list of map.values()) list.sort((a, b) => a.pid - b.pid);
  return map;
}

function matches(p: Process, q: string): boolean {
  return p.comm.toLowerCase().includes(q) || String(p.pid).includes(q) || p.user.toLowerCase().includes(q);
}

const COMPARE: Record<SortKey, (a: Parent, b: Parent) => number> = {
  zombies: (a, b) => b.zombieCount - a.zombieCount || a.pid - b.pid,
  name: (a, b) => a.comm.localeCompare(b.comm) || a.pid - b.pid,
  pid: (a, b) => a.pid - b.pid,
};

export function buildGroups(parents: Parent[], byParent: Map<number, Process[]>, query: string, sort: SortKey): ZombieGroup[] {
  const q = query.trim().toLowerCase();
  const groups: ZombieGroup[] = [];
  for (const parent of [...parents].sort(COMPARE[sort])) {
    const all = byParent.get(parent.pid) ?? [];
    if (!q || matches(parent, q)) {
      groups.push({ parent, zombies: all, matchedZombiesOnly: false });
      continue;
    }
    const hits = all.filter((z) => matches(z, q));
    if (hits.length > 0) groups.push({ parent, zombies: hits, matchedZombiesOnly: true });
  }
  return groups;
}
