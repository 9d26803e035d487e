import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { User } from "@/lib/auth/types";
import { appendAudit } from "@/lib/db/audit";
import { nowIso } from "@/lib/db/ids";
import { updateServerRow } from "@/lib/db/servers";
import { getServer, requireServerRow } from "@/lib/servers/service";
import type { Server } from "@/lib/servers/types";

/** Pins a new host key after a verified change; staff only, and always audited. */
export async function pinHostKey(viewer: User, serverId: string, fingerprint: string): Promise<Server> {
  const row = await requireServerRow(viewer, serverId);
  const detail = { previous: row.host_key_fingerprint, fingerprint };
  if (viewer.role === "customer") {
    await appendAudit({ actor: viewer, serverId, kind: "host-key", detail, result: "refused", code: "FORBIDDEN", message: "customers may not re-pin host keys" });
    throw new AppError("FORBIDDEN", "Only support staff may pin a new host key. Ask your support contact to verify the change.");
  }
  await updateServerRow(serverId, { host_key_fingerprint: fingerprint, updated_at: nowIso() });
  await appendAudit({ actor: viewer, serverId, kind: "host-key", detail, result: "done", message: `pinned ${fingerprint} (was ${row.host_key_fingerprint ?? "none"})` });
  return getServer(viewer, serverId);
}
