"use client";

import useSWR from "swr";
import type { ScanListItem } from "@/lib/shared/scan/types";
import { SCAN_HISTORY_LIMIT } from "@/lib/shared/schemas/scan";
import { fetcher } from "@/lib/client/fetcher";

export const scansKey = (serverId: string) => `/api/servers/${serverId}/scans?limit=${SCAN_HISTORY_LIMIT}`;

/** The server's recent scans, newest first. */
export function useScans(serverId: string, fallback?: ScanListItem[]) {
  const res = useSWR<{ scans: ScanListItem[] }>(scansKey(serverId), fetcher, fallback ? { fallbackData: { scans: fallback } } : undefined);
  return { ...res, scans: res.data?.scans };
}
