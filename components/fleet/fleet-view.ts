// What the fleet page shows of its rows: filtering, sorting and the words for each state. Pure, so
// it is tested without a browser and runs over 5,000 rows on every keystroke.
import type { FleetRow, FleetScanResult, Risk } from "@/lib/shared/fleet/types";
import type { TriageCause } from "@/lib/shared/triage/types";

export type FleetFilter = { accountId: string; risk: Risk | ""; text: string };
export type FleetSort = "risk" | "zombies" | "pids" | "load" | "scanned" | "name";

export const RISK_WORD: Record<Risk, string> = { "at-risk": "At risk", failing: "Failing", healthy: "Healthy", unknown: "Not scanned" };

/** The verdict in a word or two, for a column. */
export const CAUSE_WORD: Record<TriageCause, string> = {
  "pid-exhaustion-zombies": "PIDs: zombies",
  "pid-exhaustion": "PIDs full",
  "cgroup-pid-limit": "cgroup limit",
  "user-process-limit": "user limit",
  "cpu-overload": "CPU overload",
  "io-stall": "I/O stall",
  none: "OK",
};

export function filterFleet(rows: readonly FleetRow[], f: FleetFilter): FleetRow[] {
  const text = f.text.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!f.accountId || (f.accountId === "none" ? r.server.accountId === null : r.server.accountId === f.accountId)) &&
      (!f.risk || r.risk === f.risk) &&
      (!text || r.server.name.toLowerCase().includes(text) || r.server.host.toLowerCase().includes(text) || r.reasons.some((x) => x.toLowerCase().includes(text))),
  );
}

const by = <T,>(key: (r: FleetRow) => T, cmp: (a: T, b: T) => number) => (a: FleetRow, b: FleetRow) => cmp(key(a), key(b));
const desc = (a: number, b: number) => b - a;

const SORTS: Record<Exclude<FleetSort, "risk">, (a: FleetRow, b: FleetRow) => number> = {
  zombies: by((r) => r.lastScan?.summary.zombies ?? -1, desc),
  pids: by((r) => r.lastScan?.summary.pidRatio ?? -1, desc),
  load: by((r) => r.lastScan?.summary.loadPerCpu ?? r.lastScan?.summary.loadAvg[0] ?? -1, desc),
  // Oldest scan first: what most needs a fresh look; never scanned before everything.
  scanned: by((r) => r.reachability?.lastAttemptAt ?? "", (a, b) => a.localeCompare(b)),
  name: by((r) => r.server.name, (a, b) => a.localeCompare(b)),
};

/** "risk" keeps the server's order (riskiest first); the others sort a copy, ties in that order. */
export function sortFleet(rows: readonly FleetRow[], sort: FleetSort): FleetRow[] {
  return sort === "risk" ? [...rows] : [...rows].sort(SORTS[sort]);
}

/**
 * A row with a fleet scan's fresh result laid over it, until the fleet is read again: the figures
 * and reachability change at once; the risk (which needs the thresholds) follows with the next read.
 */
export function withResult(row: FleetRow, r: FleetScanResult): FleetRow {
  const at = r.finishedAt ?? new Date().toISOString();
  if (r.status === "ok" && r.summary && r.scanId) {
    return { ...row, lastScan: { id: r.scanId, startedAt: at, summary: r.summary }, reachability: { lastAttemptAt: at, ok: true, error: null, failuresInRow: 0 } };
  }
  if (r.status === "error" && r.error) {
    return { ...row, reachability: { lastAttemptAt: at, ok: false, error: r.error, failuresInRow: (row.reachability?.failuresInRow ?? 0) + 1 } };
  }
  return row;
}
