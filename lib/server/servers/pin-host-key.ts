import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import type { User } from "@/lib/shared/auth/types";
import { refusalFor } from "@/lib/server/auth/rights";
import { recordAudit, requireRefusalAllowance } from "@/lib/server/audit/refusal-limit";
import { may } from "@/lib/shared/actions/policy";
import { nowIso } from "@/lib/server/db/ids";
import { updateStoredServer } from "@/lib/server/db/servers";
import { getServer, requireStoredServer } from "@/lib/server/servers/service";
import type { Server } from "@/lib/shared/servers/types";

/** Pins a new host key after a verified change; staff only, and always audited. */
export async function pinHostKey(viewer: User, serverId: string, fingerprint: string): Promise<Server> {
  await requireRefusalAllowance(viewer);
  const server = await requireStoredServer(viewer, serverId);
  const detail = { previous: server.hostKeyFingerprint, fingerprint };
  if (!may(viewer.role, "host-key:pin")) {
    await recordAudit({ actor: viewer, serverId, kind: "host-key", detail, result: "refused", code: "FORBIDDEN", message: `${viewer.role}s may not re-pin host keys` });
    throw new AppError("FORBIDDEN", refusalFor("host-key:pin"));
  }
  await updateStoredServer(serverId, { hostKeyFingerprint: fingerprint, updatedAt: nowIso() });
  await recordAudit({ actor: viewer, serverId, kind: "host-key", detail, result: "done", message: `pinned ${fingerprint} (was ${server.hostKeyFingerprint ?? "none"})` });
  return getServer(viewer, serverId);
}
