"use client";

// What was done to which parent during this page session: whether terminate was tried (which
// unlocks Kill without a reason) and the last answer, kept across re-scans so the outcome stays
// on screen after the parent is gone from the table. In memory only: a reload starts afresh.
import { useSyncExternalStore } from "react";
import type { Action, ActionKind } from "@/lib/shared/actions/types";
import type { Parent } from "@/lib/shared/scan/types";

export type ActionFailure = { action: ActionKind; code: string | null; message: string; owner: string | null; viaSudo: boolean };

export type ParentMemory = {
  key: string;
  serverId: string;
  pid: number;
  startTime: number;
  comm: string;
  triedTerminate: boolean;
  last: { result: Action } | { failure: ActionFailure } | null;
  at: number;
};

let entries: ReadonlyMap<string, ParentMemory> = new Map();
const listeners = new Set<() => void>();

export const memoryKey = (serverId: string, p: Pick<Parent, "pid" | "startTime">) => `${serverId}:${p.pid}:${p.startTime}`;

function update(serverId: string, parent: Pick<Parent, "pid" | "startTime" | "comm">, change: (m: ParentMemory) => ParentMemory): void {
  const key = memoryKey(serverId, parent);
  const current = entries.get(key) ?? { key, serverId, pid: parent.pid, startTime: parent.startTime, comm: parent.comm, triedTerminate: false, last: null, at: 0 };
  const next = new Map(entries);
  next.set(key, { ...change(current), at: Date.now() });
  entries = next;
  listeners.forEach((l) => l());
}

export function rememberResult(serverId: string, parent: Parent, result: Action): void {
  update(serverId, parent, (m) => ({ ...m, triedTerminate: m.triedTerminate || result.action === "terminate", last: { result } }));
}

export function rememberFailure(serverId: string, parent: Parent, failure: ActionFailure): void {
  update(serverId, parent, (m) => ({ ...m, last: { failure } }));
}

export function forgetLast(serverId: string, parent: Pick<Parent, "pid" | "startTime" | "comm">): void {
  update(serverId, parent, (m) => ({ ...m, last: null }));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => entries;
const empty: ReadonlyMap<string, ParentMemory> = new Map();

/** Every remembered parent (all servers); read with memoryKey or filter by serverId. */
export function useActionMemory(): ReadonlyMap<string, ParentMemory> {
  return useSyncExternalStore(subscribe, snapshot, () => empty);
}
