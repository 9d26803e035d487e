// The shapes of POST /api/servers/:id/actions as the pages use them (../shared/API.md).
import type { Role } from "@/lib/auth/types";

export type ActionKind = "reap" | "terminate" | "kill";

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

/** Which actions a role may send: staff all three, a customer only the harmless reap. */
export function allowedActions(role: Role): ActionKind[] {
  return role === "customer" ? ["reap"] : ["reap", "terminate", "kill"];
}
