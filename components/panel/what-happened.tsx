"use client";

import { outcomeSummary } from "@/components/panel/panel-words";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { SafeText } from "@/components/ui/safe-text";
import type { Action } from "@/lib/shared/actions/types";

/** After Reap or Restart: what changed, in a sentence, and the server's own account of it. */
export function WhatHappened({ result, onCheckAgain }: { result: Action; onCheckAgain: () => void }) {
  const cleared = result.after.zombies === 0 && result.before.zombies > 0;
  return (
    <Callout tone={cleared ? "success" : "warning"} data-testid="panel-outcome" title="What happened">
      <p data-testid="panel-outcome-summary">{outcomeSummary(result)}</p>
      <p className="mt-1 text-xs opacity-80">
        In Reaper&apos;s words: <SafeText value={result.message} />
      </p>
      <div className="mt-2">
        <Button size="sm" variant={cleared ? "primary" : "secondary"} onClick={onCheckAgain}>
          Check again
        </Button>
      </div>
    </Callout>
  );
}
