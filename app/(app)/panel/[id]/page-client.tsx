"use client";

import { useState, type ReactNode } from "react";
import { EarlierSteps } from "@/components/panel/earlier-steps";
import { HealthCheck } from "@/components/panel/health-check";
import { LeakCard } from "@/components/panel/leak-card";
import { PidHeadroom } from "@/components/panel/pid-headroom";
import { ZombieExplainer } from "@/components/panel/zombie-explainer";
import { CUSTOMER_WORDS, ShareButton } from "@/components/snapshots/share-button";
import { Callout } from "@/components/ui/callout";
import { pidGauge } from "@/lib/shared/triage/limit-gauges";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { postScan, useScan } from "@/lib/client/use-scan";
import { useServer } from "@/lib/client/use-server";

/** Leaking programs shown, most zombies first: more than this is a case for support. */
const SHOWN_LEAKS = 3;

type Props = { initialServer: Server; initialScan: Scan | undefined; banner?: ReactNode };

/**
 * The customer's self-service panel for one server: is it healthy, Check now, and when zombies are
 * found, what they are, which program leaks, how close the server is to running out of process
 * IDs, and the two steps (Reap, then Restart the leaking program) with what happened.
 */
export function PanelPageClient({ initialServer, initialScan, banner }: Props) {
  const { server = initialServer } = useServer(initialServer.id, initialServer);
  const { scan } = useScan(server.lastScan?.id ?? null, initialScan);
  const [running, setRunning] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);

  const check = async () => {
    setRunning(true);
    setCheckError(null);
    try {
      await postScan(server.id);
    } catch (e) {
      setCheckError(e instanceof Error ? e.message : "The check failed. Try again in a minute.");
    } finally {
      setRunning(false);
    }
  };
  const checkNow = () => void check();
  const leaks = (scan?.parents ?? []).slice(0, SHOWN_LEAKS);

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      {banner}
      <HealthCheck server={server} scan={scan} running={running} onCheck={checkNow} />
      {checkError ? (
        <Callout tone="error" title="The check did not work" data-testid="check-error">
          <p>{checkError}</p>
          <p className="mt-1">If it keeps failing, tell your support contact: the server may be down or unreachable.</p>
        </Callout>
      ) : null}
      {scan && scan.summary.zombies > 0 ? (
        <>
          <ZombieExplainer />
          {leaks.map((p) => (
            <LeakCard key={`${p.pid}:${p.startTime}`} serverId={server.id} parent={p} processes={scan.processes} onCheckAgain={checkNow} />
          ))}
          {scan.parents.length > SHOWN_LEAKS ? (
            <p className="text-sm text-slate-700">{scan.parents.length - SHOWN_LEAKS} more programs have a few zombies each; your support contact can look at them.</p>
          ) : null}
        </>
      ) : null}
      {scan ? (
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 bg-white px-4 py-3">
          <p className="text-sm text-slate-700">Need help? Send support a read-only link to this check and what you did after it.</p>
          <ShareButton serverId={server.id} scanId={scan.id} label="Send this to support" words={CUSTOMER_WORDS} />
        </div>
      ) : null}
      <EarlierSteps serverId={server.id} shownParents={leaks} onCheckAgain={checkNow} />
      {scan ? <PidHeadroom gauge={scan.triage?.gauges.pids ?? pidGauge(scan)} /> : null}
    </div>
  );
}
