"use client";

import type { ReactNode } from "react";
import { ParentDetails } from "@/components/scans/parent-details";
import { ZombieList } from "@/components/scans/zombie-list";
import type { ZombieGroup as Group } from "@/components/scans/zombie-grouping";
import { SafeText } from "@/components/ui/safe-text";
import { formatCount, plural } from "@/lib/shared/format/numbers";

type Props = {
  group: Group;
  expanded: boolean;
  onToggle: () => void;
  /** Actions on this parent (reap, terminate, kill), at the right of its header; see ZombieGroups. */
  actions?: ReactNode;
  /** Full width under the header: what the last action did, or why there is none (PID 1). */
  panel?: ReactNode;
};

/** One parent and its zombies: "httpd (1234): 87 zombies", who runs it, where it sits, and (expanded) the zombies. */
export function ZombieGroup({ group, expanded, onToggle, actions, panel }: Props) {
  const { parent, zombies, matchedZombiesOnly } = group;
  const listId = `zombies-of-${parent.pid}`;
  return (
    <section data-testid="zombie-group" className="rounded-md border border-slate-200 bg-white">
      <div className="flex items-start gap-3 px-3 py-2.5">
        <div className="min-w-0 flex-1 space-y-1">
          <h3 className="flex flex-wrap items-center gap-x-2 text-sm font-semibold text-slate-900">
            <button
              type="button"
              onClick={onToggle}
              aria-expanded={expanded}
              aria-controls={listId}
              className="group/toggle -ml-1 flex items-center gap-2 rounded px-1 text-left"
            >
              <span
                aria-hidden="true"
                className={`inline-block size-0 border-y-4 border-l-6 border-y-transparent border-l-slate-500 transition-transform ${expanded ? "rotate-90" : ""}`}
              />
              <span className="group-hover/toggle:underline">
                <span className="font-mono">
                  <SafeText value={parent.comm} /> ({parent.pid})
                </span>
                : {plural(parent.zombieCount, "zombie")}
              </span>
            </button>
            {matchedZombiesOnly ? <span className="text-xs font-normal text-slate-500">{formatCount(zombies.length)} match the filter</span> : null}
          </h3>
          <div className="pl-4">
            <ParentDetails parent={parent} />
          </div>
        </div>
        {/* The reap / terminate / kill controls for this parent, from ZombieGroups' `renderParentActions`. */}
        {actions ? <div className="flex shrink-0 flex-col items-end gap-1">{actions}</div> : null}
      </div>
      {panel ? <div className="px-3 pb-2.5">{panel}</div> : null}
      {expanded ? (
        <div id={listId} className="border-t border-slate-200 bg-slate-50/60">
          {parent.pstree ? (
            <details className="border-b border-slate-200">
              <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium text-slate-600 select-none hover:bg-slate-100">pstree output for this parent</summary>
              <pre className="max-h-64 overflow-auto px-3 pb-2 font-mono text-xs text-slate-700">
                <SafeText value={parent.pstree} keepNewlines />
              </pre>
            </details>
          ) : null}
          <ZombieList zombies={zombies} />
        </div>
      ) : null}
    </section>
  );
}
