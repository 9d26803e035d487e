"use client";

import { FollowUpButtons } from "@/components/actions/follow-up-buttons";
import { Callout } from "@/components/ui/callout";
import { SafeText } from "@/components/ui/safe-text";
import { outcomeCaveats, outcomeWords } from "@/lib/actions-ui/outcome";
import { SIGNALS, type ActionResult } from "@/lib/actions-ui/types";
import { formatCount } from "@/lib/format/numbers";

type Props = {
  result: ActionResult;
  onScanAgain?: () => void;
  onDismiss?: () => void;
  /** The scan on screen was taken after this action: say so instead of "scan again". */
  rescanned?: boolean;
  /** The viewer may terminate or kill (else the next step is to ask support). */
  mayEnd?: boolean;
};

/** What an action did: the headline, the API's message, zombies before → after, the parent, the next step. */
export function ActionOutcome({ result, onScanAgain, onDismiss, rescanned = false, mayEnd = true }: Props) {
  const words = outcomeWords(result, mayEnd);
  return (
    <Callout tone={words.tone} data-testid="action-outcome" title={words.headline}>
      <p className="text-xs opacity-80">
        <SafeText value={result.message} />
      </p>
      <dl className="mt-1.5 flex flex-wrap gap-x-5 gap-y-0.5 text-xs">
        <div className="flex gap-1">
          <dt className="opacity-70">signal</dt>
          <dd className="font-mono">{SIGNALS[result.action]}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="opacity-70">zombies</dt>
          <dd className="font-mono tabular-nums" data-testid="outcome-zombies">
            {formatCount(result.before.zombies)} → {formatCount(result.after.zombies)}
          </dd>
        </div>
        <div className="flex gap-1">
          <dt className="opacity-70">parent</dt>
          <dd className="font-medium">{result.after.parentAlive ? "still running" : "ended"}</dd>
        </div>
        {result.orphansLeft ? (
          <div className="flex gap-1">
            <dt className="opacity-70">left under PID 1</dt>
            <dd className="font-mono tabular-nums">{formatCount(result.orphansLeft)}</dd>
          </div>
        ) : null}
      </dl>
      <p className="mt-1.5 font-medium">{rescanned ? "The scan below was taken after this action." : words.next}</p>
      {outcomeCaveats(result).map((note) => (
        <p key={note} className="mt-1 text-xs opacity-80">
          {note}
        </p>
      ))}
      <FollowUpButtons onScanAgain={onScanAgain} onDismiss={onDismiss} scanFirst={words.suggest === "scan"} />
    </Callout>
  );
}
