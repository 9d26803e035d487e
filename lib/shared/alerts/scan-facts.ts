// What alerting knows of a server comes from its scan status (the last scan that worked and the
// failures since), the one record of those facts; these turn that record into alerting's terms.
import type { AlertInputs } from "@/lib/shared/alerts/evaluate";
import type { ScanFacts, ScanFailure } from "@/lib/shared/alerts/types";
import type { FleetSummary, Reachability } from "@/lib/shared/fleet/types";

export type LastGoodScan = { id: string; startedAt: string; summary: FleetSummary };

/** The figures thresholds compare, from the last good scan's fleet summary. */
function judgedFigures(summary: FleetSummary): NonNullable<AlertInputs["lastScan"]> {
  // pidRatio is the triage's share of the lower of pid_max and threads-max.
  return { zombies: summary.zombies, pidUse: summary.pidRatio, oldestZombieAgeSeconds: summary.oldestZombieAgeSeconds };
}

/** What alerting shows of the last good scan: the figures judged, which scan, and its verdict. */
export function scanFacts(scan: LastGoodScan): ScanFacts {
  return { scanId: scan.id, scannedAt: scan.startedAt, ...judgedFigures(scan.summary), verdict: scan.summary.verdict };
}

/** The failure the server is in now, if its last attempt failed (null once a scan works). */
export function currentFailure(reachability: Reachability | null): ScanFailure | null {
  return reachability && !reachability.ok && reachability.error ? { ...reachability.error, at: reachability.lastAttemptAt } : null;
}

/** Everything the thresholds are judged on: the last good scan's summary and how the attempts since went. */
export function judgedInputs(summary: FleetSummary | null, reachability: Reachability | null): AlertInputs {
  return { lastScan: summary && judgedFigures(summary), failuresInRow: reachability?.failuresInRow ?? 0, lastFailure: currentFailure(reachability) };
}

/** judgedInputs from a server's scan status (none: never attempted), with the last good scan's facts. */
export function alertInputsOf(status: { lastScan: LastGoodScan | null; reachability: Reachability | null } | undefined): AlertInputs & { lastScan: ScanFacts | null } {
  return { ...judgedInputs(status?.lastScan?.summary ?? null, status?.reachability ?? null), lastScan: status?.lastScan ? scanFacts(status.lastScan) : null };
}
