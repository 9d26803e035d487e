import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { may, type Capability } from "@/lib/shared/actions/policy";
import type { User } from "@/lib/shared/auth/types";

const REFUSALS: Record<Capability, string> = {
  "servers:write": "Only support staff may add, edit or delete servers. Ask your support contact.",
  "host-key:pin": "Only support staff may pin a new host key. Ask your support contact to verify the change.",
  "accounts:read": "Only support staff see accounts.",
  "accounts:write": "Only admins may create or rename accounts.",
  "people:manage": "Only admins may manage people.",
  "servers:inspect": "Only support staff see the full server page; your panel shows your server.",
  "alerts:manage": "Only admins may change alert thresholds and webhooks. Ask an admin.",
};

/** FORBIDDEN unless the caller's role has this right (lib/shared/actions/policy.ts). */
export function requireRight(user: User, capability: Capability): void {
  if (!may(user.role, capability)) throw new AppError("FORBIDDEN", REFUSALS[capability]);
}

/** The refusal's words, for callers that audit it before throwing. */
export function refusalFor(capability: Capability): string {
  return REFUSALS[capability];
}
