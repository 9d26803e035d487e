"use client";

import { AuditRow } from "@/components/audit/audit-row";
import type { AuditEvent } from "@/lib/swr/use-audit";

const HEADINGS = ["When", "Who", "Server", "Action", "Target", "Result", "Code", "Message"];

/** The audit events as a dense, read-only table (newest first, as the API sends them). */
export function AuditTable({ events, serverNames }: { events: AuditEvent[]; serverNames: ReadonlyMap<string, string> }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs font-medium text-slate-500">
          <tr>
            {HEADINGS.map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <AuditRow key={e.id} event={e} serverName={e.serverId === null ? undefined : serverNames.get(e.serverId)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
