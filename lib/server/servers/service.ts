import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import type { User } from "@/lib/shared/auth/types";
import { newId, nowIso } from "@/lib/server/db/ids";
import { latestScans } from "@/lib/server/db/scans";
import { deleteStoredServer, findStoredServer, insertStoredServer, listStoredServers, updateStoredServer, type StoredServer } from "@/lib/server/db/servers";
import type { CreateServerInput, UpdateServerInput } from "@/lib/shared/schemas/server";
import type { ScanListItem } from "@/lib/shared/scan/types";
import { checkPrivateKey, sealCredentials, unsealCredentials, type Credentials } from "@/lib/server/servers/credentials";
import { checkJumpServer, checkNotAJumpHost, withJumpChanges } from "@/lib/server/servers/jump-chain";
import type { Server } from "@/lib/shared/servers/types";

/** The contract's Server: everything but the sealed secrets, with the last scan. */
function toServer(s: StoredServer, scan: ScanListItem | undefined): Server {
  return {
    id: s.id,
    name: s.name,
    host: s.host,
    port: s.port,
    username: s.username,
    authType: s.authType,
    hostKeyFingerprint: s.hostKeyFingerprint,
    accountId: s.accountId,
    useSudo: s.useSudo,
    jumpServerId: s.jumpServerId,
    createdAt: s.createdAt,
    lastScan: scan ? { id: scan.id, startedAt: scan.startedAt, summary: scan.summary } : null,
  };
}

export async function listServers(viewer: User): Promise<Server[]> {
  const servers = await listStoredServers(viewer);
  const latest = await latestScans(servers.map((s) => s.id));
  return servers.map((s) => toServer(s, latest.get(s.id)));
}

/** NOT_FOUND for a server the viewer may not see, so ids cannot be probed. */
export async function requireStoredServer(viewer: User, id: string): Promise<StoredServer> {
  const server = await findStoredServer(viewer, id);
  if (!server) throw new AppError("NOT_FOUND", "No such server. It may have been deleted; go back to the server list.");
  return server;
}

export async function getServer(viewer: User, id: string): Promise<Server> {
  const server = await requireStoredServer(viewer, id);
  return toServer(server, (await latestScans([id])).get(id));
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
  const server: StoredServer = {
    id,
    name: input.name,
    host: input.host,
    port: input.port,
    username: input.username,
    authType: creds.privateKey ? "key" : "password",
    sealedSecrets: sealCredentials(creds, id),
    hostKeyFingerprint: input.hostKeyFingerprint ?? null,
    accountId: viewer.role === "customer" ? viewer.accountId : (input.accountId ?? null),
    useSudo: input.useSudo,
    jumpServerId: input.jumpServerId ?? null,
    createdAt: at,
    updatedAt: at,
  };
  await withJumpChanges(async () => {
    await checkJumpServer(viewer, server, server.jumpServerId);
    await insertStoredServer(server);
  });
  return toServer(server, undefined);
}

function mergedCredentials(server: StoredServer, input: UpdateServerInput): Credentials | undefined {
  if (input.privateKey !== undefined || input.password !== undefined) return credentialsFrom(input);
  if (input.passphrase === undefined) return undefined;
  const current = unsealCredentials(server);
  if (!current.privateKey) {
    throw new AppError("VALIDATION", "passphrase: this server logs in with a password; a passphrase only applies to a private key.", { field: "passphrase" });
  }
  return credentialsFrom({ privateKey: current.privateKey, passphrase: input.passphrase });
}

export async function updateServer(viewer: User, id: string, input: UpdateServerInput): Promise<Server> {
  const { jumpServerId } = input;
  if (jumpServerId === undefined) return applyUpdate(viewer, id, input);
  return withJumpChanges(async () => {
    await checkJumpServer(viewer, await requireStoredServer(viewer, id), jumpServerId);
    return applyUpdate(viewer, id, input);
  });
}

async function applyUpdate(viewer: User, id: string, input: UpdateServerInput): Promise<Server> {
  const server = await requireStoredServer(viewer, id);
  const creds = mergedCredentials(server, input);
  const moved = (input.host !== undefined && input.host !== server.host) || (input.port !== undefined && input.port !== server.port);
  await updateStoredServer(id, {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.host !== undefined && { host: input.host }),
    ...(input.port !== undefined && { port: input.port }),
    ...(input.username !== undefined && { username: input.username }),
    ...(input.useSudo !== undefined && { useSudo: input.useSudo }),
    ...(input.jumpServerId !== undefined && { jumpServerId: input.jumpServerId }),
    ...(input.accountId !== undefined && viewer.role !== "customer" && { accountId: input.accountId }),
    ...(creds && { sealedSecrets: sealCredentials(creds, id), authType: creds.privateKey ? "key" : "password" }),
    // A new address is a new machine as far as its key goes: pin afresh unless one is given.
    ...(moved && { hostKeyFingerprint: null }),
    ...(input.hostKeyFingerprint !== undefined && { hostKeyFingerprint: input.hostKeyFingerprint }),
    updatedAt: nowIso(),
  });
  return getServer(viewer, id);
}

export async function deleteServer(viewer: User, id: string): Promise<void> {
  await withJumpChanges(async () => {
    await checkNotAJumpHost(await requireStoredServer(viewer, id));
    await deleteStoredServer(id);
  });
}
