// A scan reduced to the figures of its fleet row, from the triage the scan carries.
import type { ScanData } from "@/lib/shared/scan/types";
import { buildTriage } from "@/lib/shared/triage/build-triage";
import type { FleetSummary } from "@/lib/shared/fleet/types";

export function fleetSummaryOf(scan: ScanData): FleetSummary {
  const triage = scan.triage ?? buildTriage(scan);
  const { pids, load, oldestZombie } = triage.gauges;
  return {
    ...scan.summary,
    pidLimit: pids.limit,
    pidRatio: pids.ratio,
    pidLevel: pids.level,
    loadPerCpu: load.perCpu,
    loadLevel: load.level,
    cause: triage.verdict.cause,
    verdict: triage.verdict.text,
    oldestZombieAgeSeconds: oldestZombie.ageSeconds,
  };
}
