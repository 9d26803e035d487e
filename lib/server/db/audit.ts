import "server-only";
import { getDb } from "@/lib/server/db/client";
import { newId, nowIso } from "@/lib/server/db/ids";
import { parseDetail, toAuditEvent } from "@/lib/server/db/audit-rows";
import type { ActionDetail, AuditEvent, AuditResult } from "@/lib/shared/audit/types";
import { drainAuditOutbox, keepInOutbox, type AuditRow } from "@/lib/server/db/audit-outbox";

export type AuditInput = {
  /** Given when the event must carry a known id (an action's id is its audit event's id). */
  id?: string;
  actor: { id: string; email: string };
  serverId: string | null;
  kind: string;
  detail: Record<string, unknown>;
  result: AuditResult;
  code?: string;
  message: string;
};

/** Whether the event is in the store now, or waits in the outbox (written later, never dropped). */
export type AuditWrite = { id: string; written: boolean };

/** An id the store already holds is left alone: an outbox retry after a crash writes nothing twice. */
async function insertRow(row: AuditRow): Promise<void> {
  const db = await getDb();
  await db.insertInto("audit_events").values(row).onConflict((oc) => oc.column("id").doNothing()).execute();
}

/**
 * Append-only: this module has no update or delete, and neither does any route. When the store
 * refuses the row (locked, disk full), the event goes to the outbox and is retried: the caller is
 * told through `written` and must say so, since what it audits (a signal) already happened.
 */
export async function appendAudit(input: AuditInput & { at?: string }): Promise<AuditWrite> {
  const row: AuditRow = {
    id: input.id ?? newId("evt"),
    // Given only for an event summing up what already happened (a burst of refusals).
    at: input.at ?? nowIso(),
    actor_id: input.actor.id,
    actor_email: input.actor.email,
    server_id: input.serverId,
    kind: input.kind,
    detail: JSON.stringify(input.detail),
    result: input.result,
    code: input.code ?? null,
    message: input.message,
  };
  try {
    await insertRow(row);
    return { id: row.id, written: true };
  } catch (e) {
    keepInOutbox(row, insertRow, e);
    return { id: row.id, written: false };
  }
}

/** At start: events a previous run could not write (it may have crashed since) go into the store. */
export function drainAuditOutboxAtStart(): Promise<void> {
  return drainAuditOutbox(insertRow);
}

export type AuditFilter = {
  serverId?: string;
  actorId?: string;
  /** Only events on servers of this account (a customer's view); undefined = all. */
  accountId?: string | null;
  kind?: string;
  since?: string;
  limit: number;
};

/** Newest first; ids break ties between events of the same millisecond. */
async function selectEvents(f: AuditFilter) {
  const db = await getDb();
  let q = db.selectFrom("audit_events").selectAll().orderBy("at", "desc").orderBy("id", "desc").limit(f.limit);
  if (f.serverId !== undefined) q = q.where("server_id", "=", f.serverId);
  if (f.actorId !== undefined) q = q.where("actor_id", "=", f.actorId);
  if (f.kind !== undefined) q = q.where("kind", "=", f.kind);
  if (f.since !== undefined) q = q.where("at", ">=", f.since);
  if (f.accountId !== undefined) {
    const accountId = f.accountId ?? "";
    q = q.where("server_id", "in", db.selectFrom("servers").select("id").where("account_id", "=", accountId));
  }
  return q.execute();
}

/** Events in the contract's shape. */
export async function listAuditEvents(f: AuditFilter): Promise<AuditEvent[]> {
  return (await selectEvents(f)).map(toAuditEvent);
}

/** What earlier events decided and kept in their detail: the memory of earlier actions. */
export async function listAuditDetails(f: AuditFilter): Promise<{ at: string; result: AuditEvent["result"]; message: string; detail: ActionDetail }[]> {
  return (await selectEvents(f)).map((row) => ({ at: row.at, result: row.result, message: row.message, detail: parseDetail(row.detail) }));
}
