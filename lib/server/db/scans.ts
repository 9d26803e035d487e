import "server-only";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { getDb } from "@/lib/server/db/client";
import type { Scan, ScanData, ScanListItem, ScanSummary } from "@/lib/shared/scan/types";

// A scan of a large host is megabytes of JSON that compresses ~10x; it is written once and
// read whole, so it is stored as one gzip blob beside a small summary the lists read.
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

type Body = Omit<ScanData, "summary">;

function columnsOf(scan: Scan) {
  const { id, serverId, startedAt, durationMs, summary, ...rest } = scan;
  const body: Body = rest;
  return { id, server_id: serverId, started_at: startedAt, duration_ms: durationMs, summary: JSON.stringify(summary), body };
}

export async function insertScan(scan: Scan): Promise<void> {
  const db = await getDb();
  const { body, ...columns } = columnsOf(scan);
  await db
    .insertInto("scans")
    .values({ ...columns, body: await gzipAsync(JSON.stringify(body)) })
    .execute();
}

/** Rewrites a stored scan's body (its summary never changes): the pstree step lands after the scan. */
export async function updateScanBody(scan: Scan): Promise<void> {
  const db = await getDb();
  const { id, body } = columnsOf(scan);
  await db.updateTable("scans").set({ body: await gzipAsync(JSON.stringify(body)) }).where("id", "=", id).execute();
}

export async function findScan(id: string): Promise<Scan | undefined> {
  const db = await getDb();
  const row = await db.selectFrom("scans").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const body = JSON.parse((await gunzipAsync(row.body)).toString("utf8")) as Body;
  return { id: row.id, serverId: row.server_id, startedAt: row.started_at, durationMs: row.duration_ms, summary: JSON.parse(row.summary) as ScanSummary, ...body };
}

export async function listScans(serverId: string, limit: number): Promise<ScanListItem[]> {
  const db = await getDb();
  const rows = await db
    .selectFrom("scans")
    .select(["id", "started_at", "duration_ms", "summary"])
    .where("server_id", "=", serverId)
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, startedAt: r.started_at, durationMs: r.duration_ms, summary: JSON.parse(r.summary) as ScanSummary }));
}

/** When the server's next scan after this moment started, if there was one. */
export async function nextScanStart(serverId: string, after: string): Promise<string | null> {
  const db = await getDb();
  const row = await db.selectFrom("scans").select("started_at").where("server_id", "=", serverId).where("started_at", ">", after).orderBy("started_at").limit(1).executeTakeFirst();
  return row?.started_at ?? null;
}

/** The newest scan of each of these servers, for the server list. */
export async function latestScans(serverIds: string[]): Promise<Map<string, ScanListItem>> {
  const out = new Map<string, ScanListItem>();
  if (serverIds.length === 0) return out;
  const db = await getDb();
  const rows = await db
    .selectFrom("scans as s")
    .select(["s.id", "s.server_id", "s.started_at", "s.duration_ms", "s.summary"])
    .where("s.server_id", "in", serverIds)
    .where(({ eb, selectFrom }) =>
      eb("s.started_at", "=", selectFrom("scans as t").select((e) => e.fn.max("t.started_at").as("m")).whereRef("t.server_id", "=", "s.server_id")),
    )
    .execute();
  for (const r of rows) out.set(r.server_id, { id: r.id, startedAt: r.started_at, durationMs: r.duration_ms, summary: JSON.parse(r.summary) as ScanSummary });
  return out;
}

/**
 * Deletes scans started before `before`, in batches so the store is never locked for long, but
 * never a server's newest scan. Answers how many went.
 */
export async function pruneScans(before: string, batch = 1000): Promise<number> {
  const db = await getDb();
  let total = 0;
  for (;;) {
    const old = await db
      .selectFrom("scans as s")
      .select("s.id")
      .where("s.started_at", "<", before)
      .where(({ eb, selectFrom }) => eb("s.started_at", "<", selectFrom("scans as t").select((e) => e.fn.max("t.started_at").as("m")).whereRef("t.server_id", "=", "s.server_id")))
      .limit(batch)
      .execute();
    if (old.length === 0) return total;
    const r = await db.deleteFrom("scans").where("id", "in", old.map((o) => o.id)).executeTakeFirst();
    total += Number(r.numDeletedRows);
  }
}
