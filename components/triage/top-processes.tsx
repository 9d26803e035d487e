"use client";

import { GaugeCard } from "@/components/triage/gauge-card";
import { SafeText } from "@/components/ui/safe-text";
import { formatCount } from "@/lib/shared/format/numbers";
import { visibleText } from "@/lib/shared/format/visible-text";
import type { TopGauge } from "@/lib/shared/triage/types";

/** The top processes by %CPU or by RSS: the "inefficient programs" cause of a 503. */
export function TopProcesses({ title, gauge, by, commands }: { title: string; gauge: TopGauge; by: "cpu" | "rss"; commands: string[] }) {
  return (
    <GaugeCard title={title} sources={gauge.sources} commands={commands}>
      {gauge.processes.length === 0 ? (
        <p className="text-slate-500">
          <SafeText value={gauge.text} />
        </p>
      ) : (
        <ol className="space-y-0.5">
          {gauge.processes.map((p) => (
            <li key={p.pid} className="flex items-baseline gap-2" title={visibleText(`${p.comm} (${p.pid}), user ${p.user}`)}>
              <span className="w-14 shrink-0 text-right font-medium tabular-nums">
                {by === "cpu" ? (p.cpu === null ? "–" : `${p.cpu.toFixed(1)}%`) : p.rssKb === null ? "–" : `${formatCount(Math.round(p.rssKb / 1024))} MiB`}
              </span>
              <span className="min-w-0 truncate font-mono">
                <SafeText value={p.comm} />
              </span>
              <span className="shrink-0 font-mono text-slate-500">({p.pid})</span>
              <span className="ml-auto hidden max-w-20 min-w-0 truncate text-slate-500 2xl:inline">
                <SafeText value={p.user} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </GaugeCard>
  );
}
