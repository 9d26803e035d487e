"use client";

import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { CopyButton } from "@/components/ui/copy-button";
import type { NewToken } from "@/lib/shared/auth/types";

/** The token's secret, this once: copy it now, it is never shown again. */
export function NewTokenNotice({ token, onDone }: { token: NewToken; onDone: () => void }) {
  return (
    <Callout tone="success" data-testid="new-token" title={`Token "${token.name}" created: copy it now`}>
      <p>This is the only time Reaper shows it. It acts as you, with your role, until you revoke it.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid="new-token-secret" className="min-w-0 rounded bg-white px-2 py-1 font-mono text-xs break-all text-slate-900">
          {token.token}
        </code>
        <CopyButton text={token.token} label="Copy token" />
      </div>
      <p className="mt-2 text-xs">
        Send it as <code className="font-mono">Authorization: Bearer {"<token>"}</code> on any API request.
      </p>
      <Button size="sm" variant="ghost" className="mt-1" onClick={onDone}>
        I have copied it
      </Button>
    </Callout>
  );
}
