// Whether a server is at risk: its latest facts against its thresholds. Pure, so the scan hook,
// the pages and the tests all judge the same way.
import { formatCount, plural } from "@/lib/shared/format/numbers";
import type { AlertReason, ScanFacts, ScanFailure, Thresholds } from "@/lib/shared/alerts/types";
import { duration } from "@/lib/shared/triage/words";

export type AlertInputs = {
  /** The last successful scan's figures; null when the server was never scanned successfully. */
  lastScan: Pick<ScanFacts, "zombies" | "pidUse" | "oldestZombieAgeSeconds"> | null;
  /** Scans that failed since the last successful one. */
  failuresInRow: number;
  lastFailure: ScanFailure | null;
};

function scanReasons(t: Thresholds, s: NonNullable<AlertInputs["lastScan"]>): AlertReason[] {
  const out: AlertReason[] = [];
  if (t.zombiesAbove !== null && s.zombies > t.zombiesAbove) {
    out.push({ kind: "zombies", text: `${plural(s.zombies, "zombie")}, more than the ${formatCount(t.zombiesAbove)} allowed` });
  }
  const percent = Math.round(s.pidUse * 1000) / 10;
  if (t.pidUsePercentAbove !== null && percent > t.pidUsePercentAbove) {
    out.push({ kind: "pid-use", text: `${percent}% of the PID limit in use, above ${t.pidUsePercentAbove}%` });
  }
  const age = s.oldestZombieAgeSeconds;
  if (t.zombieAgeMinutesAbove !== null && age !== null && s.zombies > 0 && age > t.zombieAgeMinutesAbove * 60) {
    out.push({ kind: "zombie-age", text: `a zombie has waited ${duration(age)} for its parent, longer than ${duration(t.zombieAgeMinutesAbove * 60)}` });
  }
  return out;
}

/**
 * The reasons a server is at risk, most urgent first: failed scans (nothing else is current then),
 * then the last successful scan's figures. A failed scan keeps the figures of the last good one.
 */
export function alertReasons(t: Thresholds, input: AlertInputs): AlertReason[] {
  const out: AlertReason[] = [];
  if (t.failedScansInRow !== null && input.failuresInRow >= t.failedScansInRow) {
    const why = input.lastFailure ? `, the last with ${input.lastFailure.code}: ${input.lastFailure.message}` : "";
    out.push({ kind: "failed-scans", text: `${plural(input.failuresInRow, "scan")} in a row failed${why}` });
  }
  if (input.lastScan) out.push(...scanReasons(t, input.lastScan));
  return out;
}
