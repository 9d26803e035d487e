"use client";

import { useId, useState } from "react";
import { ActionError } from "@/components/actions/action-error";
import type { ActionFailure } from "@/components/actions/action-memory";
import { toFailure } from "@/components/actions/failure";
import { WhatItBreaks } from "@/components/actions/what-it-breaks";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";
import { signalOf, type Action, type ActionRequest } from "@/lib/shared/actions/types";
import { looksLikeWebMaster } from "@/components/actions/web-server";
import { processLabel, whatWillHappen } from "@/components/actions/wording";
import type { Parent, Process } from "@/lib/shared/scan/types";

type Props = {
  action: "terminate" | "kill";
  parent: Parent;
  processes: Process[];
  /** Terminate was sent to this parent earlier in this page session: Kill needs no reason then. */
  triedTerminate: boolean;
  pending: boolean;
  run: (body: ActionRequest) => Promise<Action | undefined>;
  onDone: (result: Action) => void;
  onScanAgain?: () => void;
  onClose: () => void;
  /** The verb on the title and button; the customer panel says "Restart" for terminate. */
  verb?: string;
};

/** The guarded dialog before SIGTERM or SIGKILL: what happens, what breaks, type the PID to confirm. */
export function ActionDialog({ action, parent, processes, triedTerminate, pending, run, onDone, onScanAgain, onClose, verb: verbLabel }: Props) {
  const id = useId();
  const [typedPid, setTypedPid] = useState("");
  const [reason, setReason] = useState("");
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const webMaster = looksLikeWebMaster(parent, processes);
  const needsReason = action === "kill" && !triedTerminate;
  const pidOk = typedPid.trim() === String(parent.pid);
  const ready = pidOk && (!needsReason || reason.trim().length > 0) && !pending;
  const verb = verbLabel ?? (action === "kill" ? "Kill" : "Terminate");

  const submit = async () => {
    if (!ready) return;
    setFailure(null);
    const body: ActionRequest = { action, pid: parent.pid, startTime: parent.startTime, confirm: parent.pid };
    if (reason.trim()) body.reason = reason.trim();
    try {
      const result = await run(body);
      if (result) onDone(result);
    } catch (e) {
      setFailure(toFailure(action, e));
    }
  };

  return (
    <Dialog title={`${verb} ${processLabel(parent)}?`} onClose={pending ? () => undefined : onClose} wide>
      <form
        data-testid="action-dialog"
        className="space-y-3 text-sm text-slate-700"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Callout tone="warning" title={`Sends ${signalOf(action)} to ${processLabel(parent)}`}>
          <p data-testid="what-will-happen">{whatWillHappen(action, parent, webMaster)}</p>
        </Callout>
        <WhatItBreaks parent={parent} processes={processes} webMaster={webMaster} />
        {action === "kill" ? (
          <TextField
            id={`${id}-reason`}
            label="Reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            autoComplete="off"
            hint={needsReason ? "Terminate has not been tried on this parent: say why SIGKILL is needed (recorded in the audit log)." : "Optional: recorded in the audit log."}
          />
        ) : null}
        <TextField
          id={`${id}-pid`}
          label="Type the PID to confirm"
          value={typedPid}
          onChange={(e) => setTypedPid(e.target.value)}
          inputMode="numeric"
          autoComplete="off"
          placeholder={String(parent.pid)}
          hint={`Type ${parent.pid} to enable “${verb}”.`}
          className="max-w-48"
        />
        {failure ? <ActionError failure={failure} onScanAgain={onScanAgain} /> : null}
        <div className="flex justify-end gap-2 pt-2">
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={!ready} aria-busy={pending} data-testid="action-confirm">
            {pending ? <Spinner className="size-3.5" /> : null}
            {pending ? `Sending ${signalOf(action)}…` : `${verb} ${processLabel(parent)}`}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
