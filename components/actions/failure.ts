"use client";

import type { ActionFailure } from "@/components/actions/action-memory";
import type { ActionKind } from "@/lib/shared/actions/types";
import { isApiError } from "@/lib/client/fetcher";

/** An error thrown by sendAction as the UI keeps it (code, the API's message, the owner if named). */
export function toFailure(action: ActionKind, e: unknown): ActionFailure {
  if (isApiError(e)) return { action, code: e.code, message: e.message, owner: e.detail("owner"), viaSudo: e.detail("via") === "sudo" };
  return { action, code: null, message: "The action failed before Reaper answered.", owner: null, viaSudo: false };
}
