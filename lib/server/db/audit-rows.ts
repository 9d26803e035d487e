// An audit row as the API shows it: the detail JSON's target fields lifted to the top. Pure.
import type { ActionDetail, AuditEvent } from "@/lib/shared/audit/types";
import type { AuditEventsTable } from "@/lib/server/db/schema";

/** A stored row, exactly as the audit table holds it. */
type Row = AuditEventsTable;

export function parseDetail(text: string): ActionDetail {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === "object" ? (v as ActionDetail) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

export function toAuditEvent(row: Row): AuditEvent {
  const d = parseDetail(row.detail);
  const optional = {
    action: str(d.action),
    signal: str(d.signal),
    unit: str(d.unit),
    pid: num(d.pid),
    comm: str(d.comm),
    startTime: num(d.startTime),
    reason: str(d.reason),
    count: num(d.count),
    code: row.code ?? undefined,
  };
  return {
    id: row.id,
    at: row.at,
    actor: { id: row.actor_id, email: row.actor_email },
    serverId: row.server_id,
    kind: row.kind,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    result: row.result,
    message: row.message,
  };
}
