// The shapes of POST /api/servers/:id/actions as the pages use them (../shared/API.md).
import { ACTIONS_BY_ROLE } from "@/lib/actions/policy";
import { SIGNAL_OF, type Action, type ActionKind } from "@/lib/actions/types";
import type { Role } from "@/lib/auth/types";

export type { ActionKind };

export type ActionRequest = { action: ActionKind; pid: number; startTime: number; confirm?: number; reason?: string };

/**
 * The contract's `Action` as the page reads it: the contract's fields, and the server's additions
 * as optional, so an older or newer server never breaks the page.
 */
export type ActionResult = Pick<Action, "id" | "action" | "pid" | "comm" | "status" | "message" | "before" | "after"> &
  Partial<Pick<Action, "orphansLeft" | "next" | "settled" | "replayed">>;

/** "SIGCHLD" for reap, and so on: from the server's own action-to-signal table. */
export const SIGNALS = {
  reap: `SIG${SIGNAL_OF.reap}`,
  terminate: `SIG${SIGNAL_OF.terminate}`,
  kill: `SIG${SIGNAL_OF.kill}`,
} as const satisfies Record<ActionKind, string>;

/** Which actions a role may send: the server's own policy table, so the buttons never disagree with it. */
export function allowedActions(role: Role): readonly ActionKind[] {
  return ACTIONS_BY_ROLE[role];
}
