"use client";

import { useCallback, useRef, useState } from "react";
import { mutate } from "swr";
import type { Action, ActionKind, ActionRequest } from "@/lib/shared/actions/types";
import { sendJson } from "@/lib/client/fetcher";

export const actionsUrl = (serverId: string) => `/api/servers/${serverId}/actions`;

/** Sends one action; the audit log changed either way, so every cached audit listing is refreshed. */
export async function postAction(serverId: string, body: ActionRequest): Promise<Action> {
  try {
    return await sendJson<Action>("POST", actionsUrl(serverId), body);
  } finally {
    void mutate((key) => typeof key === "string" && key.startsWith("/api/audit"));
  }
}

/**
 * One action at a time from this component: while a request is in flight a second call is ignored
 * (a ref, so even two clicks in the same frame send one request).
 */
export function useAction(serverId: string) {
  const inFlight = useRef(false);
  const [pending, setPending] = useState<ActionKind | null>(null);

  const run = useCallback(
    async (body: ActionRequest): Promise<Action | undefined> => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setPending(body.action);
      try {
        return await postAction(serverId, body);
      } finally {
        inFlight.current = false;
        setPending(null);
      }
    },
    [serverId],
  );

  return { run, pending };
}
