import "server-only";
import { findAlertJudgment, saveAlertJudgment, type AlertJudgment } from "@/lib/server/db/alerts";
import { nowIso } from "@/lib/server/db/ids";
import { scanStatuses } from "@/lib/server/db/scan-status";
import type { StoredServer } from "@/lib/server/db/servers";
import { log } from "@/lib/server/log";
import { thresholdsFor } from "@/lib/server/alerts/thresholds";
import { notifyWebhooks } from "@/lib/server/webhooks/service";
import { alertReasons } from "@/lib/shared/alerts/evaluate";
import { alertInputsOf } from "@/lib/shared/alerts/scan-facts";
import type { AlertState } from "@/lib/shared/alerts/types";

/** The server's judgment now, from the facts its scan status holds (just written by the scan). */
async function evaluate(server: StoredServer): Promise<{ before: AlertJudgment | undefined; after: AlertState }> {
  const [before, statuses] = await Promise.all([findAlertJudgment(server.id), scanStatuses([server.id])]);
  const inputs = alertInputsOf(statuses.get(server.id));
  const at = nowIso();
  const reasons = alertReasons(await thresholdsFor(server.accountId), inputs);
  const atRisk = reasons.length > 0;
  const judgment: AlertJudgment = { serverId: server.id, atRisk, reasons, since: atRisk ? (before?.atRisk ? before.since : at) : null, evaluatedAt: at };
  await saveAlertJudgment(judgment);
  return { before, after: { ...judgment, ...inputs } };
}

/**
 * Runs after every stored scan and every failed one, once its scan status is recorded (the scan
 * service's one hook): the server is judged afresh, and webhooks hear when it turns at risk or
 * recovers. An alerting problem is logged, never turned into a failed scan.
 */
export function afterScan(server: StoredServer): Promise<void> {
  // One server's outcomes are judged one after another, so two scans finishing together cannot
  // both read the same count of failures in a row.
  const g = globalThis as WithChains;
  const chains = (g[chainsKey] ??= new Map());
  const run = (chains.get(server.id) ?? Promise.resolve()).then(() => judge(server));
  chains.set(server.id, run);
  void run.finally(() => {
    if (chains.get(server.id) === run) chains.delete(server.id);
  });
  return run;
}

const chainsKey = Symbol.for("reaper.alert-chains");
type WithChains = typeof globalThis & { [chainsKey]?: Map<string, Promise<void>> };

async function judge(server: StoredServer): Promise<void> {
  try {
    const { before, after } = await evaluate(server);
    const wasAtRisk = before?.atRisk ?? false;
    if (after.atRisk === wasAtRisk) return;
    const event = after.atRisk ? "server.at-risk" : "server.recovered";
    const told = await notifyWebhooks(event, server, after);
    log.info("alerts.changed", { serverId: server.id, event, webhooks: told, reasons: after.reasons.map((r) => r.kind) });
  } catch (e) {
    log.error("alerts.evaluation_failed", { serverId: server.id, error: e instanceof Error ? e.stack : String(e) });
  }
}
