// The forest flattened into the rows a tree shows, in order: a row per process whose ancestors are
// all expanded (or, while searching, per match and ancestor of a match). Iterative: chains can be deep.
import type { Forest } from "@/components/tree/forest";

export type TreeRow = {
  pid: number;
  /** 1-based, as aria-level. */
  level: number;
  hasChildren: boolean;
  expanded: boolean;
  /** 1-based position among its shown siblings, and how many siblings are shown (aria-posinset/setsize). */
  posInSet: number;
  setSize: number;
  parentPid: number | null;
};

/** A search's rows: its matches and their ancestors (`keep`), and the matches themselves. */
export type SearchFilter = { keep: ReadonlySet<number>; matches: ReadonlySet<number> };

/**
 * With `search`, only kept processes show, their ancestors always open; a match the user expands
 * shows all its children again (and below them the usual rules).
 */
export function visibleRows(forest: Forest, expanded: ReadonlySet<number>, search?: SearchFilter | null): TreeRow[] {
  const rows: TreeRow[] = [];
  type Frame = { pids: readonly number[]; i: number; level: number; parent: number | null; filtered: boolean };
  const filter = (pids: readonly number[], filtered: boolean) => (search && filtered ? pids.filter((p) => search.keep.has(p)) : pids);
  const stack: Frame[] = [{ pids: filter(forest.roots, true), i: 0, level: 1, parent: null, filtered: true }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (!top) break;
    if (top.i >= top.pids.length) {
      stack.pop();
      continue;
    }
    const pid = top.pids[top.i] as number;
    top.i++;
    const kids = forest.children.get(pid) ?? [];
    // Inside a search, an ancestor shows only its kept children and is always open; a match shows all, when opened.
    const pathOnly = search !== null && search !== undefined && top.filtered && !search.matches.has(pid);
    const shownKids = filter(kids, pathOnly);
    const open = shownKids.length > 0 && (pathOnly || expanded.has(pid));
    rows.push({ pid, level: top.level, hasChildren: shownKids.length > 0, expanded: open, posInSet: top.i, setSize: top.pids.length, parentPid: top.parent });
    if (open) stack.push({ pids: shownKids, i: 0, level: top.level + 1, parent: pid, filtered: pathOnly });
  }
  return rows;
}
