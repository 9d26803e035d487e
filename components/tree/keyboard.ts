// WAI-ARIA tree keys over the visible rows: what a key press does, decided without touching the DOM.
import type { TreeRow } from "@/components/tree/visible-rows";

export type TreeMove = { kind: "focus"; index: number } | { kind: "expand"; pid: number } | { kind: "collapse"; pid: number } | { kind: "activate"; pid: number } | { kind: "none" };

const clamp = (i: number, rows: readonly TreeRow[]) => Math.max(0, Math.min(rows.length - 1, i));

export function treeKey(key: string, rows: readonly TreeRow[], index: number, pageSize = 10): TreeMove {
  const row = rows[index];
  if (!row) return rows.length > 0 ? { kind: "focus", index: 0 } : { kind: "none" };
  switch (key) {
    case "ArrowDown":
      return { kind: "focus", index: clamp(index + 1, rows) };
    case "ArrowUp":
      return { kind: "focus", index: clamp(index - 1, rows) };
    case "PageDown":
      return { kind: "focus", index: clamp(index + pageSize, rows) };
    case "PageUp":
      return { kind: "focus", index: clamp(index - pageSize, rows) };
    case "Home":
      return { kind: "focus", index: 0 };
    case "End":
      return { kind: "focus", index: rows.length - 1 };
    case "ArrowRight":
      if (!row.hasChildren) return { kind: "none" };
      return row.expanded ? { kind: "focus", index: index + 1 } : { kind: "expand", pid: row.pid };
    case "ArrowLeft": {
      if (row.hasChildren && row.expanded) return { kind: "collapse", pid: row.pid };
      if (row.parentPid === null) return { kind: "none" };
      for (let i = index - 1; i >= 0; i--) if (rows[i]?.pid === row.parentPid) return { kind: "focus", index: i };
      return { kind: "none" };
    }
    case "Enter":
    case " ":
      return { kind: "activate", pid: row.pid };
    default:
      return { kind: "none" };
  }
}
