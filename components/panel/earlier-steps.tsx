"use client";

import { useActionMemory } from "@/components/actions/action-memory";
import { WhatHappened } from "@/components/panel/what-happened";
import { SafeText } from "@/components/ui/safe-text";
import type { Parent } from "@/lib/shared/scan/types";

type Props = { serverId: string; shownParents: Parent[]; onCheckAgain: () => void };

/** What was done in this visit to programs the latest check no longer lists (they were fixed). */
export function EarlierSteps({ serverId, shownParents, onCheckAgain }: Props) {
  const shown = new Set(shownParents.map((p) => `${p.pid}:${p.startTime}`));
  const earlier = [...useActionMemory().values()]
    .filter((m) => m.serverId === serverId && !shown.has(`${m.pid}:${m.startTime}`) && m.last !== null && "result" in m.last)
    .sort((a, b) => b.at - a.at);
  if (earlier.length === 0) return null;
  return (
    <section aria-label="What you did" className="space-y-2">
      {earlier.map((m) =>
        m.last && "result" in m.last ? (
          <div key={m.key} className="space-y-1">
            <p className="text-xs text-slate-600">
              <span className="font-mono">
                <SafeText value={m.comm} />
              </span>
            </p>
            <WhatHappened result={m.last.result} onCheckAgain={onCheckAgain} />
          </div>
        ) : null,
      )}
    </section>
  );
}
