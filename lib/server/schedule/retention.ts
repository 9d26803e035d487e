import "server-only";
import { pruneDeliveries } from "@/lib/server/db/webhooks";
import { pruneScans } from "@/lib/server/db/scans";
import { env } from "@/lib/server/env";

/**
 * Scan history older than REAPER_SCAN_RETENTION_DAYS goes, except each server's newest scan (the
 * server list and alerting read it); so do settled webhook deliveries of the same age.
 */
export async function pruneHistory(now: Date): Promise<{ scans: number; deliveries: number }> {
  const cutoff = new Date(now.getTime() - env().REAPER_SCAN_RETENTION_DAYS * 24 * 60 * 60 * 1000).toISOString();
  return { scans: await pruneScans(cutoff), deliveries: await pruneDeliveries(cutoff) };
}
