"use client";

import useSWR, { mutate } from "swr";
import type { CreateSnapshotInput } from "@/lib/shared/schemas/snapshot";
import type { NewSnapshot, SnapshotInfo } from "@/lib/shared/snapshots/types";
import { fetcher, sendJson } from "@/lib/client/fetcher";

const SNAPSHOTS = "/api/snapshots";
const keyOf = (serverId: string) => `${SNAPSHOTS}?serverId=${encodeURIComponent(serverId)}`;

/** The links shared from one server's scans, newest first (never their tokens). */
export function useSnapshots(serverId: string) {
  const res = useSWR<{ snapshots: SnapshotInfo[] }>(keyOf(serverId), fetcher);
  return { ...res, snapshots: res.data?.snapshots };
}

/** Shares a scan; the link is in this answer only. */
export async function postSnapshot(serverId: string, input: Partial<CreateSnapshotInput> & { scanId: string }): Promise<NewSnapshot> {
  const created = await sendJson<NewSnapshot>("POST", SNAPSHOTS, input);
  await mutate(keyOf(serverId));
  return created;
}

export async function revokeSnapshot(serverId: string, id: string): Promise<void> {
  await sendJson<undefined>("DELETE", `${SNAPSHOTS}/${encodeURIComponent(id)}`);
  await mutate(keyOf(serverId));
}
