"use client";

import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { SecretOnce } from "@/components/ui/secret-once";
import type { NewToken } from "@/lib/shared/auth/types";

/** The token's secret, this once: copy it now, it is never shown again. */
export function NewTokenNotice({ token, onDone }: { token: NewToken; onDone: () => void }) {
  return (
    <Callout tone="success" data-testid="new-token" title={`Token "${token.name}" created: copy it now`}>
      <p>This is the only time Reaper shows it. It acts as you, with your role, until you revoke it.</p>
      <SecretOnce value={token.token} testId="new-token-secret" copyLabel="Copy token" />
      <p className="mt-2 text-xs">
        Send it as <code className="font-mono">Authorization: Bearer {"<token>"}</code> on any API request.
      </p>
      <Button size="sm" variant="ghost" className="mt-1" onClick={onDone}>
        I have copied it
      </Button>
    </Callout>
  );
}
