import { pidHeadroom } from "@/components/panel/panel-words";
import type { PidGauge } from "@/lib/shared/triage/types";

const TONE = { ok: "bg-emerald-500", warn: "bg-amber-500", critical: "bg-red-600", unknown: "bg-slate-400" } as const;

/** How close the server is to running out of process IDs, with a bar. */
export function PidHeadroom({ gauge }: { gauge: PidGauge }) {
  const words = pidHeadroom(gauge);
  const width = Math.min(100, Math.max(1, Math.round(gauge.ratio * 100)));
  return (
    <section data-testid="pid-headroom" aria-labelledby="pid-headroom-title" className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <h2 id="pid-headroom-title" className="text-sm font-semibold text-slate-900">
        {words.title}
      </h2>
      <div className="mt-2 h-2 w-full overflow-hidden rounded-full bg-slate-100" role="img" aria-label={`${width}% of process IDs in use`}>
        <div className={`h-full ${TONE[words.level]}`} style={{ width: `${width}%` }} />
      </div>
      <p className="mt-2 text-sm text-slate-700">{words.text}</p>
    </section>
  );
}
