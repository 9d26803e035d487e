import "server-only";
import type { Selectable } from "kysely";
import { getDb } from "@/lib/db/client";
import type { ServersTable, UsersTable } from "@/lib/db/schema";

export type ServerRow = Selectable<ServersTable>;

/** Who is looking: the store only needs to know whether, and to which account, to narrow. */
export type Viewer = { role: UsersTable["role"]; accountId: string | null };

/** Customers see their own account's servers only; staff see all. */
export async function listServerRows(viewer: Viewer): Promise<ServerRow[]> {
  const db = await getDb();
  let q = db.selectFrom("servers").selectAll().orderBy("name").orderBy("id");
  if (viewer.role === "customer") q = q.where("account_id", "=", viewer.accountId ?? "");
  return q.execute();
}

export async function findServerRow(viewer: Viewer, id: string): Promise<ServerRow | undefined> {
  const db = await getDb();
  let q = db.selectFrom("servers").selectAll().where("id", "=", id);
  if (viewer.role === "customer") q = q.where("account_id", "=", viewer.accountId ?? "");
  return q.executeTakeFirst();
}

export async function insertServerRow(row: ServerRow): Promise<void> {
  const db = await getDb();
  await db.insertInto("servers").values(row).execute();
}

export async function updateServerRow(id: string, changes: Partial<Omit<ServerRow, "id" | "created_at">>): Promise<void> {
  const db = await getDb();
  await db.updateTable("servers").set(changes).where("id", "=", id).execute();
}

/** Pins a first-seen host key only if nobody pinned one meanwhile (no lost update). */
export async function pinHostKeyIfUnset(id: string, fingerprint: string, at: string): Promise<void> {
  const db = await getDb();
  await db
    .updateTable("servers")
    .set({ host_key_fingerprint: fingerprint, updated_at: at })
    .where("id", "=", id)
    .where("host_key_fingerprint", "is", null)
    .execute();
}

export async function deleteServerRow(id: string): Promise<void> {
  const db = await getDb();
  await db.deleteFrom("servers").where("id", "=", id).execute();
}
