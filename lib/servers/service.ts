import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { User } from "@/lib/auth/types";
import { newId, nowIso } from "@/lib/db/ids";
import { latestScans, type ScanListItem } from "@/lib/db/scans";
import { deleteServerRow, findServerRow, insertServerRow, listServerRows, updateServerRow, type ServerRow } from "@/lib/db/servers";
import type { CreateServerInput, UpdateServerInput } from "@/lib/schemas/server";
import { checkPrivateKey, sealCredentials, unsealCredentials, type Credentials } from "@/lib/servers/credentials";
import type { Server } from "@/lib/servers/types";
import type { SshTarget } from "@/lib/ssh/types";

function toServer(row: ServerRow, lastScan: Server["lastScan"]): Server {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    username: row.username,
    authType: row.auth_type,
    hostKeyFingerprint: row.host_key_fingerprint,
    accountId: row.account_id,
    useSudo: row.use_sudo === 1,
    createdAt: row.created_at,
    lastScan,
  };
}

function lastScanOf(scan: ScanListItem | undefined): Server["lastScan"] {
  return scan ? { id: scan.id, startedAt: scan.startedAt, summary: scan.summary } : null;
}

export async function listServers(viewer: User): Promise<Server[]> {
  const rows = await listServerRows(viewer);
  const latest = await latestScans(rows.map((r) => r.id));
  return rows.map((r) => toServer(r, lastScanOf(latest.get(r.id))));
}

/** NOT_FOUND for a server the viewer may not see, so ids cannot be probed. */
export async function requireServerRow(viewer: User, id: string): Promise<ServerRow> {
  const row = await findServerRow(viewer, id);
  if (!row) throw new AppError("NOT_FOUND", "No such server. It may have been deleted; go back to the server list.");
  return row;
}

export async function getServer(viewer: User, id: string): Promise<Server> {
  const row = await requireServerRow(viewer, id);
  return toServer(row, lastScanOf((await latestScans([id])).get(id)));
}

function credentialsFrom(input: { privateKey?: string; passphrase?: string; password?: string }): Credentials {
  if (input.privateKey) {
    checkPrivateKey(input.privateKey, input.passphrase || undefined);
    return { privateKey: input.privateKey, passphrase: input.passphrase || undefined };
  }
  return { password: input.password };
}

export async function createServer(viewer: User, input: CreateServerInput): Promise<Server> {
  const id = newId("srv");
  const at = nowIso();
  const creds = credentialsFrom(input);
  const row: ServerRow = {
    id,
    name: input.name,
    host: input.host,
    port: input.port,
    username: input.username,
    auth_type: creds.privateKey ? "key" : "password",
    secrets: sealCredentials(creds, id),
    host_key_fingerprint: input.hostKeyFingerprint ?? null,
    account_id: viewer.role === "customer" ? viewer.accountId : (input.accountId ?? null),
    use_sudo: input.useSudo ? 1 : 0,
    created_at: at,
    updated_at: at,
  };
  await insertServerRow(row);
  return toServer(row, null);
}

function mergedCredentials(row: ServerRow, input: UpdateServerInput): Credentials | undefined {
  if (input.privateKey !== undefined || input.password !== undefined) return credentialsFrom(input);
  if (input.passphrase === undefined) return undefined;
  const current = unsealCredentials(row.secrets, row.id);
  if (!current.privateKey) {
    throw new AppError("VALIDATION", "passphrase: this server logs in with a password; a passphrase only applies to a private key.", { field: "passphrase" });
  }
  return credentialsFrom({ privateKey: current.privateKey, passphrase: input.passphrase });
}

export async function updateServer(viewer: User, id: string, input: UpdateServerInput): Promise<Server> {
  const row = await requireServerRow(viewer, id);
  const creds = mergedCredentials(row, input);
  const moved = (input.host !== undefined && input.host !== row.host) || (input.port !== undefined && input.port !== row.port);
  const changes: Partial<ServerRow> = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.host !== undefined && { host: input.host }),
    ...(input.port !== undefined && { port: input.port }),
    ...(input.username !== undefined && { username: input.username }),
    ...(input.useSudo !== undefined && { use_sudo: input.useSudo ? 1 : 0 }),
    ...(input.accountId !== undefined && viewer.role !== "customer" && { account_id: input.accountId }),
    ...(creds && { secrets: sealCredentials(creds, id), auth_type: creds.privateKey ? "key" : "password" }),
    // A new address is a new machine as far as its key goes: pin afresh unless one is given.
    ...(moved && { host_key_fingerprint: null }),
    ...(input.hostKeyFingerprint !== undefined && { host_key_fingerprint: input.hostKeyFingerprint }),
    updated_at: nowIso(),
  };
  await updateServerRow(id, changes);
  return getServer(viewer, id);
}

export async function deleteServer(viewer: User, id: string): Promise<void> {
  await requireServerRow(viewer, id);
  await deleteServerRow(id);
}

export function targetOf(row: ServerRow): SshTarget {
  const creds = unsealCredentials(row.secrets, row.id);
  return { host: row.host, port: row.port, username: row.username, ...creds, hostKeyFingerprint: row.host_key_fingerprint };
}
