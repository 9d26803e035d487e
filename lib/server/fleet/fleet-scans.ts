import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import type { User } from "@/lib/shared/auth/types";
import { findFleetScanRecord, insertFleetScan, readFleetScan, type FleetScanRecord } from "@/lib/server/db/fleet-scans";
import { newId, nowIso } from "@/lib/server/db/ids";
import { listStoredServers } from "@/lib/server/db/servers";
import { scanServerJob } from "@/lib/server/fleet/scan-job";
import { enqueue } from "@/lib/server/jobs/queue";
import type { FleetScan } from "@/lib/shared/fleet/types";

/** Unfinished fleet scans one person may have at once; older ones than the window no longer count. */
const MAX_OPEN_SCANS = 3;
const OPEN_WINDOW_MS = 60 * 60 * 1000;

/**
 * Asks for a scan of these servers (default: every server the caller may see) and answers at once;
 * each server's scan is a job of its own, at most one per server at a time. A server the caller may
 * not see is NOT_FOUND, as everywhere.
 */
export async function startFleetScan(user: User, serverIds?: readonly string[]): Promise<{ id: string }> {
  const visible = await listStoredServers(user);
  let ids: string[];
  if (serverIds) {
    const known = new Set(visible.map((s) => s.id));
    const missing = serverIds.find((id) => !known.has(id));
    if (missing !== undefined) throw new AppError("NOT_FOUND", `serverIds: no such server (${missing}). It may have been deleted; reload the fleet and choose again.`, { field: "serverIds" });
    ids = [...new Set(serverIds)];
  } else {
    ids = visible.map((s) => s.id);
  }
  if (ids.length === 0) throw new AppError("VALIDATION", "serverIds: there are no servers to scan. Add a server first.", { field: "serverIds" });
  const now = nowIso();
  const record: FleetScanRecord = { id: newId("fsc"), requestedBy: user.id, createdAt: now, finishedAt: null, total: ids.length };
  const accepted = await insertFleetScan(record, ids, { maxOpen: MAX_OPEN_SCANS, openSince: new Date(Date.now() - OPEN_WINDOW_MS).toISOString() });
  if (!accepted) {
    throw new AppError("RATE_LIMITED", `You already have ${MAX_OPEN_SCANS} fleet scans running. Wait for one to finish (its page shows the progress), then scan again.`, { retryAfterSeconds: 10 });
  }
  // A server already waiting for its scan is not queued twice: that scan will answer this one too.
  for (const serverId of ids) await enqueue(scanServerJob, { serverId }, { singletonKey: serverId });
  return { id: record.id };
}

/** A fleet scan is its requester's: anyone else gets NOT_FOUND, so ids cannot be probed. */
export async function requireFleetScan(user: User, id: string): Promise<FleetScanRecord> {
  const record = await findFleetScanRecord(id);
  if (!record || record.requestedBy !== user.id) throw new AppError("NOT_FOUND", "No such fleet scan. Start a new one from the fleet page.");
  return record;
}

export async function getFleetScan(user: User, id: string): Promise<FleetScan> {
  return readFleetScan(await requireFleetScan(user, id));
}
