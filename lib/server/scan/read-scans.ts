import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import type { User } from "@/lib/shared/auth/types";
import { listScans } from "@/lib/server/db/scans";
import { readScan } from "@/lib/server/scan/details-step";
import { findStoredServer } from "@/lib/server/db/servers";
import { requireStoredServer } from "@/lib/server/servers/service";
import type { Scan, ScanListItem } from "@/lib/shared/scan/types";

/** A scan is visible exactly when its server is. */
export async function getScan(viewer: User, id: string): Promise<Scan> {
  const scan = await readScan(id);
  if (!scan || !(await findStoredServer(viewer, scan.serverId))) {
    throw new AppError("NOT_FOUND", "No such scan. It may belong to a deleted server; go back to the server list.");
  }
  return scan;
}

/** A server's scan history, newest first; NOT_FOUND when the viewer may not see the server. */
export async function listServerScans(viewer: User, serverId: string, limit: number): Promise<ScanListItem[]> {
  await requireStoredServer(viewer, serverId);
  return listScans(serverId, limit);
}
