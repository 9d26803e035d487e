// Which servers need someone first. The rules and their default thresholds live here and nowhere
// else; callers may pass other thresholds (an account's own, say) with the same meaning.
import { formatCount } from "@/lib/shared/format/numbers";
import type { FleetSummary, Reachability, Risk } from "@/lib/shared/fleet/types";
import { PRESSURE_WARN } from "@/lib/shared/triage/thresholds";
import type { TriageCause } from "@/lib/shared/triage/types";
import { duration, percent } from "@/lib/shared/triage/words";

export type RiskThresholds = {
  /** More zombies than this on one server. */
  zombies: number;
  /** PID use (of the ceiling that runs out first) at or above this share. */
  pidUse: number;
  /** A zombie older than this many seconds: its parent is not reaping, and the pile only grows. */
  zombieAgeSeconds: number;
  /** Unreachable this many scans running: no longer a blip. */
  unreachableInRow: number;
};

export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = {
  // A busy web server makes short-lived zombies all the time; a hundred at one moment is a leak.
  zombies: 100,
  // The triage's own warning line: one burst of workers away from fork() failing.
  pidUse: PRESSURE_WARN,
  zombieAgeSeconds: 60 * 60,
  unreachableInRow: 3,
};

/**
 * Verdicts that mark a server at risk: the process table (or a slice of it) running out. CPU and
 * I/O load show in the row's verdict but do not rank it: they come and go with traffic, and the
 * fleet page is where zombies pile up.
 */
const PID_CAUSES: ReadonlySet<TriageCause> = new Set(["pid-exhaustion-zombies", "pid-exhaustion", "cgroup-pid-limit", "user-process-limit"]);

export type RiskInput = { summary: FleetSummary | null; reachability: Reachability | null };

/**
 * at-risk: a threshold is crossed (on the last good scan, or unreachable K times running), or the
 * triage blames running out of PIDs for 503s; failing: the last attempt failed (fewer than K times);
 * healthy: the last attempt worked and nothing is crossed; unknown: never scanned.
 */
export function assessRisk({ summary, reachability }: RiskInput, t: RiskThresholds = DEFAULT_RISK_THRESHOLDS): { risk: Risk; reasons: string[] } {
  const reasons: string[] = [];
  const failing = reachability !== null && !reachability.ok;
  if (failing && reachability.failuresInRow >= t.unreachableInRow) {
    reasons.push(`Unreachable ${reachability.failuresInRow} scans running (${reachability.error?.code ?? "error"}).`);
  }
  if (summary) {
    if (summary.pidRatio >= t.pidUse) reasons.push(`${percent(summary.pidRatio)} of the PID limit in use (${formatCount(summary.pidsInUse)} of ${formatCount(summary.pidLimit)}).`);
    if (summary.zombies > t.zombies) reasons.push(`${formatCount(summary.zombies)} zombies (more than ${formatCount(t.zombies)}).`);
    if (summary.oldestZombieAgeSeconds !== null && summary.oldestZombieAgeSeconds > t.zombieAgeSeconds) {
      reasons.push(`A zombie ${duration(summary.oldestZombieAgeSeconds)} old (over ${duration(t.zombieAgeSeconds)}).`);
    }
    if (PID_CAUSES.has(summary.cause)) reasons.push(summary.verdict);
  }
  if (reasons.length > 0) return { risk: "at-risk", reasons };
  if (failing) return { risk: "failing", reasons: [`The last scan failed (${reachability.error?.code ?? "error"}): ${reachability.error?.message ?? ""}`.trim()] };
  if (summary) return { risk: "healthy", reasons: [] };
  return { risk: "unknown", reasons: ["Not scanned yet."] };
}

const RANK: Record<Risk, number> = { "at-risk": 0, failing: 1, healthy: 2, unknown: 3 };

export type Ranked = { risk: Risk; reasons: string[]; summary: FleetSummary | null; failuresInRow: number; name: string };

/** Riskiest first: by risk, then the more reasons, fuller PID table, more zombies, longer failing; then by name. */
export function compareRisk(a: Ranked, b: Ranked): number {
  return (
    RANK[a.risk] - RANK[b.risk] ||
    b.reasons.length - a.reasons.length ||
    (b.summary?.pidRatio ?? 0) - (a.summary?.pidRatio ?? 0) ||
    (b.summary?.zombies ?? 0) - (a.summary?.zombies ?? 0) ||
    b.failuresInRow - a.failuresInRow ||
    a.name.localeCompare(b.name)
  );
}
