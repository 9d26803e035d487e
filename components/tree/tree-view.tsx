"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { ROW_HEIGHT, TreeRow } from "@/components/tree/tree-row";
import type { Forest } from "@/components/tree/forest";
import { treeKey } from "@/components/tree/keyboard";
import type { TreeRow as Row } from "@/components/tree/visible-rows";
import { rowWindow, scrollToShow } from "@/components/tree/window";

const VIEWPORT = 448;

type Props = {
  forest: Forest;
  rows: Row[];
  indexOf: Map<number, number>;
  matches: Set<number> | null;
  selectedPid: number | null;
  onSelect: (pid: number) => void;
  onToggle: (pid: number, open: boolean) => void;
  label: string;
};

/** An ARIA tree over the flattened rows: fixed row height, only the rows in view (plus overscan) exist. */
export function TreeView({ forest, rows, indexOf, matches, selectedPid, onSelect, onToggle, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [focusPid, setFocusPid] = useState<number | null>(null);
  const wantFocus = useRef(false);
  const height = Math.min(VIEWPORT, Math.max(rows.length, 1) * ROW_HEIGHT);
  const focusIndex = Math.max(0, focusPid === null ? 0 : (indexOf.get(focusPid) ?? 0));
  const { start, end } = rowWindow(scrollTop, height, ROW_HEIGHT, rows.length);

  const moveFocus = useCallback(
    (index: number) => {
      const row = rows[index];
      if (!row) return;
      wantFocus.current = true;
      setFocusPid(row.pid);
      const el = box.current;
      const to = el ? scrollToShow(index, el.scrollTop, el.clientHeight, ROW_HEIGHT) : null;
      if (el && to !== null) {
        el.scrollTop = to;
        setScrollTop(to);
      }
    },
    [rows],
  );

  useLayoutEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    box.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"]`)?.focus({ preventScroll: true });
  });

  // A search changes the rows: start at the top, on the first match.
  useEffect(() => {
    if (!matches || !box.current) return;
    box.current.scrollTop = 0;
    setScrollTop(0);
  }, [matches]);

  const onKey = useCallback(
    (e: KeyboardEvent<HTMLDivElement>, index: number) => {
      const move = treeKey(e.key, rows, index, Math.floor(VIEWPORT / ROW_HEIGHT) - 1);
      if (move.kind === "none") return;
      e.preventDefault();
      if (move.kind === "focus") moveFocus(move.index);
      else if (move.kind === "expand") onToggle(move.pid, true);
      else if (move.kind === "collapse") onToggle(move.pid, false);
      else {
        const row = rows[index];
        if (row?.hasChildren) onToggle(row.pid, !row.expanded);
        onSelect(move.pid);
      }
    },
    [rows, moveFocus, onToggle, onSelect],
  );

  const select = useCallback(
    (index: number) => {
      const row = rows[index];
      if (!row) return;
      setFocusPid(row.pid);
      onSelect(row.pid);
    },
    [rows, onSelect],
  );

  const shown: number[] = [];
  for (let i = start; i < end; i++) shown.push(i);
  // The focused row stays in the DOM even when scrolled away, so Tab always lands on it.
  if (rows.length > 0 && (focusIndex < start || focusIndex >= end)) shown.push(focusIndex);

  return (
    <div
      ref={box}
      role="tree"
      aria-label={label}
      data-testid="host-tree"
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      style={{ height }}
      className="relative overflow-auto rounded-md border border-slate-200 bg-white"
    >
      <div style={{ height: rows.length * ROW_HEIGHT }} className="relative min-w-full">
        {shown.map((i) => {
          const row = rows[i] as Row;
          const p = forest.byPid.get(row.pid);
          if (!p) return null;
          return (
            <TreeRow
              key={row.pid}
              row={row}
              index={i}
              process={p}
              focused={i === focusIndex}
              selected={row.pid === selectedPid}
              match={matches?.has(row.pid) ?? false}
              onChain={forest.chain.has(row.pid)}
              zombieChildren={forest.zombieCounts.get(row.pid) ?? 0}
              onToggle={onToggle}
              onSelect={select}
              onKey={onKey}
            />
          );
        })}
      </div>
    </div>
  );
}
