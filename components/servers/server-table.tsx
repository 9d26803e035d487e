"use client";

import { ServerRow } from "@/components/servers/server-row";
import type { Server } from "@/lib/servers/types";

const HEADINGS = ["Server", "Address", "Auth", "Host key", "Last scan", "Zombies"];

/** The server list as a dense table, sorted by name. */
export function ServerTable({ servers, onEdit, onDelete }: { servers: Server[]; onEdit: (s: Server) => void; onDelete: (s: Server) => void }) {
  const sorted = [...servers].sort((a, b) => a.name.localeCompare(b.name));
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
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((s) => (
            <ServerRow key={s.id} server={s} onEdit={() => onEdit(s)} onDelete={() => onDelete(s)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
