// One scale for every used-against-limit gauge (PIDs, a user's processes, a cgroup's PIDs).
import { PRESSURE_CRITICAL, PRESSURE_WARN } from "@/lib/shared/triage/thresholds";
import type { Level } from "@/lib/shared/triage/types";

/** The level of a used/limit ratio; "unknown" when there is no ratio. */
export function pressureLevel(ratio: number | null): Level {
  if (ratio === null) return "unknown";
  if (ratio >= PRESSURE_CRITICAL) return "critical";
  return ratio >= PRESSURE_WARN ? "warn" : "ok";
}
