// Who may send which signal, and the checks that need no round trip to the server. Pure: the
// caller passes in what it looked up (the role, whether a terminate was tried).
import type { Role } from "@/lib/shared/auth/types";
import type { ActionKind, ActionRequest } from "@/lib/shared/actions/types";

/** The policy as data: change a role's rights here, nowhere else. */
export const ACTIONS_BY_ROLE: Readonly<Record<Role, readonly ActionKind[]>> = {
  admin: ["reap", "terminate", "kill", "restart"],
  agent: ["reap", "terminate", "kill", "restart"],
  // Customers may ask a parent to collect its children and restart a service on their own servers
  // (the way their own admins would); signals that stop a parent stay with support for now.
  customer: ["reap", "restart"],
};

/** Actions that stop the parent: the caller must type the PID back. */
export const NEEDS_CONFIRMATION: readonly ActionKind[] = ["terminate", "kill", "restart"];

/** How long a terminate counts as "tried" for a later kill of the same process. */
export const TERMINATE_COUNTS_FOR_MS = 60 * 60 * 1000;

export type PolicyRefusal = { code: "FORBIDDEN" | "PROTECTED_PROCESS" | "CONFIRMATION_REQUIRED"; message: string };

export type PolicyInput = { role: Role; request: ActionRequest; terminateTried: boolean };

export const PID1_MESSAGE =
  "PID 1 is the init of this server or container: signalling it would stop everything in it, and its zombies are collected only when init itself waits for them. " +
  "Restart the container or the service whose processes left them instead.";

export function mayRun(role: Role, action: ActionKind): boolean {
  return ACTIONS_BY_ROLE[role].includes(action);
}

/** The refusals decided before connecting, in the order the caller should hear them; null = go ahead. */
export function checkPolicy({ role, request, terminateTried }: PolicyInput): PolicyRefusal | null {
  const { action, pid } = request;
  if (!mayRun(role, action)) {
    const allowed = ACTIONS_BY_ROLE[role];
    return {
      code: "FORBIDDEN",
      message: `Your role (${role}) may not ${action === "restart" ? "restart services" : `${action} processes`}${allowed.length ? `; it may ${allowed.join(", ")}` : ""}. Ask your support contact to do it.`,
    };
  }
  if (pid === 1) return { code: "PROTECTED_PROCESS", message: PID1_MESSAGE };
  if (pid === 2) return { code: "PROTECTED_PROCESS", message: "PID 2 is the kernel's thread starter (kthreadd); Reaper never signals kernel threads." };
  if (NEEDS_CONFIRMATION.includes(action)) {
    const confirm = request.confirm === undefined ? "" : String(request.confirm).trim();
    if (confirm !== String(pid)) {
      const what = confirm === "" ? "is missing" : `(${confirm.slice(0, 20)}) does not match the PID`;
      const verb = action === "restart" ? "restart the service of" : action;
      return { code: "CONFIRMATION_REQUIRED", message: `confirm ${what}: to ${verb} PID ${pid}, type the PID (${pid}) to confirm. Nothing was sent.` };
    }
  }
  if (action === "kill" && !terminateTried && !request.reason?.trim()) {
    return {
      code: "CONFIRMATION_REQUIRED",
      message: `Kill is for a process that terminate did not end: terminate PID ${pid} first, or give a reason for killing it at once. Nothing was sent.`,
    };
  }
  return null;
}
