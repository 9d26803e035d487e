"use client";

import type { ReactNode } from "react";
import { ReapPrediction } from "@/components/tree/reap-prediction";
import { ZombieNode } from "@/components/tree/zombie-node";
import { SafeText } from "@/components/ui/safe-text";
import { formatCount } from "@/lib/shared/format/numbers";
import { visibleText } from "@/lib/shared/format/visible-text";
import type { AncestryStep, Parent, Process } from "@/lib/shared/scan/types";
import type { ParentDiagnosis } from "@/lib/shared/triage/types";
import { ancestorsOf, type Forest } from "@/components/tree/forest";

const LIVE_SHOWN = 8;

type Props = { parent: Parent; forest: Forest; zombies: Process[]; diagnosis: ParentDiagnosis | undefined };

function Node({ depth, children, last = true }: { depth: number; children: ReactNode; last?: boolean }) {
  return (
    <li className="flex min-w-0 items-start gap-1" style={{ paddingLeft: depth * 14 }}>
      {depth > 0 ? (
        <span aria-hidden="true" className="shrink-0 text-slate-300">
          {last ? "└" : "├"}
        </span>
      ) : null}
      <div className="min-w-0">{children}</div>
    </li>
  );
}

/** The chain from PID 1 down to one zombie parent (what `pstree -s -p` shows), its zombies as one node, and its live children. */
export function ParentTree({ parent, forest, zombies, diagnosis }: Props) {
  const chain: AncestryStep[] =
    parent.ancestry.length > 0
      ? parent.ancestry.slice(0, -1)
      : ancestorsOf(forest, parent.pid).map((pid) => ({ pid, comm: forest.byPid.get(pid)?.comm ?? "?" }));
  const depth = chain.length;
  const live = (forest.children.get(parent.pid) ?? []).map((pid) => forest.byPid.get(pid)).filter((p): p is Process => !!p && !p.state.startsWith("Z"));
  return (
    <div data-testid="parent-tree" className="grid gap-3 rounded-md border border-slate-200 bg-slate-50/60 px-3 py-2 md:grid-cols-[minmax(0,1fr)_minmax(0,18rem)]">
      <ul aria-label={visibleText(`Process tree of ${parent.comm} (${parent.pid})`)} className="min-w-0 overflow-x-auto font-mono text-xs text-slate-600">
        {chain.map((s, i) => (
          <Node key={`${s.pid}-${i}`} depth={i}>
            <SafeText value={s.comm} /> ({s.pid})
          </Node>
        ))}
        <Node depth={depth}>
          <span className="rounded bg-red-100 px-1 font-semibold text-red-900">
            <SafeText value={parent.comm} /> ({parent.pid})
          </span>{" "}
          <span className="font-sans text-[11px] text-red-800">← the process that should collect these</span>
        </Node>
        <Node depth={depth + 1} last={live.length === 0}>
          <ZombieNode zombies={zombies} total={parent.zombieCount} />
        </Node>
        {live.slice(0, LIVE_SHOWN).map((c, i) => (
          <Node key={c.pid} depth={depth + 1} last={i === Math.min(live.length, LIVE_SHOWN) - 1 && live.length <= LIVE_SHOWN}>
            <SafeText value={c.comm} /> ({c.pid})
          </Node>
        ))}
        {live.length > LIVE_SHOWN ? (
          <Node depth={depth + 1}>
            <span className="font-sans text-slate-500">and {formatCount(live.length - LIVE_SHOWN)} more live children (see All processes)</span>
          </Node>
        ) : null}
      </ul>
      {diagnosis ? <ReapPrediction diagnosis={diagnosis} /> : null}
    </div>
  );
}
