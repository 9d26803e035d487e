import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { User } from "@/lib/auth/types";
import { newId, nowIso } from "@/lib/db/ids";
import { insertScan } from "@/lib/db/scans";
import { pinHostKeyIfUnset } from "@/lib/db/servers";
import { env } from "@/lib/env";
import { log } from "@/lib/log/logger";
import { parseScanOutput } from "@/lib/procs/parse-scan";
import { buildScanCommand } from "@/lib/procs/scan-command";
import type { Scan } from "@/lib/procs/types";
import { requireServerRow, targetOf } from "@/lib/servers/service";
import { runRemote } from "@/lib/ssh";
import { toSshError } from "@/lib/ssh/errors";

// `timeout` exits 124 when it had to stop the remote work.
const REMOTE_TIMEOUT_EXIT = 124;

/** One round trip to the server, parsed, stored as history, and returned as the contract's Scan. */
export async function runScan(viewer: User, serverId: string): Promise<Scan> {
  const row = await requireServerRow(viewer, serverId);
  const target = targetOf(row);
  const clientTimeoutMs = env().REAPER_SSH_COMMAND_TIMEOUT_MS;
  // The remote side gives up first, so a stuck ps ends on the server instead of lingering there.
  const { command, commands } = buildScanCommand({ timeoutSeconds: Math.max(1, Math.floor(clientTimeoutMs / 1000) - 2) });
  const startedAt = nowIso();
  const t0 = performance.now();
  const result = await runRemote(target, command, "The scan").catch((e: unknown) => {
    throw toSshError(e, target);
  });
  const durationMs = Math.round(performance.now() - t0);
  if (result.code === REMOTE_TIMEOUT_EXIT) {
    throw new AppError("SSH_TIMEOUT", `The scan ran out of time on ${row.name} and was stopped there. The server may be overloaded; try again in a minute.`);
  }
  const parsed = parseScanOutput(result.stdout, commands);
  if (!parsed.ok) {
    log.warn("scan.unparsable", { serverId, command: parsed.error.command, code: result.code, stderr: result.stderr.slice(0, 500) });
    throw new AppError("COMMAND_FAILED", `${parsed.error.message} (command: ${parsed.error.command})`, { command: parsed.error.command });
  }
  if (row.host_key_fingerprint === null && result.hostKeyFingerprint) {
    await pinHostKeyIfUnset(serverId, result.hostKeyFingerprint, nowIso());
  }
  const scan: Scan = { id: newId("scn"), serverId, startedAt, durationMs, ...parsed.value };
  await insertScan(scan);
  log.info("scan.done", { serverId, scanId: scan.id, durationMs, reused: result.reused, processes: scan.summary.processes, zombies: scan.summary.zombies });
  return scan;
}
