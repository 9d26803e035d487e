"use client";

import { useState } from "react";
import { ActionDialog } from "@/components/actions/action-dialog";
import { ActionError } from "@/components/actions/action-error";
import { memoryKey, rememberFailure, rememberResult, useActionMemory } from "@/components/actions/action-memory";
import { toFailure } from "@/components/actions/failure";
import { leakAge } from "@/components/panel/panel-words";
import { programDescription } from "@/components/panel/programs";
import { WhatHappened } from "@/components/panel/what-happened";
import { Button } from "@/components/ui/button";
import { SafeText } from "@/components/ui/safe-text";
import { Spinner } from "@/components/ui/spinner";
import { mayRun } from "@/lib/shared/actions/policy";
import { plural } from "@/lib/shared/format/numbers";
import type { Parent, Process } from "@/lib/shared/scan/types";
import { useAction } from "@/lib/client/use-action";

type Props = { serverId: string; parent: Parent; processes: Process[]; onCheckAgain: () => void };

/**
 * One leaking program: what it is, how many zombies it left and for how long, then the two steps
 * a customer may take, safest first, and what happened. The panel always offers what the customer
 * role may do, also when staff open it with "View as customer".
 */
export function LeakCard({ serverId, parent, processes, onCheckAgain }: Props) {
  const { run, pending } = useAction(serverId);
  const [restarting, setRestarting] = useState(false);
  const last = useActionMemory().get(memoryKey(serverId, parent))?.last;
  const ended = last !== null && last !== undefined && "result" in last && !last.result.after.parentAlive;
  const age = parent.oldestZombieAgeSeconds ?? null;
  const busy = pending !== null || ended;

  const reap = async () => {
    try {
      const result = await run({ action: "reap", pid: parent.pid, startTime: parent.startTime });
      if (result) rememberResult(serverId, parent, result);
    } catch (e) {
      rememberFailure(serverId, parent, toFailure("reap", e));
    }
  };

  return (
    <article data-testid="leak" aria-labelledby={`leak-${parent.pid}`} className="space-y-3 rounded-lg border border-amber-300 bg-white px-4 py-3">
      <div>
        <h2 id={`leak-${parent.pid}`} className="text-base font-semibold break-words text-slate-900">
          <span className="font-mono">
            <SafeText value={parent.comm} />
          </span>
          : {programDescription(parent.comm)}
        </h2>
        <p data-testid="leak-facts" className="mt-0.5 text-sm text-slate-700">
          This program has left {plural(parent.zombieCount, "zombie")} behind{age !== null ? `, the oldest for ${leakAge(age)}` : ""}.
        </p>
      </div>
      {parent.pid === 1 ? (
        <p className="text-sm text-slate-700">
          These zombies belong to the main process of your server or container, which Reaper never touches. Ask your support contact to restart the
          container or service.
        </p>
      ) : (
        <ol className="space-y-3">
          <li className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-slate-50 px-3 py-2">
            <div className="min-w-0">
              <p className="text-sm font-medium text-slate-900">1. Ask it to clean up</p>
              <p className="text-xs text-slate-600">Safe: nothing stops. Many programs collect their finished tasks when asked.</p>
            </div>
            <Button data-testid="panel-reap" onClick={() => void reap()} disabled={busy} aria-busy={pending === "reap"}>
              {pending === "reap" ? <Spinner className="size-3.5" /> : null}
              {pending === "reap" ? "Asking…" : "Reap"}
            </Button>
          </li>
          {mayRun("customer", "terminate") ? (
            <li className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-slate-50 px-3 py-2">
              <div className="min-w-0">
                <p className="text-sm font-medium text-slate-900">2. Restart the leaking program</p>
                <p className="text-xs text-slate-600">If step 1 did not help. It stops, its zombies are cleared, and what it serves is down until it starts again.</p>
              </div>
              <Button data-testid="panel-restart" variant="danger" onClick={() => setRestarting(true)} disabled={busy}>
                Restart the leaking program…
              </Button>
            </li>
          ) : null}
        </ol>
      )}
      {last && "result" in last ? <WhatHappened result={last.result} onCheckAgain={onCheckAgain} /> : null}
      {last && "failure" in last ? <ActionError failure={last.failure} onScanAgain={onCheckAgain} /> : null}
      {restarting ? (
        <ActionDialog
          action="terminate"
          verb="Restart"
          parent={parent}
          processes={processes}
          triedTerminate={false}
          pending={busy}
          run={run}
          onDone={(result) => {
            rememberResult(serverId, parent, result);
            setRestarting(false);
          }}
          onClose={() => setRestarting(false)}
        />
      ) : null}
    </article>
  );
}
