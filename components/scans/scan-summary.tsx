import type { ReactNode } from "react";
import { formatCount, formatLoad, formatPercent } from "@/lib/shared/format/numbers";
import type { ScanSummary as Summary } from "@/lib/shared/scan/types";

function Stat({ label, children, tone = "" }: { label: string; children: ReactNode; tone?: string }) {
  return (
    <div className="min-w-0 px-4 py-2.5">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={`mt-0.5 text-lg font-semibold tabular-nums ${tone}`}>{children}</dd>
    </div>
  );
}

/** One row of numbers: zombies, processes, PIDs in use of pid_max, load average. */
export function ScanSummary({ summary }: { summary: Summary }) {
  const pidShare = summary.pidMax > 0 ? summary.pidsInUse / summary.pidMax : 0;
  const zombieTone = summary.zombies === 0 ? "text-emerald-700" : summary.zombies < 20 ? "text-amber-700" : "text-red-700";
  const [one, five, fifteen] = summary.loadAvg;
  return (
    <dl data-testid="summary" className="grid grid-cols-2 divide-slate-200 rounded-lg border border-slate-200 bg-white sm:grid-cols-4 sm:divide-x">
      <Stat label="Zombies" tone={zombieTone}>
        {formatCount(summary.zombies)}
      </Stat>
      <Stat label="Processes">{formatCount(summary.processes)}</Stat>
      <Stat label="PIDs in use" tone={pidShare >= 0.8 ? "text-red-700" : ""}>
        {formatCount(summary.pidsInUse)}
        <span className="ml-1 text-xs font-normal text-slate-500">
          of {formatCount(summary.pidMax)} ({formatPercent(summary.pidsInUse, summary.pidMax)})
        </span>
      </Stat>
      <Stat label="Load average 1 / 5 / 15 min">
        {formatLoad(one)} <span className="text-slate-400">/</span> {formatLoad(five)} <span className="text-slate-400">/</span> {formatLoad(fifteen)}
      </Stat>
    </dl>
  );
}
