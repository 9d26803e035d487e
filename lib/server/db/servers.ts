import "server-only";
import type { Selectable } from "kysely";
import { getDb } from "@/lib/server/db/client";
import type { ServersTable } from "@/lib/server/db/schema";
import type { Role } from "@/lib/shared/auth/types";
import type { Server } from "@/lib/shared/servers/types";

/** A saved server as the services see it: the contract's fields, its credentials still sealed. */
export type StoredServer = Omit<Server, "lastScan"> & {
  /** AES-256-GCM sealed JSON of {privateKey?, passphrase?, password?}, bound to the id. */
  sealedSecrets: Uint8Array;
  updatedAt: string;
};

/** Who is looking: the store only needs to know whether, and to which account, to narrow. */
export type Viewer = { role: Role; accountId: string | null };

type Row = Selectable<ServersTable>;

function fromRow(r: Row): StoredServer {
  return {
    id: r.id,
    name: r.name,
    host: r.host,
    port: r.port,
    username: r.username,
    authType: r.auth_type,
    sealedSecrets: r.secrets,
    hostKeyFingerprint: r.host_key_fingerprint,
    accountId: r.account_id,
    useSudo: r.use_sudo === 1,
    jumpServerId: r.jump_server_id,
    scanIntervalMinutes: r.scan_interval_minutes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

type Changes = Partial<Omit<StoredServer, "id" | "createdAt">>;

function toColumns(s: Changes): Partial<Row> {
  const out: Partial<Row> = {};
  if (s.name !== undefined) out.name = s.name;
  if (s.host !== undefined) out.host = s.host;
  if (s.port !== undefined) out.port = s.port;
  if (s.username !== undefined) out.username = s.username;
  if (s.authType !== undefined) out.auth_type = s.authType;
  if (s.sealedSecrets !== undefined) out.secrets = s.sealedSecrets;
  if (s.hostKeyFingerprint !== undefined) out.host_key_fingerprint = s.hostKeyFingerprint;
  if (s.accountId !== undefined) out.account_id = s.accountId;
  if (s.useSudo !== undefined) out.use_sudo = s.useSudo ? 1 : 0;
  if (s.jumpServerId !== undefined) out.jump_server_id = s.jumpServerId;
  if (s.scanIntervalMinutes !== undefined) out.scan_interval_minutes = s.scanIntervalMinutes;
  if (s.updatedAt !== undefined) out.updated_at = s.updatedAt;
  return out;
}

/** Customers see their own account's servers only; staff see all, or one account's. */
export async function listStoredServers(viewer: Viewer, filter: { accountId?: string } = {}): Promise<StoredServer[]> {
  const db = await getDb();
  let q = db.selectFrom("servers").selectAll().orderBy("name").orderBy("id");
  if (viewer.role === "customer") q = q.where("account_id", "=", viewer.accountId ?? "");
  if (filter.accountId !== undefined) q = q.where("account_id", "=", filter.accountId);
  return (await q.execute()).map(fromRow);
}

export async function findStoredServer(viewer: Viewer, id: string): Promise<StoredServer | undefined> {
  const db = await getDb();
  let q = db.selectFrom("servers").selectAll().where("id", "=", id);
  if (viewer.role === "customer") q = q.where("account_id", "=", viewer.accountId ?? "");
  const row = await q.executeTakeFirst();
  return row && fromRow(row);
}

/** By id alone, whoever looks: for following a server's jump hosts, which its owner may not see. */
export async function findStoredServerById(id: string): Promise<StoredServer | undefined> {
  const db = await getDb();
  const row = await db.selectFrom("servers").selectAll().where("id", "=", id).executeTakeFirst();
  return row && fromRow(row);
}

/** The servers that connect through any of these (their direct dependents), by name. */
export async function listServersJumpingVia(ids: readonly string[]): Promise<StoredServer[]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  return (await db.selectFrom("servers").selectAll().where("jump_server_id", "in", ids).orderBy("name").orderBy("id").execute()).map(fromRow);
}

export async function insertStoredServer(s: StoredServer): Promise<void> {
  const db = await getDb();
  await db
    .insertInto("servers")
    .values({ ...(toColumns(s) as Omit<Row, "id" | "created_at">), id: s.id, created_at: s.createdAt })
    .execute();
}

export async function updateStoredServer(id: string, changes: Changes): Promise<void> {
  const db = await getDb();
  await db.updateTable("servers").set(toColumns(changes)).where("id", "=", id).execute();
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

export async function deleteStoredServer(id: string): Promise<void> {
  const db = await getDb();
  await db.deleteFrom("servers").where("id", "=", id).execute();
}
