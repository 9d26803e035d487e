import "server-only";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import type { Selectable } from "kysely";
import { getDb } from "@/lib/server/db/client";
import type { SnapshotsTable } from "@/lib/server/db/schema";
import type { SnapshotBody, SnapshotInfo } from "@/lib/shared/snapshots/types";

// Snapshots, stored by the sha256 of their link's token; the body is written once and read whole.
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

type Row = Selectable<SnapshotsTable>;
const INFO_COLUMNS = ["id", "server_id", "scan_id", "ticket", "created_by_id", "created_by_email", "created_at", "expires_at", "revoked_at", "views", "last_viewed_at"] as const;
type InfoRow = Pick<Row, (typeof INFO_COLUMNS)[number]>;

function toInfo(r: InfoRow, now: string): SnapshotInfo {
  return {
    id: r.id,
    serverId: r.server_id,
    scanId: r.scan_id,
    ticket: r.ticket,
    createdAt: r.created_at,
    createdBy: { id: r.created_by_id, email: r.created_by_email },
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    status: r.revoked_at !== null ? "revoked" : r.expires_at <= now ? "expired" : "active",
    views: r.views,
    lastViewedAt: r.last_viewed_at,
  };
}

export type NewSnapshotRow = Omit<SnapshotInfo, "status" | "views" | "lastViewedAt" | "revokedAt"> & { tokenHash: string; body: SnapshotBody };

export async function insertSnapshot(s: NewSnapshotRow): Promise<void> {
  const db = await getDb();
  await db
    .insertInto("snapshots")
    .values({
      id: s.id,
      token_hash: s.tokenHash,
      server_id: s.serverId,
      scan_id: s.scanId,
      ticket: s.ticket,
      created_by_id: s.createdBy.id,
      created_by_email: s.createdBy.email,
      created_at: s.createdAt,
      expires_at: s.expiresAt,
      revoked_at: null,
      views: 0,
      last_viewed_at: null,
      body: await gzipAsync(JSON.stringify(s.body)),
    })
    .execute();
}

/** The snapshot whose token has this hash, with the hash as stored (for a constant-time compare). */
export async function findSnapshotByHash(tokenHash: string, now: string): Promise<{ info: SnapshotInfo; storedHash: string } | null> {
  const db = await getDb();
  const row = await db.selectFrom("snapshots").select([...INFO_COLUMNS, "token_hash"]).where("token_hash", "=", tokenHash).executeTakeFirst();
  return row ? { info: toInfo(row, now), storedHash: row.token_hash } : null;
}

export async function findSnapshot(id: string, now: string): Promise<SnapshotInfo | null> {
  const db = await getDb();
  const row = await db.selectFrom("snapshots").select(INFO_COLUMNS).where("id", "=", id).executeTakeFirst();
  return row ? toInfo(row, now) : null;
}

export async function readSnapshotBody(id: string): Promise<SnapshotBody | null> {
  const db = await getDb();
  const row = await db.selectFrom("snapshots").select("body").where("id", "=", id).executeTakeFirst();
  return row ? (JSON.parse((await gunzipAsync(row.body)).toString("utf8")) as SnapshotBody) : null;
}

/** A server's snapshots, newest first. */
export async function listSnapshotsOf(serverId: string, now: string): Promise<SnapshotInfo[]> {
  const db = await getDb();
  const rows = await db.selectFrom("snapshots").select(INFO_COLUMNS).where("server_id", "=", serverId).orderBy("created_at", "desc").orderBy("id", "desc").limit(200).execute();
  return rows.map((r) => toInfo(r, now));
}

/** Marks it revoked; false when it already was. */
export async function markRevoked(id: string, at: string): Promise<boolean> {
  const db = await getDb();
  const res = await db.updateTable("snapshots").set({ revoked_at: at }).where("id", "=", id).where("revoked_at", "is", null).executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** Counts one view in one statement (parallel views are all counted); the count after it. */
export async function countView(id: string, at: string): Promise<number> {
  const db = await getDb();
  const row = await db
    .updateTable("snapshots")
    .set((eb) => ({ views: eb("views", "+", 1), last_viewed_at: at }))
    .where("id", "=", id)
    .returning("views")
    .executeTakeFirst();
  return row?.views ?? 0;
}
