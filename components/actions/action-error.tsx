"use client";

import type { ActionFailure } from "@/components/actions/action-memory";
import { FollowUpButtons } from "@/components/actions/follow-up-buttons";
import { Callout } from "@/components/ui/callout";
import { SafeText } from "@/components/ui/safe-text";
import { actionErrorHint } from "@/components/actions/error-hints";
import { actionMeans } from "@/lib/shared/actions/types";

type Props = { failure: ActionFailure; onScanAgain?: () => void; onDismiss?: () => void };

/** A refused or failed action: what the API said, what to do next, and its code. */
export function ActionError({ failure, onScanAgain, onDismiss }: Props) {
  const hint = actionErrorHint(failure.code, failure.viaSudo);
  return (
    <Callout tone="error" data-testid="action-error" title={hint.title}>
      <p>
        <SafeText value={failure.message} />
      </p>
      {failure.owner && !failure.viaSudo ? (
        <p className="mt-1">
          The process belongs to <span className="font-mono">{failure.owner}</span>.
        </p>
      ) : null}
      <p className="mt-1 text-red-900/80">{hint.hint}</p>
      <FollowUpButtons onScanAgain={hint.scanAgain ? onScanAgain : undefined} onDismiss={onDismiss}>
        <span className="font-mono text-[11px] text-red-900/60">
          {actionMeans(failure.action)}
          {failure.code ? ` · ${failure.code}` : null}
        </span>
      </FollowUpButtons>
    </Callout>
  );
}
