import "server-only";
import { AppError, isAppError } from "@/lib/shared/errors/app-error";
import type { User } from "@/lib/shared/auth/types";
import { requireRight } from "@/lib/server/auth/rights";
import { findAccount } from "@/lib/server/db/accounts";
import { recordAudit, requireRefusalAllowance } from "@/lib/server/audit/refusal-limit";
import { newId, nowIso } from "@/lib/server/db/ids";
import { latestScans } from "@/lib/server/db/scans";
import { deleteStoredServer, findStoredServer, insertStoredServer, listStoredServers, updateStoredServer, type StoredServer } from "@/lib/server/db/servers";
import type { CreateServerInput, UpdateServerInput } from "@/lib/shared/schemas/server";
import type { ScanListItem } from "@/lib/shared/scan/types";
import { checkPrivateKey, sealCredentials, unsealCredentials, type Credentials } from "@/lib/server/servers/credentials";
import { checkJumpServer, checkNotAJumpHost, withJumpChanges } from "@/lib/server/servers/jump-chain";
import { checkHostAllowed } from "@/lib/server/ssh/allowed-networks";
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
    scanIntervalMinutes: s.scanIntervalMinutes,
    createdAt: s.createdAt,
    lastScan: scan ? { id: scan.id, startedAt: scan.startedAt, summary: scan.summary } : null,
  };
}

