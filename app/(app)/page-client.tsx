"use client";

import { useState } from "react";
import { DeleteServerDialog } from "@/components/servers/delete-server-dialog";
import { ServerDialog } from "@/components/servers/server-dialog";
import { ServerTable } from "@/components/servers/server-table";
import { ServersEmpty } from "@/components/servers/servers-empty";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Skeleton } from "@/components/ui/skeleton";
import type { Server } from "@/lib/shared/servers/types";
import { useServers } from "@/lib/client/use-servers";

type Open = { kind: "add" } | { kind: "edit"; server: Server } | { kind: "delete"; server: Server } | null;

/** The server list with its add, edit and delete dialogs. */
export function ServersPageClient({ initialServers }: { initialServers: Server[] }) {
  const { servers, error, isLoading } = useServers(initialServers);
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);

  return (
    <div className="space-y-4">
      <div className="flex items-end justify-between">
        <div>
          <h1 className="text-lg font-semibold tracking-tight">Servers</h1>
          <p className="text-xs text-slate-500">Pick a server to scan it for zombie processes.</p>
        </div>
        <Button variant="primary" data-testid="add-server" onClick={() => setOpen({ kind: "add" })}>
          Add server
        </Button>
      </div>
      {error ? <Callout tone="error">{error instanceof Error ? error.message : "Could not load the servers."}</Callout> : null}
      {isLoading && !servers ? (
        <div className="space-y-2">
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-full" />
        </div>
      ) : servers && servers.length > 0 ? (
        <ServerTable servers={servers} onEdit={(server) => setOpen({ kind: "edit", server })} onDelete={(server) => setOpen({ kind: "delete", server })} />
      ) : servers ? (
        <ServersEmpty onAdd={() => setOpen({ kind: "add" })} />
      ) : null}
      {open?.kind === "add" ? <ServerDialog onClose={close} /> : null}
      {open?.kind === "edit" ? <ServerDialog server={open.server} onClose={close} /> : null}
      {open?.kind === "delete" ? <DeleteServerDialog server={open.server} onClose={close} /> : null}
    </div>
  );
}
