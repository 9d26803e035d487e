"use client";

import useSWR, { mutate } from "swr";
import type { ServerAlert, ThresholdSet, ThresholdSettings, Thresholds } from "@/lib/shared/alerts/types";
import { fetcher, sendJson } from "@/lib/client/fetcher";

export type { ServerAlert, ThresholdSettings };

export const ALERTS_KEY = "/api/alerts";
export const THRESHOLDS_KEY = "/api/alerts/thresholds";

/** The servers the caller may see that are at risk now (GET /api/alerts). */
export function useAlerts(fallback?: ServerAlert[]) {
  const res = useSWR<{ alerts: ServerAlert[] }>(ALERTS_KEY, fetcher, { ...(fallback && { fallbackData: { alerts: fallback } }), refreshInterval: 30_000 });
  return { ...res, alerts: res.data?.alerts };
}

/** The defaults, the global set and every account's own set (staff). */
export function useThresholds(fallback?: ThresholdSettings) {
  const res = useSWR<ThresholdSettings>(THRESHOLDS_KEY, fetcher, fallback ? { fallbackData: fallback } : undefined);
  return { ...res, settings: res.data };
}

/** Saves the global set (`scope` "global") or an account's own set (admin). */
export async function putThresholds(scope: string, thresholds: Thresholds): Promise<ThresholdSet> {
  const set = await sendJson<ThresholdSet>("PUT", `${THRESHOLDS_KEY}/${encodeURIComponent(scope)}`, thresholds);
  await mutate(THRESHOLDS_KEY);
  return set;
}

/** The account goes back to the global set (admin). */
export async function clearThresholds(accountId: string): Promise<void> {
  await sendJson<undefined>("DELETE", `${THRESHOLDS_KEY}/${encodeURIComponent(accountId)}`);
  await mutate(THRESHOLDS_KEY);
}
