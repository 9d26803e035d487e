"use client";

import { memo, type KeyboardEvent } from "react";
import { SafeText } from "@/components/ui/safe-text";
import { formatCount } from "@/lib/shared/format/numbers";
import type { Process } from "@/lib/shared/scan/types";
import type { TreeRow as Row } from "@/components/tree/visible-rows";

export const ROW_HEIGHT = 28;
const INDENT = 16;

type Props = {
  row: Row;
  index: number;
  process: Process;
  focused: boolean;
  selected: boolean;
  match: boolean;
  onChain: boolean;
  zombieChildren: number;
  onToggle: (pid: number, open: boolean) => void;
  onSelect: (index: number) => void;
  onKey: (e: KeyboardEvent<HTMLDivElement>, index: number) => void;
};

/** One process in the whole-host tree, absolutely placed at its row so only visible rows exist. */
export const TreeRow = memo(function TreeRow({ row, index, process: p, focused, selected, match, onChain, zombieChildren, onToggle, onSelect, onKey }: Props) {
  const zombie = p.state.startsWith("Z");
  return (
    <div
      role="treeitem"
      data-testid="tree-row"
      data-pid={p.pid}
      data-index={index}
      aria-level={row.level}
      aria-posinset={row.posInSet}
      aria-setsize={row.setSize}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      aria-selected={selected}
      tabIndex={focused ? 0 : -1}
      onClick={() => onSelect(index)}
      onKeyDown={(e) => onKey(e, index)}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT, paddingLeft: 8 + (row.level - 1) * INDENT }}
      className={`absolute inset-x-0 flex cursor-default items-center gap-2 pr-3 font-mono text-xs whitespace-nowrap outline-none focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:ring-inset ${
        selected ? "bg-blue-50" : match ? "bg-yellow-50" : "hover:bg-slate-50"
      }`}
    >
      <span className="flex w-3 shrink-0 justify-center">
        {row.hasChildren ? (
          <span
            aria-hidden="true"
            onClick={(e) => {
              e.stopPropagation();
              onToggle(p.pid, !row.expanded);
            }}
            className={`inline-block size-0 cursor-pointer border-y-4 border-l-6 border-y-transparent border-l-slate-500 transition-transform ${row.expanded ? "rotate-90" : ""}`}
          />
        ) : null}
      </span>
      {onChain ? <span aria-hidden="true" className={`size-1.5 shrink-0 rounded-full ${zombieChildren > 0 ? "bg-red-500" : "bg-amber-400"}`} /> : null}
      <span className={`min-w-0 truncate ${zombie ? "text-slate-400 italic" : zombieChildren > 0 ? "font-semibold text-red-800" : "text-slate-900"}`}>
        <SafeText value={p.comm} />
        {zombie ? " <defunct>" : null}
      </span>
      <span className="shrink-0 text-slate-500 tabular-nums">({p.pid})</span>
      <span className="min-w-0 shrink truncate text-slate-400">
        <SafeText value={p.user} />
      </span>
      {zombieChildren > 0 ? (
        <span className="ml-auto shrink-0 rounded bg-red-50 px-1.5 font-sans text-[11px] font-medium text-red-800">zombie parent · {formatCount(zombieChildren)}</span>
      ) : null}
    </div>
  );
});
