"use client";

import { CheckByHand } from "@/components/scans/check-by-hand";
import { CommandsRun } from "@/components/scans/commands-run";
import { ScanHealthy } from "@/components/scans/scan-healthy";
import { ScanNotes } from "@/components/scans/scan-notes";
import { ScanSummary } from "@/components/scans/scan-summary";
import { ZombieGroups } from "@/components/scans/zombie-groups";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDuration, formatUtc } from "@/lib/format/time";
import type { Scan } from "@/lib/procs/types";

/** Everything one scan found: the numbers, notes, the zombies by parent, and how to check by hand. */
export function ScanResult({ scan, isLatest, onShowLatest }: { scan: Scan; isLatest: boolean; onShowLatest: () => void }) {
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-xs text-slate-500">
        <p>
          {isLatest ? "Latest scan" : "Older scan"}: <RelativeTime iso={scan.startedAt} className="text-slate-800" /> ({formatUtc(scan.startedAt)}), took{" "}
          {formatDuration(scan.durationMs)}
        </p>
        {!isLatest ? (
          <button type="button" onClick={onShowLatest} className="rounded font-medium text-blue-700 hover:underline">
            Show the latest scan
          </button>
        ) : null}
      </div>
      <ScanSummary summary={scan.summary} />
      <ScanNotes notes={scan.notes ?? []} />
      {scan.summary.zombies === 0 && scan.parents.length === 0 ? <ScanHealthy processes={scan.summary.processes} /> : <ZombieGroups scan={scan} />}
      <CheckByHand zombiePid={scan.zombies[0]?.pid ?? null} />
      <CommandsRun commands={scan.commands} />
    </div>
  );
}
