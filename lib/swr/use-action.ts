"use client";

import { useCallback, useRef, useState } from "react";
import { mutate } from "swr";
import type { ActionKind, ActionRequest, ActionResult } from "@/lib/actions-ui/types";
import { sendJson } from "@/lib/swr/fetcher";

// POST /api/servers/:id/actions (../shared/API.md, "Actions on a zombie's parent").
export type { ActionKind, ActionRequest, ActionResult } from "@/lib/actions-ui/types";

export const actionsUrl = (serverId: string) => `/api/servers/${serverId}/actions`;

/** Sends one action; the audit log changed either way, so every cached audit listing is refreshed. */
export async function sendAction(serverId: string, body: ActionRequest): Promise<ActionResult> {
  try {
    return await sendJson<ActionResult>("POST", actionsUrl(serverId), body);
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
    async (body: ActionRequest): Promise<ActionResult | undefined> => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setPending(body.action);
      try {
        return await sendAction(serverId, body);
      } finally {
        inFlight.current = false;
        setPending(null);
      }
    },
    [serverId],
  );

  return { run, pending };
}
