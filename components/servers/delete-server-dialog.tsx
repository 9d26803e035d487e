"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { Server } from "@/lib/shared/servers/types";
import { removeServer } from "@/lib/client/use-servers";

/** Asks before deleting a server and its stored credentials and scan history. */
export function DeleteServerDialog({ server, onClose, onDeleted }: { server: Server; onClose: () => void; onDeleted?: () => void }) {
  return (
    <ConfirmDialog
      title="Delete server"
      confirmLabel="Delete server"
      danger
      onClose={onClose}
      onConfirm={async () => {
        await removeServer(server.id);
        onClose();
        onDeleted?.();
      }}
    >
      <p>
        Delete <strong>{server.name}</strong> ({server.username}@{server.host}:{server.port})? Reaper forgets its credentials, its pinned host key and its scan history.
        Nothing changes on the server itself.
      </p>
    </ConfirmDialog>
  );
}
