import type { ActionDetail } from "@/lib/shared/audit/types";

/** Facts gathered along an action, so a refusal is audited with whatever was known by then. */
export type Trail = { serverId: string | null; detail: ActionDetail };
