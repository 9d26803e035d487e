import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import type { User } from "@/lib/shared/auth/types";
import { newId, nowIso } from "@/lib/server/db/ids";
import { insertScan } from "@/lib/server/db/scans";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import { parseScanOutput, stepRunningAt } from "@/lib/server/scan/parse/parse-scan";
import { buildScanCommand } from "@/lib/server/scan/command/scan-command";
import type { Scan } from "@/lib/shared/scan/types";
import { requireStoredServer } from "@/lib/server/servers/service";
import type { StoredServer } from "@/lib/server/db/servers";
import { afterScan } from "@/lib/server/alerts/after-scan";
import { pinFirstSeenKeys } from "@/lib/server/servers/pin-seen-keys";
import { sshTargetOf } from "@/lib/server/servers/ssh-target";
import { runRemote } from "@/lib/server/ssh/remote";

/** One round trip to the server, parsed, stored as history, and returned as the contract's Scan. */
export async function runScan(viewer: User, serverId: string): Promise<Scan> {
  return scanServer(await requireStoredServer(viewer, serverId));
}

/**
 * Scans a server whoever asked (a person, the scheduler, a fleet scan). Every outcome, stored scan
 * or failure, goes through alerting here and nowhere else.
 */
export async function scanServer(server: StoredServer): Promise<Scan> {
  let scan: Scan;
  try {
    scan = await scanOnce(server);
  } catch (error) {
    await afterScan(server, { error });
    throw error;
  }
  await afterScan(server, { scan });
  return scan;
}

async function scanOnce(server: StoredServer): Promise<Scan> {
  const serverId = server.id;
  const target = await sshTargetOf(server);
  const clientTimeoutMs = env().REAPER_SSH_COMMAND_TIMEOUT_MS;
  // The remote side gives up first, so a stuck ps ends on the server instead of lingering there.
  const { command, commands } = buildScanCommand({ timeoutSeconds: Math.max(1, Math.floor(clientTimeoutMs / 1000) - 2) });
  const startedAt = nowIso();
  const t0 = performance.now();
  const result = await runRemote(target, command, {
    label: "The scan",
    stepAt: stepRunningAt,
    timedOut: `The scan ran out of time on ${server.name} and was stopped there. The server may be overloaded; try again in a minute.`,
  });
  const durationMs = Math.round(performance.now() - t0);
  const parsed = parseScanOutput(result.stdout, commands);
  if (!parsed.ok) {
    log.warn("scan.unparsable", { serverId, command: parsed.error.command, code: result.code, stderr: result.stderr.slice(0, 500) });
    throw new AppError("COMMAND_FAILED", `${parsed.error.message} (command: ${parsed.error.command})`, { command: parsed.error.command });
  }
  await pinFirstSeenKeys(server, result);
  const scan: Scan = { id: newId("scn"), serverId, startedAt, durationMs, ...parsed.value };
  await insertScan(scan);
  log.info("scan.done", { serverId, scanId: scan.id, durationMs, reused: result.reused, processes: scan.summary.processes, zombies: scan.summary.zombies });
  return scan;
}
