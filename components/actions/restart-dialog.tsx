"use client";

import { useId, useState } from "react";
import { ActionError } from "@/components/actions/action-error";
import type { ActionFailure } from "@/components/actions/action-memory";
import { toFailure } from "@/components/actions/failure";
import { UnitBreaks } from "@/components/actions/unit-breaks";
import { processLabel, whatRestartDoes } from "@/components/actions/wording";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Dialog } from "@/components/ui/dialog";
import { SafeText } from "@/components/ui/safe-text";
import { Spinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";
import { useServiceUnit } from "@/lib/client/use-service-unit";
import type { Action, ActionRequest } from "@/lib/shared/actions/types";
import type { Parent } from "@/lib/shared/scan/types";

type Props = {
  serverId: string;
  /** The service the scan says owns the parent; the server checks it again before restarting. */
  unit: string;
  parent: Parent;
  webMaster: boolean;
  pending: boolean;
  run: (body: ActionRequest) => Promise<Action | undefined>;
  onDone: (result: Action) => void;
  onScanAgain?: () => void;
  onClose: () => void;
};

/**
 * The guarded dialog before `systemctl restart`: what happens, what the restart stops (the unit's
 * description and processes, read from the server as the dialog opens), type the PID to confirm.
 */
export function RestartDialog({ serverId, unit, parent, webMaster, pending, run, onDone, onScanAgain, onClose }: Props) {
  const id = useId();
  const [typedPid, setTypedPid] = useState("");
  const [reason, setReason] = useState("");
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const look = useServiceUnit(serverId, parent.pid, parent.startTime);
  const lookFailure = look.error ? toFailure("restart", look.error) : null;
  const notRestartable = look.unit && !look.unit.restartable ? look.unit.reason : null;
  const pidOk = typedPid.trim() === String(parent.pid);
  const ready = pidOk && !pending && look.unit?.restartable === true;

  const submit = async () => {
    if (!ready) return;
    setFailure(null);
    const body: ActionRequest = { action: "restart", pid: parent.pid, startTime: parent.startTime, confirm: parent.pid, unit };
    if (reason.trim()) body.reason = reason.trim();
    try {
      const result = await run(body);
      if (result) onDone(result);
    } catch (e) {
      setFailure(toFailure("restart", e));
    }
  };

  return (
    <Dialog title={<>Restart <SafeText value={unit} />?</>} onClose={pending ? () => undefined : onClose} wide>
      <form
        data-testid="restart-dialog"
        className="space-y-3 text-sm text-slate-700"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Callout tone="warning" title={<>Runs systemctl restart <SafeText value={unit} /> on the server</>}>
          <p data-testid="what-will-happen">{whatRestartDoes(unit, parent, webMaster)}</p>
          <p className="mt-1 text-xs opacity-80">Reaper checks first that {processLabel(parent)} is still the process from the scan and still belongs to this unit.</p>
        </Callout>
        {lookFailure ? <ActionError failure={lookFailure} onScanAgain={onScanAgain} /> : <UnitBreaks unit={look.unit} loading={look.isLoading} />}
        {notRestartable ? (
          <Callout tone="error" data-testid="not-restartable" title="Reaper cannot restart this unit">
            <SafeText value={notRestartable} />
          </Callout>
        ) : null}
        <TextField id={`${id}-reason`} label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoComplete="off" hint="Optional: recorded in the audit log." />
        <TextField
          id={`${id}-pid`}
          label="Type the PID to confirm"
          value={typedPid}
          onChange={(e) => setTypedPid(e.target.value)}
          inputMode="numeric"
          autoComplete="off"
          placeholder={String(parent.pid)}
          hint={`Type ${parent.pid} to enable “Restart”.`}
          className="max-w-48"
        />
        {failure ? <ActionError failure={failure} onScanAgain={onScanAgain} /> : null}
        <div className="flex justify-end gap-2 pt-2">
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={!ready} aria-busy={pending} data-testid="restart-confirm">
            {pending ? <Spinner className="size-3.5" /> : null}
            {pending ? "Restarting…" : <>Restart <SafeText value={unit} /></>}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
