// Who may do what: the signals each role may send, and every other right a role has. Pure: the
// caller passes in what it looked up (the role, whether a terminate was tried). Buttons, pages
// and the server all read these two tables, so a role's rights change here and nowhere else.
import type { Role } from "@/lib/shared/auth/types";
import type { ActionKind, ActionRequest } from "@/lib/shared/actions/types";

/** The signals each role may send. Customers act only on their own account's servers (tenancy). */
export const ACTIONS_BY_ROLE: Readonly<Record<Role, readonly ActionKind[]>> = {
  admin: ["reap", "terminate", "kill", "restart"],
  agent: ["reap", "terminate", "kill", "restart"],
  // Reap is harmless; terminate ("Restart the leaking program" on the panel) is guarded by the
  // typed PID and the what-it-breaks preview; restarting a service is what their own admins would
  // do. Kill stays with support.
  customer: ["reap", "terminate", "restart"],
};

/** Rights beyond signals. */
export const CAPABILITIES = [
  /** Add, edit and delete servers (every change audited). */
  "servers:write",
  /** Pin a new host key after a verified change. */
  "host-key:pin",
  /** See every account and its servers and people (read-only). */
  "accounts:read",
  /** Create and rename accounts. */
  "accounts:write",
  /** Create, change, disable and delete people. */
  "people:manage",
  /** Open the agent's server page (customers get their panel instead). */
  "servers:inspect",
  /** Set alert thresholds and manage webhooks (they call out of Reaper with fleet facts). */
  "alerts:manage",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const CAPABILITIES_BY_ROLE: Readonly<Record<Role, readonly Capability[]>> = {
  admin: ["servers:write", "host-key:pin", "accounts:read", "accounts:write", "people:manage", "servers:inspect", "alerts:manage"],
  agent: ["servers:write", "host-key:pin", "accounts:read", "servers:inspect"],
  customer: [],
};

export function may(role: Role, capability: Capability): boolean {
  return CAPABILITIES_BY_ROLE[role].includes(capability);
}

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
