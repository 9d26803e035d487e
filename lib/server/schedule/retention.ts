import "server-only";
import { pruneScans } from "@/lib/server/db/scans";
import { pruneSnapshotImages } from "@/lib/server/db/snapshot-images";
import { pruneDeliveries } from "@/lib/server/db/webhooks";
import { env } from "@/lib/server/env";

/**
 * Scan history older than REAPER_SCAN_RETENTION_DAYS goes, except each server's newest scan (the
 * server list and alerting read it); so do settled webhook deliveries of the same age. Pictures of
 * dead snapshot links go at once; the links themselves stay, so they keep answering 410, not 404.
 */
export async function pruneHistory(now: Date): Promise<{ scans: number; deliveries: number; snapshotImages: number }> {
  const cutoff = new Date(now.getTime() - env().REAPER_SCAN_RETENTION_DAYS * 24 * 60 * 60 * 1000).toISOString();
  return { scans: await pruneScans(cutoff), deliveries: await pruneDeliveries(cutoff), snapshotImages: await pruneSnapshotImages(now.toISOString()) };
}
