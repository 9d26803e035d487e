"use client";

import { ServerRow } from "@/components/servers/server-row";
import { DataTable } from "@/components/ui/data-table";
import type { Server } from "@/lib/shared/servers/types";

const HEADINGS = ["Server", "Address", "Auth", "Host key", "Last scan", "Zombies"];

/** The server list as a dense table, sorted by name. */
export function ServerTable({ servers, onEdit, onDelete }: { servers: Server[]; onEdit: (s: Server) => void; onDelete: (s: Server) => void }) {
  const sorted = [...servers].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <DataTable headings={HEADINGS} hiddenHeading="Actions">
      {sorted.map((s) => (
        <ServerRow key={s.id} server={s} onEdit={() => onEdit(s)} onDelete={() => onDelete(s)} />
      ))}
    </DataTable>
  );
}