/** The servers the viewer may see (a customer: its account's), or one account's (staff). */
export async function listServers(viewer: User, filter: { accountId?: string } = {}): Promise<Server[]> {
  const servers = await listStoredServers(viewer, filter);
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

async function checkAccount(accountId: string | null | undefined): Promise<void> {
  if (accountId && !(await findAccount(accountId))) {
    throw new AppError("VALIDATION", "accountId: no such account. Pick one from the account list, or leave it empty for an internal server.", { field: "accountId" });
  }
}

type ServerOp = "create" | "update" | "delete";
type Trail = { serverId: string | null; detail: Record<string, unknown> };

/** Facts about a server for its audit event: where it is and whose it is, never its secrets. */
function describe(s: Pick<StoredServer, "name" | "host" | "port" | "username" | "accountId">) {
  return { name: s.name, host: s.host, port: s.port, username: s.username, accountId: s.accountId };
}

/**
 * Every server change is audited, refusals included, before the caller hears the answer. A server
 * the viewer may not see is recorded without its id (as for actions), so the log of one account
 * never names another's machines.
 */
async function auditedChange<T>(viewer: User, op: ServerOp, requestedId: string | null, run: (trail: Trail) => Promise<{ value: T; message: string }>): Promise<T> {
  const trail: Trail = { serverId: null, detail: { action: op, ...(requestedId && { requestedServerId: requestedId }) } };
  try {
    await requireRefusalAllowance(viewer);
    const { value, message } = await run(trail);
    await recordAudit({ actor: viewer, serverId: trail.serverId, kind: "server", detail: trail.detail, result: "done", message });
    return value;
  } catch (e) {
    const code = isAppError(e) ? e.code : "INTERNAL";
    const message = isAppError(e) ? e.message : "Reaper failed unexpectedly (see the server log).";
    await recordAudit({ actor: viewer, serverId: trail.serverId, kind: "server", detail: trail.detail, result: isAppError(e) ? "refused" : "failed", code, message });
    throw e;
  }
}

/** Staff only: a customer's server list is looked after by support. */
export async function createServer(viewer: User, input: CreateServerInput): Promise<Server> {
  return auditedChange(viewer, "create", null, async (trail) => {
    requireRight(viewer, "servers:write");
    const id = newId("srv");
    const at = nowIso();
    trail.detail = { ...trail.detail, ...describe({ ...input, accountId: input.accountId ?? null }) };
    await checkAccount(input.accountId);
    await checkHostAllowed(input.host, input.jumpServerId != null);
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
      accountId: input.accountId ?? null,
      useSudo: input.useSudo,
      jumpServerId: input.jumpServerId ?? null,
      scanIntervalMinutes: input.scanIntervalMinutes ?? null,
      createdAt: at,
      updatedAt: at,
    };
    await withJumpChanges(async () => {
      await checkJumpServer(viewer, server, server.jumpServerId);
      await insertStoredServer(server);
    });
    trail.serverId = id;
    return { value: toServer(server, undefined), message: `added server ${server.name} (${server.host}:${server.port})` };
  });
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

/** The fields a PATCH really changes; a secret sent counts as changed (it is never compared). */
function changedFields(server: StoredServer, input: UpdateServerInput): string[] {
  const same: Partial<Record<keyof UpdateServerInput, boolean>> = {
    name: input.name === server.name,
    host: input.host === server.host,
    port: input.port === server.port,
    username: input.username === server.username,
    useSudo: input.useSudo === server.useSudo,
    accountId: input.accountId === server.accountId,
    hostKeyFingerprint: input.hostKeyFingerprint === server.hostKeyFingerprint,
    jumpServerId: input.jumpServerId === server.jumpServerId,
    scanIntervalMinutes: input.scanIntervalMinutes === server.scanIntervalMinutes,
  };
  return (Object.keys(input) as (keyof UpdateServerInput)[]).filter((k) => input[k] !== undefined && !same[k]).sort();
}

/**
 * A pinned key is changed only through the host-key route (verified, audited as a key change), or
 * as part of moving the server to a new address, which is a new machine with a new key.
 */
function checkPinChange(server: StoredServer, input: UpdateServerInput, moved: boolean): void {
  const asked = input.hostKeyFingerprint;
  if (asked === undefined || moved || server.hostKeyFingerprint === null || asked === server.hostKeyFingerprint) return;
  throw new AppError(
    "VALIDATION",
    "hostKeyFingerprint: this server's host key is pinned. To pin a new one after verifying the change, use POST /api/servers/:id/host-key (the server page offers it when a scan meets the new key).",
    { field: "hostKeyFingerprint" },
  );
}

/** Staff only, and audited with the fields that changed. */
export async function updateServer(viewer: User, id: string, input: UpdateServerInput): Promise<Server> {
  return auditedChange(viewer, "update", id, async (trail) => {
    // A server the viewer cannot see is NOT_FOUND before it is FORBIDDEN: ids cannot be probed.
    const before = await requireStoredServer(viewer, id);
    trail.serverId = before.id;
    trail.detail = { action: "update", ...describe(before), changed: changedFields(before, input) };
    requireRight(viewer, "servers:write");
    const { jumpServerId } = input;
    const after =
      jumpServerId === undefined
        ? await applyUpdate(viewer, id, input)
        : await withJumpChanges(async () => {
            await checkJumpServer(viewer, await requireStoredServer(viewer, id), jumpServerId);
            return applyUpdate(viewer, id, input);
          });
    trail.detail = {
      ...trail.detail,
      ...describe(after),
      ...(after.hostKeyFingerprint !== before.hostKeyFingerprint && { previous: before.hostKeyFingerprint, fingerprint: after.hostKeyFingerprint }),
    };
    return { value: after, message: `edited server ${after.name}: ${changedFields(before, input).join(", ") || "nothing"}` };
  });
}

async function applyUpdate(viewer: User, id: string, input: UpdateServerInput): Promise<Server> {
  const server = await requireStoredServer(viewer, id);
  const moved = (input.host !== undefined && input.host !== server.host) || (input.port !== undefined && input.port !== server.port);
  checkPinChange(server, input, moved);
  if (input.accountId !== undefined) await checkAccount(input.accountId);
  if (input.host !== undefined || input.jumpServerId !== undefined) {
    await checkHostAllowed(input.host ?? server.host, (input.jumpServerId === undefined ? server.jumpServerId : input.jumpServerId) !== null);
  }
  const creds = mergedCredentials(server, input);
  await updateStoredServer(id, {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.host !== undefined && { host: input.host }),
    ...(input.port !== undefined && { port: input.port }),
    ...(input.username !== undefined && { username: input.username }),
    ...(input.useSudo !== undefined && { useSudo: input.useSudo }),
    ...(input.jumpServerId !== undefined && { jumpServerId: input.jumpServerId }),
    ...(input.accountId !== undefined && { accountId: input.accountId }),
    ...(input.scanIntervalMinutes !== undefined && { scanIntervalMinutes: input.scanIntervalMinutes }),
    ...(creds && { sealedSecrets: sealCredentials(creds, id), authType: creds.privateKey ? "key" : "password" }),
    // A new address is a new machine as far as its key goes: pin afresh unless one is given.
    ...(moved && { hostKeyFingerprint: null }),
    ...(input.hostKeyFingerprint !== undefined && { hostKeyFingerprint: input.hostKeyFingerprint }),
    updatedAt: nowIso(),
  });
  return getServer(viewer, id);
}

/** Staff only; a server others jump through stays (jump-chain says which). */
export async function deleteServer(viewer: User, id: string): Promise<void> {
  await auditedChange(viewer, "delete", id, async (trail) => {
    const server = await requireStoredServer(viewer, id);
    trail.serverId = server.id;
    trail.detail = { action: "delete", ...describe(server) };
    requireRight(viewer, "servers:write");
    await withJumpChanges(async () => {
      await checkNotAJumpHost(await requireStoredServer(viewer, id));
      await deleteStoredServer(id);
    });
    return { value: undefined, message: `deleted server ${server.name} (${server.host}:${server.port}) and its scans` };
  });
}
