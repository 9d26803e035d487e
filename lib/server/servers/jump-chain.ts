import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { findStoredServer, findStoredServerById, listServersJumpingVia, type StoredServer, type Viewer } from "@/lib/server/db/servers";

// A server may be reached through another saved server (a jump host), which may itself be reached
// through one more: two jumps at most, and never a loop. Every change that could break that (a new
// jump host, deleting a bastion) runs one at a time in this process, so two concurrent edits cannot
// build a loop between them; with several app instances this becomes a transaction in the shared store.

export const MAX_JUMPS = 2;

let queue: Promise<unknown> = Promise.resolve();

/** Runs changes to who-jumps-through-whom one after another. */
export function withJumpChanges<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

const invalid = (message: string) => new AppError("VALIDATION", `jumpServerId: ${message}`, { field: "jumpServerId" });

/** How many servers deep others reach `id` through jumps (0: nobody connects through it). */
async function dependentDepth(id: string): Promise<number> {
  let level = [id];
  for (let depth = 0; depth <= MAX_JUMPS; depth++) {
    const next = await listServersJumpingVia(level);
    if (next.length === 0) return depth;
    level = next.map((s) => s.id);
  }
  return MAX_JUMPS + 1;
}

/**
 * Refuses a jump host that is not another server the viewer may use, or that would make a loop or a
 * chain of more than MAX_JUMPS jumps for this server or any server that connects through it.
 */
export async function checkJumpServer(viewer: Viewer, server: { id: string; name: string }, jumpServerId: string | null): Promise<void> {
  if (jumpServerId === null) return;
  if (jumpServerId === server.id) throw invalid("a server cannot be its own jump host. Choose another saved server, or null to connect directly.");
  const bastion = await findStoredServer(viewer, jumpServerId);
  if (!bastion) throw invalid("no saved server you may use has this id. Choose one from the server list, or null to connect directly.");
  const chain: StoredServer[] = [bastion];
  for (let next = bastion.jumpServerId; next !== null && chain.length <= MAX_JUMPS + 1; ) {
    if (next === server.id) throw invalid(`${bastion.name} already connects through ${server.name}: jumping through it would make a loop.`);
    const hop = await findStoredServerById(next);
    if (!hop) break;
    chain.push(hop);
    next = hop.jumpServerId;
  }
  const below = await dependentDepth(server.id);
  const total = below + chain.length;
  if (total > MAX_JUMPS) {
    const path = [server.name, ...chain.map((s) => s.name)].join(" → ");
    const others = below > 0 ? ` for the servers that connect through ${server.name}` : "";
    throw invalid(`that makes a chain of ${total} jump hosts${others} (${below > 0 ? "… → " : ""}${path}); Reaper goes through ${MAX_JUMPS} at most.`);
  }
}

/** Refuses to delete a server others connect through: they would silently lose their way in. */
export async function checkNotAJumpHost(server: StoredServer): Promise<void> {
  const users = await listServersJumpingVia([server.id]);
  if (users.length === 0) return;
  const names = users.slice(0, 5).map((s) => s.name).join(", ") + (users.length > 5 ? ` and ${users.length - 5} more` : "");
  throw new AppError("CONFLICT", `${server.name} is the jump host of ${names}. Give them another jump host (or none) first, then delete it.`);
}
