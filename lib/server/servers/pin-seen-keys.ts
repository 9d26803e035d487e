import "server-only";
import { nowIso } from "@/lib/server/db/ids";
import { pinHostKeyIfUnset, type StoredServer } from "@/lib/server/db/servers";
import type { ExecResult } from "@/lib/server/ssh/types";

/** Pins, on first contact, the host key of the server and of every jump host on the way that has none yet. */
export async function pinFirstSeenKeys(server: StoredServer, seen: Pick<ExecResult, "hostKeyFingerprint" | "jumpHostKeys">): Promise<void> {
  const at = nowIso();
  if (server.hostKeyFingerprint === null && seen.hostKeyFingerprint) await pinHostKeyIfUnset(server.id, seen.hostKeyFingerprint, at);
  for (const hop of seen.jumpHostKeys) {
    if (hop.serverId && hop.hostKeyFingerprint) await pinHostKeyIfUnset(hop.serverId, hop.hostKeyFingerprint, at);
  }
}
