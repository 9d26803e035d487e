import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { findStoredServerById, type StoredServer } from "@/lib/server/db/servers";
import { unsealCredentials } from "@/lib/server/servers/credentials";
import { MAX_JUMPS } from "@/lib/server/servers/jump-chain";
import type { SshTarget } from "@/lib/server/ssh/types";

/**
 * How to reach a saved server: its address and unsealed credentials, and its jump hosts' (each
 * with its own pinned key), whoever asks: a customer's server may go through a staff bastion.
 */
export async function sshTargetOf(server: StoredServer, hops = 0): Promise<SshTarget> {
  const creds = unsealCredentials(server);
  let jump: SshTarget | null = null;
  if (server.jumpServerId !== null) {
    // The servers service keeps chains short and acyclic; this only stops a store edited by hand.
    if (hops >= MAX_JUMPS) throw new AppError("CONFLICT", `${server.name} is reached through more than ${MAX_JUMPS} jump hosts; edit its jump host.`);
    const bastion = await findStoredServerById(server.jumpServerId);
    if (!bastion) throw new AppError("CONFLICT", `The jump host of ${server.name} no longer exists; edit the server.`);
    jump = await sshTargetOf(bastion, hops + 1);
  }
  return { host: server.host, port: server.port, username: server.username, ...creds, hostKeyFingerprint: server.hostKeyFingerprint, serverId: server.id, name: server.name, jump };
}
