"use client";

import useSWR from "swr";
import type { ServiceUnit } from "@/lib/shared/actions/service-unit";
import { fetcher } from "@/lib/client/fetcher";

export const serviceUnitKey = (serverId: string, pid: number, startTime: number) => `/api/servers/${serverId}/unit?pid=${pid}&startTime=${startTime}`;

/** The systemd service that owns a process, read from the server when the restart dialog opens (never cached across processes). */
export function useServiceUnit(serverId: string, pid: number, startTime: number) {
  const res = useSWR<ServiceUnit>(serviceUnitKey(serverId, pid, startTime), fetcher, { revalidateOnFocus: false, shouldRetryOnError: false });
  return { ...res, unit: res.data };
}
