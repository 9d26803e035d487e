"use client";

import { AuditRow } from "@/components/audit/audit-row";
import { DataTable } from "@/components/ui/data-table";
import type { AuditEvent } from "@/lib/client/use-audit";

const HEADINGS = ["When", "Who", "Server", "Action", "Target", "Result", "Code", "Message"];

/** The audit events as a dense, read-only table (newest first, as the API sends them). */
export function AuditTable({ events, serverNames }: { events: AuditEvent[]; serverNames: ReadonlyMap<string, string> }) {
  return (
    <DataTable headings={HEADINGS}>
      {events.map((e) => (
        <AuditRow key={e.id} event={e} serverName={e.serverId === null ? undefined : serverNames.get(e.serverId)} />
      ))}
    </DataTable>
  );
}
