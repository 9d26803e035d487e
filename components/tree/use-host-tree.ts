"use client";

import { useCallback, useDeferredValue, useEffect, useMemo, useState } from "react";
import { allExpandable, ancestorsOf, defaultExpanded, type Forest } from "@/components/tree/forest";
import { searchForest } from "@/components/tree/search";
import { visibleRows } from "@/components/tree/visible-rows";

const SEARCH_DELAY_MS = 150;

/** The whole-host tree's state over a forest built once per scan: what is open, the search and its rows. */
export function useHostTree(forest: Forest) {
  const [expanded, setExpanded] = useState<Set<number>>(() => defaultExpanded(forest));
  const [query, setQuery] = useState("");
  const [applied, setApplied] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setApplied(query), SEARCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [query]);
  const deferred = useDeferredValue(applied);
  const search = useMemo(() => searchForest(forest, deferred), [forest, deferred]);
  const rows = useMemo(() => visibleRows(forest, expanded, search), [forest, expanded, search]);
  const indexOf = useMemo(() => new Map(rows.map((r, i) => [r.pid, i])), [rows]);

  const setOpen = useCallback(
    (pid: number, open: boolean) =>
      setExpanded((prev) => {
        if (prev.has(pid) === open) return prev;
        const next = new Set(prev);
        if (open) next.add(pid);
        else next.delete(pid);
        return next;
      }),
    [],
  );

  /** Leaving a search keeps the way to a found process open. */
  const revealInFullTree = useCallback(
    (pid: number) =>
      setExpanded((prev) => {
        const next = new Set(prev);
        for (const a of ancestorsOf(forest, pid)) next.add(a);
        return next;
      }),
    [forest],
  );

  return {
    forest,
    rows,
    indexOf,
    search,
    query,
    setQuery,
    searching: search !== null,
    setOpen,
    revealInFullTree,
    expandAll: () => setExpanded(allExpandable(forest)),
    collapseAll: () => setExpanded(new Set()),
  };
}
