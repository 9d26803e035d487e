"use client";

import useSWR from "swr";
import { fetcher } from "@/lib/swr/fetcher";

/** One row of GET /api/audit (../shared/API.md): append-only, newest first. */
export type AuditEvent = {
  id: string;
  at: string;
  actor: { id: string; email: string };
  serverId: string | null;
  kind: string;
  action?: string;
  pid?: number;
  comm?: string;
  startTime?: number;
  /** Extensions the server may send: the signal name and the reason typed for a kill. */
  signal?: string;
  reason?: string;
  result: "done" | "refused" | "failed";
  code?: string | null;
  message: string;
};

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
