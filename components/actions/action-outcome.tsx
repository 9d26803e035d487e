"use client";

import { FollowUpButtons } from "@/components/actions/follow-up-buttons";
import { ShareButton, STAFF_WORDS } from "@/components/snapshots/share-button";
import { Callout } from "@/components/ui/callout";
import { SafeText } from "@/components/ui/safe-text";
import { actionMeans, type Action } from "@/lib/shared/actions/types";
import { formatCount } from "@/lib/shared/format/numbers";

type Props = {
  result: Action;
  onScanAgain?: () => void;
  onDismiss?: () => void;
  /** The scan on screen was taken after this action: say so instead of "scan again". */
  rescanned?: boolean;
  /** The scan this action followed: offers to share it, with this outcome, to a ticket. */
  shareScanId?: string;
};

/** What an action did, in the server's words: zombies before → after, the parent, the next step. */
export function ActionOutcome({ result, onScanAgain, onDismiss, rescanned = false, shareScanId }: Props) {
  // No next step means the zombies are gone (or there were none): only a scan is left to confirm it.
  const done = result.next === null;
  return (
    <Callout tone={done ? "success" : "warning"} data-testid="action-outcome" title={<SafeText value={result.message} />}>
      <dl className="mt-1.5 flex flex-wrap gap-x-5 gap-y-0.5 text-xs">
        <div className="flex gap-1">
          <dt className="opacity-70">{result.signal ? "signal" : "ran"}</dt>
          <dd className="font-mono">{actionMeans(result.action)}</dd>
        </div>
        {result.unit ? (
          <div className="flex gap-1" data-testid="outcome-unit">
            <dt className="opacity-70">unit</dt>
            <dd>
              <SafeText value={result.unit.name} className="font-mono" /> {result.unit.activeState}
              {result.unit.mainPid !== null ? `, main PID ${result.unit.mainPid}` : ""}
            </dd>
          </div>
        ) : null}
        <div className="flex gap-1">
          <dt className="opacity-70">zombies</dt>
          <dd className="font-mono tabular-nums" data-testid="outcome-zombies">
            {formatCount(result.before.zombies)} → {formatCount(result.after.zombies)}
          </dd>
        </div>
        <div className="flex gap-1">
          <dt className="opacity-70">parent</dt>
          <dd className="font-medium">{result.after.parentAlive ? "still running" : result.unit ? "ended (replaced)" : "ended"}</dd>
        </div>
        {result.orphansLeft ? (
          <div className="flex gap-1">
            <dt className="opacity-70">left under PID 1</dt>
            <dd className="font-mono tabular-nums">{formatCount(result.orphansLeft)}</dd>
          </div>
        ) : null}
      </dl>
      {rescanned ? <p className="mt-1.5 font-medium">The scan below was taken after this action.</p> : done ? <p className="mt-1.5 font-medium">Next: scan again to confirm.</p> : null}
      {result.replayed ? <p className="mt-1 text-xs opacity-80">This repeats an identical action that had just finished: no second signal was sent.</p> : null}
      <FollowUpButtons onScanAgain={onScanAgain} onDismiss={onDismiss} scanFirst={done}>
        {shareScanId ? <ShareButton serverId={result.serverId} scanId={shareScanId} label="Share to ticket" words={STAFF_WORDS} size="sm" /> : null}
      </FollowUpButtons>
    </Callout>
  );
}
