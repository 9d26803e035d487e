import "server-only";
import { getStore } from "@/lib/server/db/client";
import { withAdvisoryLock } from "@/lib/server/db/postgres";

// Work that must never run twice at once under one name (actions on one server, the first
// admin's creation): queued in this process, and on PostgreSQL also behind an advisory lock that
// every instance sharing the database respects. The local queue comes first, so one instance
// holds at most one database connection per name however many of its requests wait.
const globalKey = Symbol.for("reaper.storeLockQueues");
type WithQueues = typeof globalThis & { [globalKey]?: Map<string, Promise<void>> };

function queues(): Map<string, Promise<void>> {
  const g = globalThis as WithQueues;
  g[globalKey] ??= new Map();
  return g[globalKey];
}

/** Runs fn after every earlier call for the same name has finished (succeeded or failed), in arrival order. */
async function inProcess<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const q = queues();
  const previous = q.get(name) ?? Promise.resolve();
  let release: () => void = () => undefined;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => mine);
  q.set(name, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (q.get(name) === tail) q.delete(name);
  }
}

/** Runs fn while no other holder of `name` runs, in this process or (on PostgreSQL) any other instance. */
export async function withStoreLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const store = await getStore();
  return inProcess(name, () => (store.kind === "postgres" ? withAdvisoryLock(store.lockPool, `reaper:${name}`, fn) : fn()));
}
