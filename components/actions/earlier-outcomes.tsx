"use client";

import { forgetLast, memoryKey, useActionMemory } from "@/components/actions/action-memory";
import { ActionOutcome } from "@/components/actions/action-outcome";
import type { Scan } from "@/lib/shared/scan/types";

/** Outcomes of actions on parents this scan no longer shows (they ended): kept on screen after a re-scan. */
export function EarlierOutcomes({ scan }: { scan: Scan }) {
  const memory = useActionMemory();
  const shown = new Set(scan.parents.map((p) => memoryKey(scan.serverId, p)));
  const gone = [...memory.values()]
    .filter((m) => m.serverId === scan.serverId && !shown.has(m.key) && m.last !== null && "result" in m.last)
    .sort((a, b) => b.at - a.at);
  if (gone.length === 0) return null;
  return (
    <section aria-label="Actions earlier on this page" className="space-y-2">
      <h2 className="text-sm font-semibold text-slate-900">Earlier on this page</h2>
      {gone.map((m) =>
        m.last && "result" in m.last ? <ActionOutcome key={m.key} result={m.last.result} rescanned onDismiss={() => forgetLast(m.serverId, m)} /> : null,
      )}
    </section>
  );
}
