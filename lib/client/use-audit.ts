"use client";

import useSWR from "swr";
import type { AuditEvent } from "@/lib/shared/audit/types";
import { fetcher } from "@/lib/client/fetcher";

export type { AuditEvent };

export type AuditQuery = { serverId?: string; actorId?: string; limit: number };

export function auditKey({ serverId, actorId, limit }: AuditQuery): string {
  const params = new URLSearchParams();
  if (serverId) params.set("serverId", serverId);
  if (actorId) params.set("actorId", actorId);
  params.set("limit", String(limit));
  return `/api/audit?${params.toString()}`;
}

/** The audit log as the caller may see it. */
export function useAudit(query: AuditQuery) {
  const res = useSWR<{ events: AuditEvent[] }>(auditKey(query), fetcher, { keepPreviousData: true });
  return { ...res, events: res.data?.events };
}
