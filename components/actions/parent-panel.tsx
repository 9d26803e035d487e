"use client";

import { ActionError } from "@/components/actions/action-error";
import { forgetLast, memoryKey, useActionMemory } from "@/components/actions/action-memory";
import { ActionOutcome } from "@/components/actions/action-outcome";
import { Pid1Notice } from "@/components/actions/pid1-notice";
import type { Parent } from "@/lib/shared/scan/types";

type Props = { serverId: string; parent: Parent; onScanAgain?: () => void };

/** Under a parent's header: why PID 1 gets no signal, or what the last action on it did. */
export function ParentPanel({ serverId, parent, onScanAgain }: Props) {
  const memory = useActionMemory().get(memoryKey(serverId, parent));
  if (parent.pid === 1) return <Pid1Notice parent={parent} />;
  const last = memory?.last;
  if (!last) return null;
  const dismiss = () => forgetLast(serverId, parent);
  return "result" in last ? (
    <ActionOutcome result={last.result} onScanAgain={onScanAgain} onDismiss={dismiss} />
  ) : (
    <ActionError failure={last.failure} onScanAgain={onScanAgain} onDismiss={dismiss} />
  );
}
