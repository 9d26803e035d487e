import type { ScanFacts } from "@/lib/shared/alerts/types";
import type { Scan } from "@/lib/shared/scan/types";

/** What alerting keeps of a scan: the few figures thresholds compare, not the process table. */
export function scanFacts(scan: Scan): ScanFacts {
  const { summary } = scan;
  // The triage's gauge divides by the lower of pid_max and threads-max; older scans lack it.
  const pidUse = scan.triage?.gauges.pids.ratio ?? (summary.pidMax > 0 ? summary.pidsInUse / summary.pidMax : 0);
  return {
    scanId: scan.id,
    scannedAt: scan.startedAt,
    zombies: summary.zombies,
    pidUse,
    oldestZombieAgeSeconds: scan.host?.oldestZombieAgeSeconds ?? null,
    verdict: scan.triage?.verdict.text ?? null,
  };
}
