import "server-only";
import { isAppError } from "@/lib/shared/errors/app-error";
import { findAlertState, saveAlertState } from "@/lib/server/db/alerts";
import { nowIso } from "@/lib/server/db/ids";
import type { StoredServer } from "@/lib/server/db/servers";
import { log } from "@/lib/server/log";
import { thresholdsFor } from "@/lib/server/alerts/thresholds";
import { notifyWebhooks } from "@/lib/server/webhooks/service";
import { alertReasons } from "@/lib/shared/alerts/evaluate";
import { scanFacts } from "@/lib/shared/alerts/scan-facts";
import type { AlertState, ScanFailure } from "@/lib/shared/alerts/types";
import type { Scan } from "@/lib/shared/scan/types";

export type ScanOutcome = { scan: Scan } | { error: unknown };

function failureOf(error: unknown, at: string): ScanFailure {
  // An unexpected error's text may hold paths or hostnames of Reaper's own machine: not kept.
  return isAppError(error) ? { code: error.code, message: error.message, at } : { code: "INTERNAL", message: "Reaper failed unexpectedly (see the server log).", at };
}

async function evaluate(server: StoredServer, outcome: ScanOutcome): Promise<{ before: AlertState | undefined; after: AlertState }> {
  const before = await findAlertState(server.id);
  const at = nowIso();
  const ok = "scan" in outcome;
  const lastScan = ok ? scanFacts(outcome.scan) : (before?.lastScan ?? null);
  const failuresInRow = ok ? 0 : (before?.failuresInRow ?? 0) + 1;
  const lastFailure = ok ? (before?.lastFailure ?? null) : failureOf(outcome.error, at);
  const reasons = alertReasons(await thresholdsFor(server.accountId), { lastScan, failuresInRow, lastFailure: ok ? null : lastFailure });
  const atRisk = reasons.length > 0;
  const since = atRisk ? (before?.atRisk ? before.since : at) : null;
  const after: AlertState = { serverId: server.id, atRisk, reasons, since, failuresInRow, lastFailure, lastScan, evaluatedAt: at };
  await saveAlertState(after);
  return { before, after };
}

/**
 * Runs after every stored scan and every failed one (the scan service's one hook): the server's
 * alert state is judged afresh, and webhooks hear when it turns at risk or recovers. An alerting
 * problem is logged, never turned into a failed scan.
 */
export function afterScan(server: StoredServer, outcome: ScanOutcome): Promise<void> {
  // One server's outcomes are judged one after another, so two scans finishing together cannot
  // both read the same count of failures in a row.
  const g = globalThis as WithChains;
  const chains = (g[chainsKey] ??= new Map());
  const run = (chains.get(server.id) ?? Promise.resolve()).then(() => judge(server, outcome));
  chains.set(server.id, run);
  void run.finally(() => {
    if (chains.get(server.id) === run) chains.delete(server.id);
  });
  return run;
}

const chainsKey = Symbol.for("reaper.alert-chains");
type WithChains = typeof globalThis & { [chainsKey]?: Map<string, Promise<void>> };

async function judge(server: StoredServer, outcome: ScanOutcome): Promise<void> {
  try {
    const { before, after } = await evaluate(server, outcome);
    const wasAtRisk = before?.atRisk ?? false;
    if (after.atRisk === wasAtRisk) return;
    const event = after.atRisk ? "server.at-risk" : "server.recovered";
    const told = await notifyWebhooks(event, server, after);
    log.info("alerts.changed", { serverId: server.id, event, webhooks: told, reasons: after.reasons.map((r) => r.kind) });
  } catch (e) {
    log.error("alerts.evaluation_failed", { serverId: server.id, error: e instanceof Error ? e.stack : String(e) });
  }
}
