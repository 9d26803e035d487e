"use client";

import { ActionError } from "@/components/actions/action-error";
import { forgetLast, memoryKey, useActionMemory } from "@/components/actions/action-memory";
import { ActionOutcome } from "@/components/actions/action-outcome";
import { knownService } from "@/components/actions/breakage";
import { ContainerRestart } from "@/components/actions/container-restart";
import { Pid1Notice } from "@/components/actions/pid1-notice";
import type { Parent } from "@/lib/shared/scan/types";

/** `scanId`: the scan on screen, which an action's outcome offers to share to a ticket. */
type Props = { serverId: string; parent: Parent; onScanAgain?: () => void; scanId?: string };

/** Under a parent's header: why PID 1 gets no signal, how to restart its container, and what the last action on it did. */
export function ParentPanel({ serverId, parent, onScanAgain, scanId }: Props) {
  const memory = useActionMemory().get(memoryKey(serverId, parent));
  if (parent.pid === 1) return <Pid1Notice parent={parent} />;
  const service = knownService(parent);
  const container = service?.kind === "container" ? <ContainerRestart service={service} /> : null;
  const last = memory?.last;
  if (!last) return container;
  const dismiss = () => forgetLast(serverId, parent);
  return (
    <div className="space-y-2">
      {container}
      {"result" in last ? (
        <ActionOutcome result={last.result} onScanAgain={onScanAgain} onDismiss={dismiss} shareScanId={scanId} />
      ) : (
        <ActionError failure={last.failure} onScanAgain={onScanAgain} onDismiss={dismiss} />
      )}
    </div>
  );
}
