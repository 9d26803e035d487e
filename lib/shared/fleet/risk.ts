// Which servers need someone first: the alert rules (lib/shared/alerts) on each server's last scan
// and reachability, with its account's thresholds, then an order for the fleet page.
import { DEFAULT_THRESHOLDS } from "@/lib/shared/alerts/defaults";
import { alertReasons } from "@/lib/shared/alerts/evaluate";
import { judgedInputs } from "@/lib/shared/alerts/scan-facts";
import type { Thresholds } from "@/lib/shared/alerts/types";
import type { FleetSummary, Reachability, Risk } from "@/lib/shared/fleet/types";
import type { TriageCause } from "@/lib/shared/triage/types";

/**
 * Verdicts that mark a server at risk: the process table (or a slice of it) running out. CPU and
 * I/O load show in the row's verdict but do not rank it: they come and go with traffic, and the
 * fleet page is where zombies pile up.
 */
const PID_CAUSES: ReadonlySet<TriageCause> = new Set(["pid-exhaustion-zombies", "pid-exhaustion", "cgroup-pid-limit", "user-process-limit"]);

export type RiskInput = { summary: FleetSummary | null; reachability: Reachability | null };

/**
 * at-risk: an alert threshold is crossed (the same rules, and the same thresholds, that alert
 * webhooks), or the triage blames running out of PIDs for 503s; failing: the last attempt failed,
 * not yet often enough to alert; healthy: the last attempt worked and nothing is crossed; unknown:
 * never scanned.
 */
export function assessRisk({ summary, reachability }: RiskInput, thresholds: Thresholds = DEFAULT_THRESHOLDS): { risk: Risk; reasons: string[] } {
  const failing = reachability !== null && !reachability.ok;
  const reasons = alertReasons(thresholds, judgedInputs(summary, reachability)).map((r) => r.text);
  if (summary && PID_CAUSES.has(summary.cause)) reasons.push(summary.verdict);
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
