import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { User } from "@/lib/auth/types";
import { findScan } from "@/lib/db/scans";
import { findServerRow } from "@/lib/db/servers";
import type { Scan } from "@/lib/procs/types";

/** A scan is visible exactly when its server is. */
export async function getScan(viewer: User, id: string): Promise<Scan> {
  const scan = await findScan(id);
  if (!scan || !(await findServerRow(viewer, scan.serverId))) {
    throw new AppError("NOT_FOUND", "No such scan. It may belong to a deleted server; go back to the server list.");
  }
  return scan;
}
