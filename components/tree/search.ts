// Search in the whole-host tree: by name (comm or command line), PID or user. A number matches that
// PID exactly; text matches case-insensitively anywhere. The tree then shows matches with their ancestors.
import { ancestorsOf, type Forest } from "@/components/tree/forest";

export type SearchResult = { matches: Set<number>; keep: Set<number> };

export function searchForest(forest: Forest, query: string): SearchResult | null {
  const q = query.trim().toLowerCase();
  if (q === "") return null;
  const matches = new Set<number>();
  const asPid = /^\d+$/.test(q) ? Number(q) : null;
  for (const p of forest.byPid.values()) {
    if (asPid !== null ? p.pid === asPid : p.comm.toLowerCase().includes(q) || p.user.toLowerCase().includes(q) || p.args.toLowerCase().includes(q)) matches.add(p.pid);
  }
  const keep = new Set<number>(matches);
  for (const pid of matches) {
    for (const a of ancestorsOf(forest, pid)) {
      if (keep.has(a)) continue;
      keep.add(a);
    }
  }
  return { matches, keep };
}
