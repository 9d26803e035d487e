import "server-only";
import { z } from "zod";
import { isAppError } from "@/lib/shared/errors/app-error";
import { settleFleetResults, type Settlement } from "@/lib/server/db/fleet-scans";
import { nowIso } from "@/lib/server/db/ids";
import { findStoredServerById } from "@/lib/server/db/servers";
import { env } from "@/lib/server/env";
import { announceFleetResults } from "@/lib/server/fleet/events";
import type { JobDefinition } from "@/lib/server/jobs/types";
import { log } from "@/lib/server/log";
import { scanServer } from "@/lib/server/scan/run-scan";
import { fleetSummaryOf } from "@/lib/shared/fleet/summary";

// One server's scan as a background job. Its singleton key is the server's id, so a server is never
// scanned twice at once however many fleet scans (or schedules) ask; every fleet scan waiting for
// the server takes this scan's outcome. A failed scan is an outcome, not a failed job.

const EXPIRY_MARGIN_SECONDS = 15;

export const scanServerJob: JobDefinition<{ serverId: string }> = {
  name: "fleet.scan-server",
  payload: z.object({ serverId: z.string().min(1).max(100) }),
  concurrency: () => env().REAPER_FLEET_CONCURRENCY,
  // A live scan ends within its connect limit and two command limits (the scan and its details
  // step, each wrapped in `timeout`); past those plus a margin, its instance is taken for dead and
  // another scans again.
  expireInSeconds: () => {
    const limits = hostLimits();
    return Math.ceil((limits.connectTimeoutMs + 2 * limits.commandTimeoutMs) / 1000) + EXPIRY_MARGIN_SECONDS;
  },
  run: async ({ serverId }, job) => {
    const server = await findStoredServerById(serverId);
    // Deleted since it was queued: its fleet results went with it.
    if (!server) return { status: "gone" };
    const startedAt = job.startedAt ?? nowIso();
    const outcome = await scanWithin(server.id, () => scanServer(server, hostLimits()));
    const touched = await settleFleetResults(serverId, startedAt, outcome.settlement, nowIso());
    announceFleetResults(touched);
    // The job (and with it the server's key) ends only when the scan itself has ended, so a scan
    // that overran its limit never runs beside the next one.
    await outcome.finished;
    return outcome.settlement.status === "ok" ? { status: "ok", scanId: outcome.settlement.scanId } : { status: "error", code: outcome.settlement.error.code };
  },
};

function hostLimits() {
  const limit = env().REAPER_FLEET_HOST_TIMEOUT_MS;
  return { connectTimeoutMs: Math.min(env().REAPER_SSH_CONNECT_TIMEOUT_MS, limit), commandTimeoutMs: limit };
}

/**
 * The scan's outcome, or SSH_TIMEOUT once the per-host limit has passed, whichever comes first:
 * connect and command timeouts each stay under the limit, but together they could exceed it. The
 * server's own status and alerts record what the scan really ended with, once it ends (counting
 * the overrun there too would count one failure twice).
 */
async function scanWithin(serverId: string, scan: () => ReturnType<typeof scanServer>): Promise<{ settlement: Settlement; finished: Promise<unknown> }> {
  const limitMs = env().REAPER_FLEET_HOST_TIMEOUT_MS;
  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  const running = scan().then(
    (s): Settlement => ({ status: "ok", scanId: s.id, summary: fleetSummaryOf(s), durationMs: elapsed() }),
    (e: unknown): Settlement => {
      if (!isAppError(e)) log.error("fleet.scan_failed", { serverId, error: e instanceof Error ? e.stack : String(e) });
      const error = isAppError(e) ? { code: e.code, message: e.message } : { code: "INTERNAL", message: "The scan failed inside Reaper (see its log)." };
      return { status: "error", error, durationMs: elapsed() };
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Settlement>((resolve) => {
    timer = setTimeout(() => {
      const error = { code: "SSH_TIMEOUT", message: `The server did not finish its scan within the fleet's per-host limit of ${Math.round(limitMs / 1000)} s. It may be overloaded or its SSH service stuck; it will be tried again with the next scan.` };
      resolve({ status: "error", error, durationMs: elapsed() });
    }, limitMs);
  });
  const settlement = await Promise.race([running, late]);
  clearTimeout(timer);
  return { settlement, finished: running };
}
