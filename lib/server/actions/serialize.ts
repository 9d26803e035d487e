import "server-only";
import { withStoreLock } from "@/lib/server/db/store-lock";

// Actions on one server run one at a time, so a double click is decided by the first request's
// result (see run-action.ts) and two signals never race on the same host. The lock lives in the
// store: with several instances on PostgreSQL, the same action sent to two of them still waits its
// turn, and the duplicate check reads the shared audit table.

/** Runs fn after every earlier call for the same server has finished (succeeded or failed). */
export function withServerLock<T>(serverId: string, fn: () => Promise<T>): Promise<T> {
  return withStoreLock(`server-actions:${serverId}`, fn);
}
