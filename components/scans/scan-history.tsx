"use client";

import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { plural } from "@/lib/shared/format/numbers";
import { formatDuration } from "@/lib/shared/format/time";
import type { ScanListItem } from "@/lib/shared/scan/types";

/** Recent scans, newest first; the one on screen is marked, another is one click away. */
export function ScanHistory({ scans, shownId, onShow }: { scans: ScanListItem[] | undefined; shownId: string | null; onShow: (id: string) => void }) {
  return (
    <section aria-labelledby="scan-history-title" className="rounded-lg border border-slate-200 bg-white">
      <h2 id="scan-history-title" className="border-b border-slate-200 px-3 py-2 text-sm font-semibold text-slate-900">
        Recent scans
      </h2>
      {!scans ? (
        <div className="space-y-2 p-3">
          <Skeleton />
          <Skeleton />
        </div>
      ) : scans.length === 0 ? (
        <p className="px-3 py-3 text-xs text-slate-500">No scans yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {scans.map((s) => {
            const current = s.id === shownId;
            return (
              <li key={s.id}>
                <button
                  type="button"
                  onClick={() => onShow(s.id)}
                  aria-current={current ? "true" : undefined}
                  className={`flex w-full items-center justify-between gap-2 px-3 py-1.5 text-left text-xs hover:bg-slate-50 ${current ? "bg-blue-50/70" : ""}`}
                >
                  <span className="min-w-0">
                    <RelativeTime iso={s.startedAt} className={`block ${current ? "font-semibold text-blue-900" : "text-slate-800"}`} />
                    <span className="text-slate-500">{formatDuration(s.durationMs)}</span>
                  </span>
                  <span className={`font-medium tabular-nums ${s.summary.zombies === 0 ? "text-emerald-700" : s.summary.zombies < 20 ? "text-amber-700" : "text-red-700"}`}>
                    {plural(s.summary.zombies, "zombie")}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
