import "server-only";
import type { Selectable } from "kysely";
import { getDb } from "@/lib/server/db/client";
import { withStoreLock } from "@/lib/server/db/store-lock";
import type { FleetScanResultsTable } from "@/lib/server/db/schema";
import type { FleetError, FleetScan, FleetScanResult, FleetSummary } from "@/lib/shared/fleet/types";

// A fleet scan and one result row per server. A server's result is settled by the next scan of
// that server that starts after the fleet scan was asked for, whoever queued it.

const INSERT_CHUNK = 500;

export type FleetScanRecord = { id: string; requestedBy: string; createdAt: string; finishedAt: string | null; total: number };

/**
 * Inserts the scan and its pending results unless the requester already has `maxOpen` unfinished
 * scans newer than `openSince`. The check and the insert run under the requester's store lock:
 * a transaction alone does not keep PostgreSQL's parallel requests (read committed) from all
 * counting the same number and slipping under the limit. Answers false when refused.
 */
export async function insertFleetScan(scan: FleetScanRecord, serverIds: readonly string[], limit: { maxOpen: number; openSince: string }): Promise<boolean> {
  const db = await getDb();
  return withStoreLock(`fleet-scans:${scan.requestedBy}`, () => db.transaction().execute(async (tx) => {
    const open = await tx
      .selectFrom("fleet_scans")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("requested_by", "=", scan.requestedBy)
      .where("finished_at", "is", null)
      .where("created_at", ">=", limit.openSince)
      .executeTakeFirstOrThrow();
    if (Number(open.n) >= limit.maxOpen) return false;
    await tx
      .insertInto("fleet_scans")
      .values({ id: scan.id, requested_by: scan.requestedBy, created_at: scan.createdAt, finished_at: scan.finishedAt, total: scan.total })
      .execute();
    for (let i = 0; i < serverIds.length; i += INSERT_CHUNK) {
      await tx
        .insertInto("fleet_scan_results")
        .values(serverIds.slice(i, i + INSERT_CHUNK).map((serverId) => ({ fleet_scan_id: scan.id, server_id: serverId, status: "pending" as const, scan_id: null, summary: null, error_code: null, error_message: null, duration_ms: null, finished_at: null })))
        .execute();
    }
    return true;
  }));
}

export type Settlement =
  | { status: "ok"; scanId: string; summary: FleetSummary; durationMs: number }
  | { status: "error"; error: FleetError; durationMs: number };

/**
 * Gives every pending result of this server, in fleet scans asked for before `scanStartedAt`, this
 * outcome, and marks the fleet scans that have nothing pending left as finished. Answers the ids
 * of the fleet scans it touched.
 */
export async function settleFleetResults(serverId: string, scanStartedAt: string, outcome: Settlement, at: string): Promise<string[]> {
  const db = await getDb();
  return db.transaction().execute(async (tx) => {
    const waiting = await tx
      .selectFrom("fleet_scan_results as r")
      .innerJoin("fleet_scans as f", "f.id", "r.fleet_scan_id")
      .select("r.fleet_scan_id")
      .where("r.server_id", "=", serverId)
      .where("r.status", "=", "pending")
      .where("f.created_at", "<=", scanStartedAt)
      .execute();
    const ids = waiting.map((w) => w.fleet_scan_id);
    if (ids.length === 0) return [];
    // Settlements of one fleet scan take turns: on PostgreSQL two of its last results settled at
    // once by two jobs each saw the other still pending, and the scan was never marked finished.
    // This no-op update holds its rows until commit (SQLite runs one writer at a time anyway).
    await tx.updateTable("fleet_scans").set((eb) => ({ total: eb.ref("total") })).where("id", "in", ids).execute();
    await tx
      .updateTable("fleet_scan_results")
      .set({
        status: outcome.status,
        scan_id: outcome.status === "ok" ? outcome.scanId : null,
        summary: outcome.status === "ok" ? JSON.stringify(outcome.summary) : null,
        error_code: outcome.status === "error" ? outcome.error.code : null,
        error_message: outcome.status === "error" ? outcome.error.message : null,
        duration_ms: outcome.durationMs,
        finished_at: at,
      })
      .where("server_id", "=", serverId)
      .where("status", "=", "pending")
      .where("fleet_scan_id", "in", ids)
      .execute();
    await tx
      .updateTable("fleet_scans")
      .set({ finished_at: at })
      .where("id", "in", ids)
      .where("finished_at", "is", null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("fleet_scan_results as p").select("p.server_id").whereRef("p.fleet_scan_id", "=", "fleet_scans.id").where("p.status", "=", "pending"))),
      )
      .execute();
    return ids;
  });
}

function toResult(r: Selectable<FleetScanResultsTable>): FleetScanResult {
  return {
    serverId: r.server_id,
    status: r.status,
    ...(r.scan_id !== null && { scanId: r.scan_id }),
    ...(r.summary !== null && { summary: JSON.parse(r.summary) as FleetSummary }),
    ...(r.error_code !== null && { error: { code: r.error_code, message: r.error_message ?? "" } }),
    ...(r.duration_ms !== null && { durationMs: r.duration_ms }),
    ...(r.finished_at !== null && { finishedAt: r.finished_at }),
  };
}

export async function findFleetScanRecord(id: string): Promise<FleetScanRecord | undefined> {
  const db = await getDb();
  const row = await db.selectFrom("fleet_scans").selectAll().where("id", "=", id).executeTakeFirst();
  return row && { id: row.id, requestedBy: row.requested_by, createdAt: row.created_at, finishedAt: row.finished_at, total: row.total };
}

/** The whole fleet scan with every result, pending ones included. */
export async function readFleetScan(record: FleetScanRecord): Promise<FleetScan> {
  const db = await getDb();
  const rows = await db.selectFrom("fleet_scan_results").selectAll().where("fleet_scan_id", "=", record.id).execute();
  const results = rows.map(toResult);
  const done = results.filter((r) => r.status !== "pending").length;
  const failed = results.filter((r) => r.status === "error").length;
  return { id: record.id, status: record.finishedAt ? "done" : "running", createdAt: record.createdAt, finishedAt: record.finishedAt, total: record.total, done, failed, results };
}

/**
 * The fleet scan's finished results, those finished at or after `since` when given (the event
 * stream's poll; the caller drops repeats). Results commit in no particular order of their
 * finishing times, least of all from several instances: a caller reading after a cursor keeps a
 * margin, and reads them all once the fleet scan is finished.
 */
export async function finishedFleetResults(fleetScanId: string, since?: string): Promise<FleetScanResult[]> {
  const db = await getDb();
  let query = db.selectFrom("fleet_scan_results").selectAll().where("fleet_scan_id", "=", fleetScanId).where("status", "!=", "pending");
  if (since !== undefined) query = query.where("finished_at", ">=", since);
  return (await query.orderBy("finished_at").execute()).map(toResult);
}
