"use client";

import Link from "next/link";
import { useState } from "react";
import { HistoryChart } from "@/components/history/history-chart";
import { ScanButton } from "@/components/scans/scan-button";
import { ScanError } from "@/components/scans/scan-error";
import { ScanHistory } from "@/components/scans/scan-history";
import { ScanProgress } from "@/components/scans/scan-progress";
import { ScanResult } from "@/components/scans/scan-result";
import { ServerHeading } from "@/components/scans/server-heading";
import { ServerScanInterval } from "@/components/schedule/server-scan-interval";
import { ServerDialog } from "@/components/servers/server-dialog";
import { ShareButton, STAFF_WORDS } from "@/components/snapshots/share-button";
import { SharedLinks } from "@/components/snapshots/shared-links";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Skeleton } from "@/components/ui/skeleton";
import { may } from "@/lib/shared/actions/policy";
import type { Role } from "@/lib/shared/auth/types";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { postScan, useScan } from "@/lib/client/use-scan";
import { useScans } from "@/lib/client/use-scans";
import type { ScanListItem } from "@/lib/shared/scan/types";
import { useServer } from "@/lib/client/use-server";

type Props = { role: Role; initialServer: Server; initialScans: ScanListItem[]; initialScan: Scan | undefined; initialChosenId?: string | null };

const LISTED_SCANS = 10;

/** One server: scan it, read what the scan found, look back at earlier scans. */
export function ServerPageClient({ role, initialServer, initialScans, initialScan, initialChosenId = null }: Props) {
  const { server = initialServer } = useServer(initialServer.id, initialServer);
  const { scans } = useScans(initialServer.id, initialScans);
  const [chosenId, setChosenId] = useState<string | null>(initialChosenId);
  const [running, setRunning] = useState(false);
  const [scanError, setScanError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);

  const latestId = server.lastScan?.id ?? null;
  const shownId = chosenId ?? latestId;
  const { scan, error: loadError } = useScan(shownId, initialScan);

  const scanNow = async () => {
    setRunning(true);
    setScanError(null);
    try {
      const fresh = await postScan(server.id);
      setChosenId(fresh.id);
    } catch (e) {
      setScanError(e);
    } finally {
      setRunning(false);
    }
  };

  const actions = (
    <div className="flex flex-wrap items-center gap-2">
      {server.accountId !== null ? (
        <Link
          href={`/panel/${server.id}`}
          data-testid="view-as-customer"
          className="inline-flex h-10 items-center rounded-md px-3 text-sm font-medium text-slate-700 hover:bg-slate-200/70"
          title="Open this server's panel exactly as its customer sees it"
        >
          View as customer
        </Link>
      ) : null}
      <Button onClick={() => setEditing(true)} size="lg" variant="ghost">
        Edit
      </Button>
      {scan ? <ShareButton serverId={server.id} scanId={scan.id} label="Share to ticket" words={STAFF_WORDS} size="lg" /> : null}
      <ScanButton running={running} onScan={() => void scanNow()} />
    </div>
  );

  return (
    <div className="space-y-4">
      <ServerHeading server={server} actions={actions} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <div className="min-w-0 space-y-4">
          {running ? <ScanProgress serverName={server.name} /> : null}
          {scanError ? <ScanError error={scanError} serverId={server.id} role={role} onScanAgain={() => void scanNow()} /> : null}
          {shownId === null ? (
            !scanError && !running ? (
              <Callout tone="info" title="Not scanned yet: press Scan">
                Reaper connects over SSH, reads the process table once and lists any zombie processes with the parents that leave them behind. Nothing on
                the server is changed.
              </Callout>
            ) : null
          ) : loadError ? (
            <Callout tone="error" title="This scan could not be loaded">
              {loadError instanceof Error ? loadError.message : "Try again."}
            </Callout>
          ) : scan ? (
            <ScanResult scan={scan} isLatest={scan.id === latestId} onShowLatest={() => setChosenId(null)} role={role} onScanAgain={() => void scanNow()} />
          ) : (
            <div className="space-y-3" aria-label="Loading the scan">
              <Skeleton className="h-16 w-full" />
              <Skeleton className="h-24 w-full" />
              <Skeleton className="h-24 w-full" />
            </div>
          )}
        </div>
        <aside className="space-y-4">
          <HistoryChart scans={scans} serverId={server.id} shownId={shownId} onShow={setChosenId} />
          <ScanHistory scans={scans?.slice(0, LISTED_SCANS)} shownId={shownId} onShow={setChosenId} />
          <ServerScanInterval server={server} canEdit={may(role, "servers:write")} />
          <SharedLinks serverId={server.id} />
        </aside>
      </div>
      {editing ? <ServerDialog server={server} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
