// A process's age and start from the scan's own clock: uptime minus the start time (ticks since boot).
import type { HostFacts, Process } from "@/lib/shared/scan/types";

/** Whole seconds the process had run at the time of the scan; null without the host's uptime. */
export function processAgeSeconds(p: Pick<Process, "startTime">, host: Pick<HostFacts, "uptimeSeconds" | "clockTicks"> | undefined): number | null {
  if (!host || host.uptimeSeconds === null || host.clockTicks <= 0) return null;
  return Math.max(0, Math.floor(host.uptimeSeconds - p.startTime / host.clockTicks));
}

/** When it started, as an ISO time: the scan's start minus the age. */
export function processStartIso(ageSeconds: number | null, scanStartedAt: string): string | null {
  if (ageSeconds === null) return null;
  const t = new Date(scanStartedAt).getTime() - ageSeconds * 1000;
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** The kernel's state letters in words. */
export const STATE_WORDS: Record<string, string> = {
  R: "running",
  S: "sleeping",
  D: "waiting on I/O (uninterruptible)",
  Z: "zombie",
  T: "stopped",
  t: "stopped by a debugger",
  I: "idle kernel thread",
  X: "dead",
};
