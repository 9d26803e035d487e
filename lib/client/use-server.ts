"use client";

import useSWR, { mutate } from "swr";
import type { Server } from "@/lib/shared/servers/types";
import { fetcher, sendJson } from "@/lib/client/fetcher";

export const serverKey = (id: string) => `/api/servers/${id}`;

/** One server (its pinned host key and last scan). */
export function useServer(id: string, fallback?: Server) {
  const res = useSWR<Server>(serverKey(id), fetcher, fallback ? { fallbackData: fallback } : undefined);
  return { ...res, server: res.data };
}

/** Pins a new host key after a verified change (agent and admin only; audited by the API). */
export async function postHostKey(id: string, fingerprint: string): Promise<Server> {
  const server = await sendJson<Server>("POST", `${serverKey(id)}/host-key`, { fingerprint });
  await Promise.all([mutate(serverKey(id), server, { revalidate: false }), mutate("/api/servers")]);
  return server;
}
