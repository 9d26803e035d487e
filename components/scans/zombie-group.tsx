"use client";

import type { ReactNode } from "react";
import { AncestryBreadcrumb } from "@/components/scans/ancestry-breadcrumb";
import { ZombieList } from "@/components/scans/zombie-list";
import type { ZombieGroup as Group } from "@/components/scans/zombie-grouping";
import { SafeText } from "@/components/ui/safe-text";
import { formatCount, plural } from "@/lib/format/numbers";

type Props = {
  group: Group;
  expanded: boolean;
  onToggle: () => void;
  /** Actions on this parent (reap, terminate, kill) are added by a later issue; see ZombieGroups. */
  actions?: ReactNode;
};

/** One parent and its zombies: "httpd (1234): 87 zombies", who runs it, where it sits, and (expanded) the zombies. */
export function ZombieGroup({ group, expanded, onToggle, actions }: Props) {
  const { parent, zombies, matchedZombiesOnly } = group;
  const listId = `zombies-of-${parent.pid}`;
  return (
    <section data-testid="zombie-group" className="rounded-md border border-slate-200 bg-white">
      <div className="flex items-start gap-3 px-3 py-2.5">
        <button
          type="button"
          onClick={onToggle}
          aria-expanded={expanded}
          aria-controls={listId}
          className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded text-slate-500 hover:bg-slate-100"
        >
          <span aria-hidden="true" className={`text-[10px] transition-transform ${expanded ? "rotate-90" : ""}`}>
            ▶
          </span>
          <span className="sr-only">{expanded ? "Hide zombies" : "Show zombies"}</span>
        </button>
        <div className="min-w-0 flex-1 space-y-1">
          <h3 className="text-sm font-semibold text-slate-900">
            <button type="button" onClick={onToggle} className="rounded text-left hover:underline">
              <span className="font-mono">
                <SafeText value={parent.comm} /> ({parent.pid})
              </span>
              : {plural(parent.zombieCount, "zombie")}
            </button>
            {matchedZombiesOnly ? <span className="ml-2 text-xs font-normal text-slate-500">{formatCount(zombies.length)} match the filter</span> : null}
          </h3>
          <dl className="flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-slate-600">
            <Meta term="user" value={parent.user} />
            <Meta term="state" value={parent.state} />
            <Meta term="start time" value={`${parent.startTime} ticks`} />
            {parent.args ? <Meta term="command" value={parent.args} wide /> : null}
          </dl>
          <AncestryBreadcrumb steps={parent.ancestry} />
        </div>
        {/* ACTIONS SLOT: the reap / terminate / kill controls for this parent go here (later issue). */}
        {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
      </div>
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

function Meta({ term, value, wide = false }: { term: string; value: string; wide?: boolean }) {
  return (
    <div className={`flex min-w-0 gap-1 ${wide ? "max-w-full basis-full" : ""}`}>
      <dt className="text-slate-400">{term}</dt>
      <dd className={`font-mono text-slate-700 ${wide ? "truncate" : ""}`} title={wide ? value : undefined}>
        <SafeText value={value} />
      </dd>
    </div>
  );
}
