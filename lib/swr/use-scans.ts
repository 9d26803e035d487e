"use client";

import useSWR from "swr";
import type { ScanSummary } from "@/lib/procs/types";
import { fetcher } from "@/lib/swr/fetcher";

/** A row of GET /api/servers/:id/scans. */
export type ScanListItem = { id: string; startedAt: string; durationMs: number; summary: ScanSummary };

/** Enough for the history chart; the list beside it shows the newest few. */
export const SCAN_HISTORY_LIMIT = 30;
export const scansKey = (serverId: string) => `/api/servers/${serverId}/scans?limit=${SCAN_HISTORY_LIMIT}`;

/** The server's recent scans, newest first. */
export function useScans(serverId: string, fallback?: ScanListItem[]) {
  const res = useSWR<{ scans: ScanListItem[] }>(scansKey(serverId), fetcher, fallback ? { fallbackData: { scans: fallback } } : undefined);
  return { ...res, scans: res.data?.scans };
}
