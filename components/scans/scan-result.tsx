"use client";

import { useMemo } from "react";
import { EarlierOutcomes } from "@/components/actions/earlier-outcomes";
import { ParentActions } from "@/components/actions/parent-actions";
import { ParentPanel } from "@/components/actions/parent-panel";
import { CheckByHand } from "@/components/scans/check-by-hand";
import { CommandCostHint } from "@/components/scans/command-cost-hint";
import { CommandsRun } from "@/components/scans/commands-run";
import { ScanHealthy } from "@/components/scans/scan-healthy";
import { ScanNotes } from "@/components/scans/scan-notes";
import { ScanSummary } from "@/components/scans/scan-summary";
import { ZombieGroups } from "@/components/scans/zombie-groups";
import { HostTree } from "@/components/tree/host-tree";
import { ParentTree } from "@/components/tree/parent-tree";
import { TriagePanel } from "@/components/triage/triage-panel";
import { RelativeTime } from "@/components/ui/relative-time";
import type { Role } from "@/lib/shared/auth/types";
import { formatDuration, formatUtc } from "@/lib/shared/format/time";
import type { Parent, Process, Scan } from "@/lib/shared/scan/types";
import { buildForest } from "@/components/tree/forest";

type Props = {
  scan: Scan;
  isLatest: boolean;
  onShowLatest: () => void;
  /** The viewer's role: with it, the latest scan offers the actions the role may send. */
  role?: Role;
  /** Scans the server again (after an action, or when the process changed). */
  onScanAgain?: () => void;
};

/** Everything one scan found: the numbers, notes, the zombies by parent (with their actions), and how to check by hand. */
export function ScanResult({ scan, isLatest, onShowLatest, role, onScanAgain }: Props) {
  const canAct = role !== undefined && isLatest;
  const actions = canAct
    ? (parent: Parent) => <ParentActions serverId={scan.serverId} parent={parent} processes={scan.processes} role={role} onScanAgain={onScanAgain} />
    : undefined;
  const forest = useMemo(() => buildForest(scan.processes), [scan.processes]);
  const zombiesOf = useMemo(() => {
    const by = new Map<number, Process[]>();
    for (const z of scan.zombies) {
      const list = by.get(z.ppid);
      if (list) list.push(z);
      else by.set(z.ppid, [z]);
    }
    return by;
  }, [scan.zombies]);
  const diagnoses = useMemo(() => new Map((scan.triage?.parents ?? []).map((d) => [d.pid, d])), [scan.triage]);
  // Under each parent's header: its tree and reap prediction, then (latest scan) what the last action did.
  const panel = (parent: Parent) => (
    <div className="space-y-2">
      <ParentTree parent={parent} forest={forest} zombies={zombiesOf.get(parent.pid) ?? []} diagnosis={diagnoses.get(parent.pid)} />
      {canAct ? <ParentPanel serverId={scan.serverId} parent={parent} onScanAgain={onScanAgain} scanId={scan.id} /> : null}
    </div>
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-xs text-slate-500">
        <p>
          {isLatest ? "Latest scan" : "Older scan"}: <RelativeTime iso={scan.startedAt} className="text-slate-800" /> ({formatUtc(scan.startedAt)}), took{" "}
          {formatDuration(scan.durationMs)}
          {role !== undefined && !isLatest ? " · actions are offered on the latest scan only" : null}
        </p>
        {!isLatest ? (
          <button type="button" onClick={onShowLatest} className="rounded font-medium text-blue-700 hover:underline">
            Show the latest scan
          </button>
        ) : null}
      </div>
      {scan.triage ? <TriagePanel triage={scan.triage} commands={scan.commands} /> : null}
      <ScanSummary summary={scan.summary} />
      <ScanNotes notes={scan.notes ?? []} psPending={scan.psPending} pstreePending={scan.pstreePending} />
      <CommandCostHint commandCostMs={scan.commandCostMs} />
      {canAct ? <EarlierOutcomes scan={scan} /> : null}
      {scan.summary.zombies === 0 && scan.parents.length === 0 ? (
        <ScanHealthy processes={scan.summary.processes} />
      ) : (
        <ZombieGroups scan={scan} renderParentActions={actions} renderParentPanel={panel} />
      )}
      <HostTree key={scan.id} scan={scan} forest={forest} />
      <CheckByHand zombiePid={scan.zombies[0]?.pid ?? null} />
      <CommandsRun commands={scan.commands} />
    </div>
  );
}
