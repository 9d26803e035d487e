import type { Thresholds } from "@/lib/shared/alerts/types";
import { PRESSURE_CRITICAL } from "@/lib/shared/triage/thresholds";

// The thresholds a server has until an admin sets others. Each is a judgment, so each says why.
export const DEFAULT_THRESHOLDS: Thresholds = {
  // A healthy web server has none or a handful for a moment; a hundred is a parent that stopped
  // waiting for its children, and it only grows until PIDs run out.
  zombiesAbove: 100,
  // The triage calls PID use critical from here: one burst of new workers takes the rest.
  pidUsePercentAbove: Math.round(PRESSURE_CRITICAL * 100),
  // A zombie is normally collected within milliseconds; one an hour old will not be collected
  // unless something changes.
  zombieAgeMinutesAbove: 60,
  // One failed scan is often a blip (a restart, a busy sshd); three in a row is an outage.
  failedScansInRow: 3,
};

export const THRESHOLD_LIMITS = {
  zombiesAbove: { min: 0, max: 4_194_304 },
  pidUsePercentAbove: { min: 1, max: 99 },
  zombieAgeMinutesAbove: { min: 1, max: 525_600 },
  failedScansInRow: { min: 1, max: 100 },
} as const satisfies Record<keyof Thresholds, { min: number; max: number }>;
