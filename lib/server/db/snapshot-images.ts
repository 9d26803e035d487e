import "server-only";
import { getDb } from "@/lib/server/db/client";

// Snapshot pictures, one row per snapshot. The row only ever answers after the snapshot itself was
// checked (revoked and expired links are 410 before the picture is looked at); it is deleted with
// its snapshot, on revocation, and by the history pruning once the link has expired.

export async function readSnapshotImage(snapshotId: string): Promise<Buffer | null> {
  const db = await getDb();
  const row = await db.selectFrom("snapshot_images").select("png").where("snapshot_id", "=", snapshotId).executeTakeFirst();
  return row ? Buffer.from(row.png) : null;
}

/** Two instances rendering the same new picture at once: the first to finish keeps it. */
export async function keepSnapshotImage(snapshotId: string, png: Buffer, at: string): Promise<void> {
  const db = await getDb();
  await db
    .insertInto("snapshot_images")
    .values({ snapshot_id: snapshotId, png, created_at: at })
    .onConflict((oc) => oc.column("snapshot_id").doNothing())
    .execute();
}

export async function forgetSnapshotImage(snapshotId: string): Promise<void> {
  const db = await getDb();
  await db.deleteFrom("snapshot_images").where("snapshot_id", "=", snapshotId).execute();
}

/** Pictures of links that no longer open (expired or revoked); how many went. */
export async function pruneSnapshotImages(now: string): Promise<number> {
  const db = await getDb();
  const dead = db
    .selectFrom("snapshots")
    .select("id")
    .where((eb) => eb.or([eb("expires_at", "<=", now), eb("revoked_at", "is not", null)]));
  const res = await db.deleteFrom("snapshot_images").where("snapshot_id", "in", dead).executeTakeFirst();
  return Number(res.numDeletedRows);
}
