import "server-only";
import type { User } from "@/lib/auth/types";
import { toAuditEvent } from "@/lib/audit/to-event";
import type { AuditEvent } from "@/lib/audit/types";
import { listAuditRows } from "@/lib/db/audit";
import type { AuditQuery } from "@/lib/schemas/audit";

/**
 * Newest first. Staff see every event; a customer sees the events on its own account's servers
 * (what was done to its machines, and by whom), never events without a server or on others'.
 * Filtering by a server the viewer cannot see simply finds nothing.
 */
export async function listAudit(viewer: User, query: AuditQuery): Promise<AuditEvent[]> {
  const rows = await listAuditRows({
    serverId: query.serverId,
    actorId: query.actorId,
    limit: query.limit,
    ...(viewer.role === "customer" && { accountId: viewer.accountId }),
  });
  return rows.map(toAuditEvent);
}
