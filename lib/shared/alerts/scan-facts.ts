// What alerting knows of a server comes from its scan status (the last scan that worked and the
// failures since), the one record of those facts; these turn that record into alerting's terms.
import type { AlertInputs } from "@/lib/shared/alerts/evaluate";
import type { ScanFacts, ScanFailure } from "@/lib/shared/alerts/types";
import type { FleetSummary, Reachability } from "@/lib/shared/fleet/types";

export type LastGoodScan = { id: string; startedAt: string; summary: FleetSummary };

/** The few figures thresholds compare, from the last good scan's fleet summary. */
export function scanFacts(scan: LastGoodScan): ScanFacts {
  const { summary } = scan;
  return {
    scanId: scan.id,
    scannedAt: scan.startedAt,
    zombies: summary.zombies,
    // The triage's share of the lower of pid_max and threads-max.
    pidUse: summary.pidRatio,
    oldestZombieAgeSeconds: summary.oldestZombieAgeSeconds,
    verdict: summary.verdict,
  };
}

/** The failure the server is in now, if its last attempt failed (null once a scan works). */
export function currentFailure(reachability: Reachability | null): ScanFailure | null {
  return reachability && !reachability.ok && reachability.error ? { ...reachability.error, at: reachability.lastAttemptAt } : null;
}

/** Everything the thresholds are judged on, from a server's scan status (none: never attempted). */
export function alertInputsOf(status: { lastScan: LastGoodScan | null; reachability: Reachability | null } | undefined): AlertInputs & { lastScan: ScanFacts | null } {
  return {
    lastScan: status?.lastScan ? scanFacts(status.lastScan) : null,
    failuresInRow: status?.reachability?.failuresInRow ?? 0,
    lastFailure: currentFailure(status?.reachability ?? null),
  };
}
