import "server-only";
import type { Selectable } from "kysely";
import { getDb } from "@/lib/server/db/client";
import type { ScanStatusTable } from "@/lib/server/db/schema";
import type { FleetError, FleetSummary, Reachability } from "@/lib/shared/fleet/types";

// Each server's latest scan attempt, successful or not: what the fleet page reads for every row
// without opening a scan body, and the one record of the facts alerts judge (the last good scan's
// figures, the failures since and the last error); alert_states keeps only the judgment.

export type ScanStatus = { reachability: Reachability; lastScan: { id: string; startedAt: string; summary: FleetSummary } | null };

export async function recordScanOk(serverId: string, scan: { id: string; startedAt: string; summary: FleetSummary }, at: string): Promise<void> {
  const db = await getDb();
  const values = { last_attempt_at: at, last_ok_at: scan.startedAt, last_scan_id: scan.id, last_summary: JSON.stringify(scan.summary), last_error_code: null, last_error_message: null, failures_in_row: 0 };
  await db
    .insertInto("scan_status")
    .values({ server_id: serverId, ...values })
    .onConflict((oc) => oc.column("server_id").doUpdateSet(values))
    .execute();
}

/**
 * The figures of a scan recorded before its details step landed, now with them (a verdict may
 * change with the per-user limits ps leads to); nothing when a later scan has been recorded since.
 */
export async function refreshLastScanSummary(serverId: string, scanId: string, summary: FleetSummary): Promise<void> {
  const db = await getDb();
  await db.updateTable("scan_status").set({ last_summary: JSON.stringify(summary) }).where("server_id", "=", serverId).where("last_scan_id", "=", scanId).execute();
}

/** A failure keeps the last good scan's figures: the row still shows what was last known. */
export async function recordScanFailure(serverId: string, error: FleetError, at: string): Promise<void> {
  const db = await getDb();
  await db
    .insertInto("scan_status")
    .values({ server_id: serverId, last_attempt_at: at, last_ok_at: null, last_scan_id: null, last_summary: null, last_error_code: error.code, last_error_message: error.message, failures_in_row: 1 })
    .onConflict((oc) =>
      oc.column("server_id").doUpdateSet((eb) => ({
        last_attempt_at: at,
        last_error_code: error.code,
        last_error_message: error.message,
        failures_in_row: eb("scan_status.failures_in_row", "+", 1),
      })),
    )
    .execute();
}

function toStatus(row: Selectable<ScanStatusTable>): ScanStatus {
  const failed = row.last_error_code !== null;
  return {
    reachability: {
      lastAttemptAt: row.last_attempt_at,
      ok: !failed,
      error: failed ? { code: row.last_error_code ?? "", message: row.last_error_message ?? "" } : null,
      failuresInRow: row.failures_in_row,
    },
    lastScan:
      row.last_scan_id !== null && row.last_summary !== null && row.last_ok_at !== null
        ? { id: row.last_scan_id, startedAt: row.last_ok_at, summary: JSON.parse(row.last_summary) as FleetSummary }
        : null,
  };
}

/** The status of each of these servers that has one. */
export async function scanStatuses(serverIds: readonly string[]): Promise<Map<string, ScanStatus>> {
  const out = new Map<string, ScanStatus>();
  const db = await getDb();
  // SQLite allows at most 32,766 bound values per statement: ask in slices.
  for (let i = 0; i < serverIds.length; i += 5000) {
    const rows = await db.selectFrom("scan_status").selectAll().where("server_id", "in", serverIds.slice(i, i + 5000)).execute();
    for (const row of rows) out.set(row.server_id, toStatus(row));
  }
  return out;
}
