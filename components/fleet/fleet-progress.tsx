"use client";

import type { FleetScanLive } from "@/lib/client/use-fleet";

/** The running (or just finished) fleet scan: how many servers answered, how many failed. */
export function FleetProgress({ live }: { live: FleetScanLive }) {
  const { total, done, failed } = live.progress;
  const share = total > 0 ? (done / total) * 100 : 0;
  return (
    <div data-testid="fleet-progress" role="status" aria-live="polite" className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
      <div className="flex justify-between">
        <span>
          {live.running ? "Scanning: " : "Scan finished: "}
          <span data-testid="fleet-progress-done">{done}</span> of {total} servers answered{failed > 0 ? `, ${failed} failed` : ""}.
        </span>
        {live.error ? <span className="text-red-700">{live.error}</span> : null}
      </div>
      <div className="mt-1.5 h-1.5 rounded bg-slate-100">
        <div className={`h-1.5 rounded ${failed > 0 ? "bg-amber-500" : "bg-emerald-500"} transition-[width]`} style={{ width: `${share}%` }} />
      </div>
    </div>
  );
}
