"use client";

import { useCallback, useEffect, useState } from "react";
import { ProcessDetails } from "@/components/tree/process-details";
import { TreeView } from "@/components/tree/tree-view";
import { useHostTree } from "@/components/tree/use-host-tree";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/text-field";
import { formatCount, plural } from "@/lib/shared/format/numbers";
import type { Scan } from "@/lib/shared/scan/types";
import type { Forest } from "@/components/tree/forest";

/** Every process of the scan as a tree from PID 1 (kernel threads under kthreadd), searchable, with the zombie chains marked. */
export function HostTree({ scan, forest }: { scan: Scan; forest: Forest }) {
  const tree = useHostTree(forest);
  const [selectedPid, setSelectedPid] = useState<number | null>(null);
  const selected = selectedPid === null ? null : (tree.forest.byPid.get(selectedPid) ?? null);
  const { revealInFullTree } = tree;
  const select = useCallback(
    (pid: number) => {
      setSelectedPid(pid);
      revealInFullTree(pid);
    },
    [revealInFullTree],
  );

  // The one measuring hook in the product: the bench reads when the rows first exist.
  useEffect(() => {
    performance.mark("reaper:tree-ready");
  }, [scan.id]);

  const found = tree.search ? tree.search.matches.size : null;
  return (
    <section aria-labelledby="host-tree-title" className="space-y-2">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="host-tree-title" className="text-sm font-semibold text-slate-900">
            All processes <span className="font-normal text-slate-500">({formatCount(scan.processes.length)})</span>
          </h2>
          <p className="text-xs text-slate-500">
            <span aria-hidden="true" className="mr-1 inline-block size-1.5 rounded-full bg-red-500 align-middle" />
            zombie parent <span aria-hidden="true" className="mr-1 ml-2 inline-block size-1.5 rounded-full bg-amber-400 align-middle" />
            on its chain from PID 1 · arrow keys move, Enter opens
          </p>
        </div>
        <div className="flex items-end gap-2">
          <div>
            <label htmlFor="tree-search" className="mb-0.5 block text-xs text-slate-600">
              Search processes
            </label>
            <input
              id="tree-search"
              data-testid="tree-search"
              type="search"
              value={tree.query}
              onChange={(e) => tree.setQuery(e.target.value)}
              placeholder="name, PID or user"
              className={`${inputClass} w-56 py-1`}
            />
          </div>
          <Button size="sm" onClick={tree.expandAll} disabled={tree.searching}>
            Expand all
          </Button>
          <Button size="sm" onClick={tree.collapseAll} disabled={tree.searching}>
            Collapse all
          </Button>
        </div>
      </div>
      {found !== null ? (
        <p aria-live="polite" className="text-xs text-slate-600">
          {found === 0 ? `Nothing matches “${tree.query.trim()}”.` : `${plural(found, "process", "processes")} match, shown with their ancestors.`}
        </p>
      ) : null}
      <div className="grid items-start gap-3 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <TreeView
          forest={tree.forest}
          rows={tree.rows}
          indexOf={tree.indexOf}
          matches={tree.search?.matches ?? null}
          selectedPid={selectedPid}
          onSelect={select}
          onToggle={tree.setOpen}
          label="All processes"
        />
        <ProcessDetails
          process={selected}
          host={scan.host}
          scanStartedAt={scan.startedAt}
          childCount={selected ? (tree.forest.children.get(selected.pid)?.length ?? 0) : 0}
          zombieChildren={selected ? (tree.forest.zombieCounts.get(selected.pid) ?? 0) : 0}
          onClose={() => setSelectedPid(null)}
        />
      </div>
    </section>
  );
}
