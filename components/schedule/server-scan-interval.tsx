"use client";

import { describeInterval } from "@/components/schedule/interval-choice";
import { ScanIntervalPicker } from "@/components/schedule/scan-interval-picker";
import type { Server } from "@/lib/shared/servers/types";
import { useAccount } from "@/lib/client/use-accounts";
import { patchServer } from "@/lib/client/use-servers";

/** A server's background scans: its own interval, or (when it has none) its account's. */
export function ServerScanInterval({ server, canEdit }: { server: Server; canEdit: boolean }) {
  const { account } = useAccount(server.accountId);
  const offLabel = server.accountId === null ? "Off" : account ? `As its account (${describeInterval(account.scanIntervalMinutes)})` : "As its account";
  return (
    <section data-testid="scan-interval" className="space-y-2 rounded-lg border border-slate-200 bg-white px-3 py-2.5">
      <h2 className="text-xs font-semibold text-slate-700">Background scans</h2>
      <ScanIntervalPicker
        id="server-interval"
        value={server.scanIntervalMinutes}
        offLabel={offLabel}
        canEdit={canEdit}
        onSave={async (scanIntervalMinutes) => void (await patchServer(server.id, { scanIntervalMinutes }))}
      />
    </section>
  );
}
