"use client";

import useSWR, { mutate } from "swr";
import type { CreateServerInput, UpdateServerInput } from "@/lib/shared/schemas/server";
import type { Server } from "@/lib/shared/servers/types";
import { fetcher, sendJson } from "@/lib/client/fetcher";

export const SERVERS_KEY = "/api/servers";

/** The servers the caller may see, with each one's last scan. */
export function useServers(fallback?: Server[]) {
  const res = useSWR<{ servers: Server[] }>(SERVERS_KEY, fetcher, fallback ? { fallbackData: { servers: fallback } } : undefined);
  return { ...res, servers: res.data?.servers };
}

/** The request body of POST /api/servers as the form sends it (port already a number). */
export type NewServer = Partial<CreateServerInput> & Pick<CreateServerInput, "name" | "host" | "username">;

export async function postServer(input: NewServer): Promise<Server> {
  const server = await sendJson<Server>("POST", SERVERS_KEY, input);
  await mutate(SERVERS_KEY);
  return server;
}

export async function patchServer(id: string, changes: UpdateServerInput): Promise<Server> {
  const server = await sendJson<Server>("PATCH", `${SERVERS_KEY}/${id}`, changes);
  await Promise.all([mutate(SERVERS_KEY), mutate(`${SERVERS_KEY}/${id}`, server, { revalidate: false })]);
  return server;
}

export async function removeServer(id: string): Promise<void> {
  await sendJson<undefined>("DELETE", `${SERVERS_KEY}/${id}`);
  await mutate(SERVERS_KEY);
}
