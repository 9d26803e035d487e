import "server-only";
import type { User } from "@/lib/shared/auth/types";
import type { AuditEvent } from "@/lib/shared/audit/types";
import { listAuditEvents } from "@/lib/server/db/audit";
import { closeQuietBursts } from "@/lib/server/audit/refusal-limit";
import type { AuditQuery } from "@/lib/shared/schemas/audit";

/**
 * Newest first. Staff see every event; a customer sees the events on its own account's servers
 * (what was done to its machines, and by whom), never events without a server or on others'.
 * Filtering by a server the viewer cannot see simply finds nothing.
 */
export async function listAudit(viewer: User, query: AuditQuery): Promise<AuditEvent[]> {
  await closeQuietBursts();
  return listAuditEvents({
    serverId: query.serverId,
    actorId: query.actorId,
    limit: query.limit,
    ...(viewer.role === "customer" && { accountId: viewer.accountId }),
  });
}
