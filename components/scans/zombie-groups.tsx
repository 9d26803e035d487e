"use client";

import { useMemo, useState, type ReactNode } from "react";
import { ZombieGroup } from "@/components/scans/zombie-group";
import { buildGroups, SORT_LABELS, zombiesByParent, type SortKey } from "@/components/scans/zombie-grouping";
import { inputClass } from "@/components/ui/text-field";
import { formatCount, plural } from "@/lib/shared/format/numbers";
import type { Parent, Scan } from "@/lib/shared/scan/types";

type Props = {
  scan: Scan;
  /** The parent actions (reap, terminate, kill), shown at the right of each parent's header. */
  renderParentActions?: (parent: Parent) => ReactNode;
  /** Shown full width under each parent's header (the last action's outcome, the PID 1 notice). */
  renderParentPanel?: (parent: Parent) => ReactNode;
};

/** The zombies grouped by parent, with a text filter and a sort order. */
export function ZombieGroups({ scan, renderParentActions, renderParentPanel }: Props) {
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<SortKey>("zombies");
  const [toggled, setToggled] = useState<Set<number>>(() => new Set());
  const byParent = useMemo(() => zombiesByParent(scan.zombies), [scan.zombies]);
  const groups = useMemo(() => buildGroups(scan.parents, byParent, query, sort), [scan.parents, byParent, query, sort]);
  // A single parent starts open, and so does a group the filter matched by its zombies; clicking flips that.
  const openByDefault = scan.parents.length === 1;

  const toggle = (pid: number) =>
    setToggled((prev) => {
      const next = new Set(prev);
      if (next.has(pid)) next.delete(pid);
      else next.add(pid);
      return next;
    });

  return (
    <section aria-labelledby="zombie-groups-title" className="space-y-2">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="zombie-groups-title" className="text-sm font-semibold text-slate-900">
          Zombies by parent <span className="font-normal text-slate-500">
            ({groups.length === scan.parents.length ? "" : `${formatCount(groups.length)} of `}
            {plural(scan.parents.length, "parent")})
          </span>
        </h2>
        <div className="flex items-end gap-2">
          <div>
            <label htmlFor="zombie-filter" className="mb-0.5 block text-xs text-slate-600">
              Filter
            </label>
            <input id="zombie-filter" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="name, PID or user" className={`${inputClass} w-56 py-1`} />
          </div>
          <div>
            <label htmlFor="zombie-sort" className="mb-0.5 block text-xs text-slate-600">
              Sort by
            </label>
            <select id="zombie-sort" value={sort} onChange={(e) => setSort(e.target.value as SortKey)} className={`${inputClass} w-40 py-1`}>
              {(Object.keys(SORT_LABELS) as SortKey[]).map((k) => (
                <option key={k} value={k}>
                  {SORT_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      {groups.length === 0 ? <p className="rounded-md border border-dashed border-slate-300 bg-white px-3 py-4 text-center text-slate-500">Nothing matches “{query}”.</p> : null}
      {groups.map((g) => (
        <ZombieGroup
          key={g.parent.pid}
          group={g}
          expanded={(openByDefault || g.matchedZombiesOnly) !== toggled.has(g.parent.pid)}
          onToggle={() => toggle(g.parent.pid)}
          actions={renderParentActions?.(g.parent)}
          panel={renderParentPanel?.(g.parent)}
        />
      ))}
    </section>
  );
}
