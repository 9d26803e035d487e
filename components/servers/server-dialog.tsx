"use client";

import { ServerForm } from "@/components/servers/server-form";
import { Dialog } from "@/components/ui/dialog";
import type { Server } from "@/lib/shared/servers/types";

/** The add/edit server form in a modal. */
export function ServerDialog({ server, onClose, onSaved }: { server?: Server; onClose: () => void; onSaved?: (server: Server) => void }) {
  return (
    <Dialog title={server ? `Edit ${server.name}` : "Add a server"} onClose={onClose} wide>
      <ServerForm
        server={server}
        onCancel={onClose}
        onDone={(saved) => {
          onSaved?.(saved);
          onClose();
        }}
      />
    </Dialog>
  );
}
