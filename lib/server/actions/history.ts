import "server-only";
import { listAuditDetails } from "@/lib/server/db/audit";
import { TERMINATE_COUNTS_FOR_MS } from "@/lib/shared/actions/policy";
import type { Action, ActionKind } from "@/lib/shared/actions/types";

// What the audit log says about earlier actions on the same process. The log is the memory
// (not process state), so the answers hold across restarts and, later, across instances.

/** An identical action that finished this recently is a double submission: its answer is repeated. */
export const REPLAY_WINDOW_MS = 5_000;

type Target = { serverId: string; pid: number; startTime: number };

async function recentActions(serverId: string, withinMs: number) {
  const since = new Date(Date.now() - withinMs).toISOString();
  return listAuditDetails({ serverId, kind: "action", since, limit: 500 });
}

const sameTarget = (d: { pid?: number; startTime?: number }, t: Target): boolean => d.pid === t.pid && d.startTime === t.startTime;

/** Was SIGTERM sent to this very process (pid + start time) on this server within the last hour? */
export async function terminateWasTried(t: Target): Promise<boolean> {
  const events = await recentActions(t.serverId, TERMINATE_COUNTS_FOR_MS);
  return events.some(({ result, detail }) => result === "done" && detail.action === "terminate" && detail.signalled === true && sameTarget(detail, t));
}

/** The answer of an identical action that sent its signal moments ago, if any. */
export async function recentIdenticalAction(t: Target & { action: ActionKind }): Promise<Action | null> {
  const events = await recentActions(t.serverId, REPLAY_WINDOW_MS);
  const hit = events.find(
    ({ result, detail }) => result === "done" && detail.signalled === true && detail.action === t.action && sameTarget(detail, t) && detail.answer !== undefined,
  );
  return hit ? (hit.detail.answer as Action) : null;
}
