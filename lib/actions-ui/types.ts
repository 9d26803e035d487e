// The shapes of POST /api/servers/:id/actions as the pages use them (../shared/API.md).
import { ACTIONS_BY_ROLE } from "@/lib/actions/policy";
import type { ActionKind } from "@/lib/actions/types";
import type { Role } from "@/lib/auth/types";

export type { ActionKind };

export type ActionRequest = { action: ActionKind; pid: number; startTime: number; confirm?: number; reason?: string };

/** The contract's `Action`: the answer once the outcome settled. */
export type ActionResult = {
  id: string;
  action: ActionKind;
  pid: number;
  comm: string;
  status: "done";
  message: string;
  before: { zombies: number };
  after: { zombies: number; parentAlive: boolean };
  // Additions the server may send (used when present, never required):
  /** Former zombies still zombies under PID 1 once the parent ended (an init that does not reap). */
  orphansLeft?: number;
  /** What the server suggests next. */
  next?: "terminate" | "kill" | "restart" | null;
  /** false when the outcome was still changing when the server stopped watching. */
  settled?: boolean;
  /** true when this answer repeats an identical action that had just finished: no second signal. */
  replayed?: boolean;
};

export const SIGNALS: Record<ActionKind, string> = { reap: "SIGCHLD", terminate: "SIGTERM", kill: "SIGKILL" };

/** Which actions a role may send: the server's own policy table, so the buttons never disagree with it. */
export function allowedActions(role: Role): readonly ActionKind[] {
  return ACTIONS_BY_ROLE[role];
}
