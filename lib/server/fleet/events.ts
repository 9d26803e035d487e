import "server-only";
import { EventEmitter } from "node:events";

// Tells open event streams of this process that a fleet scan has new results, so they read them
// at once instead of at their next poll (they still poll: a job may finish in another process).
const globalKey = Symbol.for("reaper.fleetEvents");
type WithEmitter = typeof globalThis & { [globalKey]?: EventEmitter };

function emitter(): EventEmitter {
  const g = globalThis as WithEmitter;
  if (!g[globalKey]) {
    g[globalKey] = new EventEmitter();
    // One listener per open stream: many tabs may watch one scan.
    g[globalKey].setMaxListeners(0);
  }
  return g[globalKey];
}

export function announceFleetResults(fleetScanIds: readonly string[]): void {
  for (const id of fleetScanIds) emitter().emit(id);
}

export function onFleetResults(fleetScanId: string, listener: () => void): () => void {
  emitter().on(fleetScanId, listener);
  return () => emitter().off(fleetScanId, listener);
}
