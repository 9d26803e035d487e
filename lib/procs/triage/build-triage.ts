// The 503 triage of one scan, from its ScanData alone: pure, so the pages can rebuild it from a
// stored scan and the tests can drive it from hand-made ones.
import type { ScanData } from "@/lib/procs/types";
import { loadGauge, statesGauge, topCpuGauge, topMemoryGauge, zombieAgeGauge } from "@/lib/procs/triage/activity-gauges";
import { cgroupGauges, pidGauge, userGauges } from "@/lib/procs/triage/limit-gauges";
import { diagnoseParents } from "@/lib/procs/triage/reap";
import type { Triage } from "@/lib/procs/triage/types";
import { decideVerdict } from "@/lib/procs/triage/verdict";

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
