"use client";

import useSWR, { mutate } from "swr";
import type { SessionInfo } from "@/lib/shared/auth/types";
import { fetcher, sendJson } from "@/lib/client/fetcher";

export const SESSIONS_KEY = "/api/sessions";

/** Where the caller is logged in. */
export function useSessions(fallback?: SessionInfo[]) {
  const res = useSWR<{ sessions: SessionInfo[] }>(SESSIONS_KEY, fetcher, fallback ? { fallbackData: { sessions: fallback } } : undefined);
  return { ...res, sessions: res.data?.sessions };
}

export async function endSession(id: string): Promise<void> {
  await sendJson<undefined>("DELETE", `${SESSIONS_KEY}/${id}`, undefined, { redirectOn401: false });
  await mutate(SESSIONS_KEY);
}
