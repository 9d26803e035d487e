import "server-only";
import { after } from "next/server";
import { AppError, isAppError } from "@/lib/shared/errors/app-error";
import type { User } from "@/lib/shared/auth/types";
import { newId, nowIso } from "@/lib/server/db/ids";
import { insertScan } from "@/lib/server/db/scans";
import { recordScanFailure, recordScanOk, refreshLastScanSummary } from "@/lib/server/db/scan-status";
import type { StoredServer } from "@/lib/server/db/servers";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import { parseScanOutput, stepRunningAt } from "@/lib/server/scan/parse/parse-scan";
import { buildScanCommand } from "@/lib/server/scan/command/scan-command";
import { fleetSummaryOf } from "@/lib/shared/fleet/summary";
import type { Scan } from "@/lib/shared/scan/types";
import { requireStoredServer } from "@/lib/server/servers/service";
import { afterScan } from "@/lib/server/alerts/after-scan";
import { pinFirstSeenKeys } from "@/lib/server/servers/pin-seen-keys";
import { sshTargetOf } from "@/lib/server/servers/ssh-target";
import { runRemote } from "@/lib/server/ssh/remote";
import { planDetails, runDetails } from "@/lib/server/scan/details-step";
import { PSTREE_PARENTS } from "@/lib/server/scan/command/details-command";
import { PhaseTimer } from "@/lib/server/scan/phase-timer";

/**
 * One round trip to the server, parsed, stored as history, and returned as the contract's Scan. The
 * details step (ps, then pstree) follows once the answer has been sent (Next's `after`): it reads
 * the whole process table again, which on this 2-core lab cost more than the scan's own remote part.
 * It lands in the stored scan (`psPending` until then). Route handlers only: `after` needs a request.
 */
export async function runScan(viewer: User, serverId: string): Promise<Scan> {
  return scanServer(await requireStoredServer(viewer, serverId), {}, after);
}

/** Limits of one scan; the configured SSH timeouts when left out (fleet scans pass their per-host limit). */
export type ScanLimits = { connectTimeoutMs?: number; commandTimeoutMs?: number };

/**
 * Scans a server whoever asked (a person, the scheduler, a fleet scan; callers check who may) and
 * stores the scan. Every outcome, stored scan or failure, is recorded as the server's scan status
 * (reachability on the fleet page) and goes through alerting, here and nowhere else. With `later`
 * (someone waits for the answer), the details step starts from it once the scan is stored; when it
 * lands the status's figures are brought up to date and alerting runs. Without, the scan is
 * complete (details included) before it is recorded and returned.
 */
export async function scanServer(server: StoredServer, limits: ScanLimits = {}, later?: (work: () => void) => void): Promise<Scan> {
  let scan: Scan;
  let reused: boolean;
  let details: () => Promise<Scan>;
  const phases = new PhaseTimer();
  try {
    ({ scan, reused, details } = await scanOnce(server, limits, phases));
  } catch (e) {
    const error = isAppError(e) ? { code: e.code, message: e.message } : { code: "INTERNAL", message: "The scan failed inside Reaper (see its log)." };
    await recordScanFailure(server.id, error, nowIso()).catch((err: unknown) => log.error("scan.status_not_recorded", { serverId: server.id, error: String(err) }));
    await afterScan(server);
    throw e;
  }
  if (!later) scan = await details();
  await recordScanOk(server.id, { id: scan.id, startedAt: scan.startedAt, summary: fleetSummaryOf(scan) }, nowIso());
  if (later) later(() => void afterDetails(server, details));
  else await afterScan(server);
  phases.lap("status");
  log.info("scan.done", { serverId: server.id, scanId: scan.id, durationMs: scan.durationMs, reused, processes: scan.summary.processes, zombies: scan.summary.zombies, ...phases.ms });
  return scan;
}

/**
 * A person's scan once its details step has landed: the status's figures brought up to date, then
 * alerting, which waited for them so that the snapshot an alert sends shows users and command lines.
 */
async function afterDetails(server: StoredServer, details: () => Promise<Scan>): Promise<void> {
  try {
    const scan = await details();
    await refreshLastScanSummary(server.id, scan.id, fleetSummaryOf(scan));
    await afterScan(server);
  } catch (e) {
    log.warn("scan.status_not_refreshed", { serverId: server.id, error: String(e) });
  }
}

/** The stored scan, and its details step to start. */
async function scanOnce(server: StoredServer, limits: ScanLimits, phases: PhaseTimer): Promise<{ scan: Scan; reused: boolean; details: () => Promise<Scan> }> {
  const serverId = server.id;
  const target = await sshTargetOf(server);
  phases.lap("target");
  const clientTimeoutMs = limits.commandTimeoutMs ?? env().REAPER_SSH_COMMAND_TIMEOUT_MS;
  // The remote side gives up first, so a stuck ps ends on the server instead of lingering there.
  const timeoutSeconds = Math.max(1, Math.floor(clientTimeoutMs / 1000) - 2);
  const { command, commands } = buildScanCommand({ timeoutSeconds, pstreeParents: PSTREE_PARENTS });
  const startedAt = nowIso();
  const t0 = performance.now();
  const result = await runRemote(target, command, {
    label: "The scan",
    stepAt: stepRunningAt,
    persistentShell: true,
    timedOut: `The scan ran out of time on ${server.name} and was stopped there. The server may be overloaded; try again in a minute.`,
    commandTimeoutMs: clientTimeoutMs,
    connectTimeoutMs: limits.connectTimeoutMs,
  });
  const durationMs = Math.round(performance.now() - t0);
  phases.lap("remote");
  const parsed = parseScanOutput(result.stdout, commands);
  phases.lap("parse");
  if (!parsed.ok) {
    log.warn("scan.unparsable", { serverId, command: parsed.error.command, code: result.code, stderr: result.stderr.slice(0, 500) });
    throw new AppError("COMMAND_FAILED", `${parsed.error.message} (command: ${parsed.error.command})`, { command: parsed.error.command });
  }
  await pinFirstSeenKeys(server, result);
  const plan = planDetails(parsed.value, timeoutSeconds);
  const scan: Scan = { id: newId("scn"), serverId, startedAt, durationMs, ...plan.scan, commandCostMs: result.commandCostMs };
  await insertScan(scan);
  phases.lap("store");
  return { scan, reused: result.reused, details: () => runDetails(scan, target, plan.command, server.name) };
}
