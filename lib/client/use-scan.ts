"use client";

import useSWR, { mutate } from "swr";
import type { Scan } from "@/lib/shared/scan/types";
import { fetcher, sendJson } from "@/lib/client/fetcher";
import { scansKey } from "@/lib/client/use-scans";
import { serverKey } from "@/lib/client/use-server";

export const scanKey = (id: string) => `/api/scans/${id}`;

/** While the details step still runs on the server, the stored scan is read again this often. */
const DETAILS_POLL_MS = 500;

/**
 * One stored scan; `null` id means "no scan to show" (never scanned). A scan never changes, except
 * that its details step (ps, then pstree) lands after it (`psPending`, `pstreePending` until then):
 * it is polled meanwhile.
 */
export function useScan(id: string | null, fallback?: Scan) {
  const res = useSWR<Scan>(id ? scanKey(id) : null, fetcher, {
    revalidateOnFocus: false,
    revalidateIfStale: false,
    refreshInterval: (latest) => (latest?.psPending || latest?.pstreePending ? DETAILS_POLL_MS : 0),
    ...(fallback && fallback.id === id ? { fallbackData: fallback } : {}),
  });
  return { ...res, scan: res.data };
}

/** Scans the server now; the new scan goes into the cache, the history and the server refresh. */
export async function postScan(serverId: string): Promise<Scan> {
  const scan = await sendJson<Scan>("POST", `${serverKey(serverId)}/scans`);
  await mutate(scanKey(scan.id), scan, { revalidate: false });
  await Promise.all([mutate(serverKey(serverId)), mutate(scansKey(serverId)), mutate("/api/servers")]);
  return scan;
}
