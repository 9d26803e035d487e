// The 503 triage of one scan, from its ScanData alone: pure, so the pages can rebuild it from a
// stored scan and the tests can drive it from hand-made ones.
import type { ScanData } from "@/lib/shared/scan/types";
import { loadGauge, statesGauge, topCpuGauge, topMemoryGauge, zombieAgeGauge } from "@/lib/shared/triage/activity-gauges";
import { cgroupGauges, pidGauge, userGauges } from "@/lib/shared/triage/limit-gauges";
import { diagnoseParents } from "@/lib/shared/triage/reap";
import type { Triage } from "@/lib/shared/triage/types";
import { decideVerdict } from "@/lib/shared/triage/verdict";

export function buildTriage(scan: ScanData): Triage {
  const gauges = {
    pids: pidGauge(scan),
    users: userGauges(scan),
    cgroups: cgroupGauges(scan),
    load: loadGauge(scan),
    states: statesGauge(scan),
    topCpu: topCpuGauge(scan),
    topMemory: topMemoryGauge(scan),
    oldestZombie: zombieAgeGauge(scan),
  };
  return { verdict: decideVerdict(scan, gauges), gauges, parents: diagnoseParents(scan.parents) };
}
