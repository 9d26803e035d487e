import "server-only";

// Actions on one server run one at a time, so a double click is decided by the first request's
// result (see run-action.ts) and two signals never race on the same host. This is an in-process
// queue: with several app instances it becomes a lock in the shared database, e.g. PostgreSQL's
// `pg_advisory_xact_lock(hashtext(server_id))` held for the action's duration, or an
// `action_locks(server_id primary key, holder, expires_at)` row taken with INSERT … ON CONFLICT
// DO NOTHING and retried; the duplicate check already reads the shared audit table.
const globalKey = Symbol.for("reaper.actionQueues");
type WithQueues = typeof globalThis & { [globalKey]?: Map<string, Promise<void>> };

function queues(): Map<string, Promise<void>> {
  const g = globalThis as WithQueues;
  g[globalKey] ??= new Map();
  return g[globalKey];
}

/** Runs fn after every earlier call for the same server has finished (succeeded or failed). */
export async function withServerLock<T>(serverId: string, fn: () => Promise<T>): Promise<T> {
  const q = queues();
  const previous = q.get(serverId) ?? Promise.resolve();
  let release: () => void = () => undefined;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => mine);
  q.set(serverId, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (q.get(serverId) === tail) q.delete(serverId);
  }
}
