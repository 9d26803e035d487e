"use client";

import { useState } from "react";
import { ActionDialog } from "@/components/actions/action-dialog";
import { memoryKey, rememberFailure, rememberResult, useActionMemory } from "@/components/actions/action-memory";
import { restartableUnit } from "@/components/actions/breakage";
import { toFailure } from "@/components/actions/failure";
import { RestartDialog } from "@/components/actions/restart-dialog";
import { looksLikeWebMaster } from "@/components/actions/web-server";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ACTIONS_BY_ROLE } from "@/lib/shared/actions/policy";
import type { Role } from "@/lib/shared/auth/types";
import type { Parent, Process } from "@/lib/shared/scan/types";
import { useAction } from "@/lib/client/use-action";

type Props = { serverId: string; parent: Parent; processes: Process[]; role: Role; onScanAgain?: () => void };

/**
 * Reap, Terminate, Kill and (for a parent in a systemd service) Restart service, as far as the role
 * allows; one request at a time. Restart comes first, as the primary button, for a web server's master.
 */
export function ParentActions({ serverId, parent, processes, role, onScanAgain }: Props) {
  const { run, pending } = useAction(serverId);
  const [dialog, setDialog] = useState<"terminate" | "kill" | "restart" | null>(null);
  const memory = useActionMemory().get(memoryKey(serverId, parent));
  const triedTerminate = memory?.triedTerminate ?? false;
  const last = memory?.last;
  // The last answer said the parent ended: this scan is out of date for it, nothing more to send.
  const ended = last !== null && last !== undefined && "result" in last && !last.result.after.parentAlive;
  const stillAliveAfterTerm = triedTerminate && !ended;

  if (parent.pid === 1) return <span className="text-xs text-slate-500">PID 1: restart the container instead</span>;

  const allowed = ACTIONS_BY_ROLE[role];
  const busy = pending !== null || ended;
  const unit = allowed.includes("restart") ? restartableUnit(parent) : null;
  const webMaster = looksLikeWebMaster(parent, processes);
  const restartFirst = unit !== null && webMaster;
  const restartButton = unit ? (
    <Button
      size="sm"
      data-testid="action-restart"
      variant={restartFirst ? "primary" : "secondary"}
      onClick={() => setDialog("restart")}
      disabled={busy}
      title={`Runs systemctl restart ${unit}: the service stops and starts again, and init reaps the zombies.`}
    >
      Restart service…
    </Button>
  ) : null;
  const closeAndScan = onScanAgain
    ? () => {
        setDialog(null);
        onScanAgain();
      }
    : undefined;

  const reap = async () => {
    try {
      const result = await run({ action: "reap", pid: parent.pid, startTime: parent.startTime });
      if (result) rememberResult(serverId, parent, result);
    } catch (e) {
      rememberFailure(serverId, parent, toFailure("reap", e));
    }
  };

  return (
    <>
      <div className="flex items-center gap-1.5">
        {restartFirst ? restartButton : null}
        <Button size="sm" data-testid="action-reap" onClick={() => void reap()} disabled={busy} aria-busy={pending === "reap"} title="Sends SIGCHLD: asks the parent to collect its zombies. Harmless: try this first.">
          {pending === "reap" ? <Spinner className="size-3" /> : null}
          {pending === "reap" ? "Reaping…" : "Reap"}
        </Button>
        {allowed.includes("terminate") ? (
          <Button size="sm" data-testid="action-terminate" className="border-red-300 text-red-800 hover:bg-red-50" onClick={() => setDialog("terminate")} disabled={busy} title="Sends SIGTERM: the parent exits and init reaps its zombies.">
            Terminate…
          </Button>
        ) : null}
        {restartFirst ? null : restartButton}
        {allowed.includes("kill") ? (
          <Button
            size="sm"
            data-testid="action-kill"
            variant={stillAliveAfterTerm ? "danger" : "ghost"}
            className={stillAliveAfterTerm ? "" : "text-red-800 hover:bg-red-50"}
            onClick={() => setDialog("kill")}
            disabled={busy}
            title={triedTerminate ? "Sends SIGKILL: ends the parent at once." : "Sends SIGKILL. Try Terminate first; without it you must give a reason."}
          >
            Kill…
          </Button>
        ) : null}
      </div>
      <p className="text-[11px] text-slate-500">
        {ended
          ? "It ended: scan again to see the server now."
          : restartFirst
            ? `A web server's master: restarting ${unit} is the clean way.`
            : allowed.includes("terminate")
              ? "Reap is harmless: try it first."
              : "Reap is harmless. Terminate or kill: ask support."}
      </p>
      {dialog === "restart" && unit ? (
        <RestartDialog
          serverId={serverId}
          unit={unit}
          parent={parent}
          webMaster={webMaster}
          pending={busy}
          run={run}
          onDone={(result) => {
            rememberResult(serverId, parent, result);
            setDialog(null);
          }}
          onScanAgain={closeAndScan}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === "terminate" || dialog === "kill" ? (
        <ActionDialog
          action={dialog}
          parent={parent}
          processes={processes}
          triedTerminate={triedTerminate}
          pending={busy}
          run={run}
          onDone={(result) => {
            rememberResult(serverId, parent, result);
            setDialog(null);
          }}
          onScanAgain={closeAndScan}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </>
  );
}
